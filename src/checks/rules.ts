import type { CaseKind, TestCase } from '../generators/case.ts';
import { operationPointer, pointer } from '../spec/load.ts';
import { parseMediaType } from '../validators/media-type.ts';
import { LARGE_CONTENT_BYTES } from '../generators/values.ts';
import { DEFAULT_PROFILE, type OperationProfile } from './profile.ts';
import { fieldValue } from '../wire.ts';

/** JSON pointers into the spec that the verdict rows cite (OpenAPI 3.0.4 §4.8.10 Operation, §4.8.16 Responses). */
export interface Rules {
  readonly responses: string;
  /** The success answer (`…/responses/201` for the default operation). */
  readonly created: string;
  readonly badRequest: string;
  readonly requestBody: string;
  readonly requestContent: string;
  readonly pathItem: string;
  readonly security: string;
  readonly bearerScheme: string;
}

/** The pointers the rows cite for an operation's profile. */
export function rulesOf(p: Pick<OperationProfile, 'operation' | 'success'>): Rules {
  const op = operationPointer(p.operation);
  return {
    responses: `${op}/responses`,
    created: `${op}/responses/${p.success}`,
    badRequest: `${op}/responses/400`,
    requestBody: `${op}/requestBody`,
    requestContent: `${op}/requestBody/content`,
    pathItem: pointer('paths', p.operation.path),
    security: '/security',
    bearerScheme: '/components/securitySchemes/bearerAuth',
  };
}

/** Statuses the verdict profile allows although the spec does not document them (reported as spec gaps). */
export const PROFILE_ONLY_STATUSES: readonly number[] = [401, 403, 405, 415, 429];

/** The statuses each verdict-table row (case kind) allows. */
export type RowStatuses = Readonly<Record<CaseKind, readonly number[]>>;

/**
 * The statuses each verdict-table row (case kind) allows for an operation's profile: the one place that says so. A
 * case whose request-space class accepts other statuses (where an RFC leaves the server a choice) carries them in
 * `TestCase.accept`.
 */
export function rowStatuses(p: Pick<OperationProfile, 'success'>): RowStatuses {
  return {
    valid: [p.success],
    'schema-violation': [400],
    'malformed-json': [400],
    'empty-body': [400],
    auth: [401, 403],
    'media-type': [415, 400],
    method: [405],
    path: [404],
  };
}

/** The default operation's rows. */
export const ROW_STATUSES: RowStatuses = rowStatuses(DEFAULT_PROFILE);

/**
 * Content over this many bytes meets the body limits many stacks set by default (1 MiB: Fastify, koa-bodyparser,
 * aiohttp, hapi, Rocket, Kore, Racket's web server), and a server may close the connection to refuse it (RFC 9110
 * §15.5.14): one that does so with the content unread resets it, at random before or after its 413 is read (no lingering
 * close, RFC 9112 §9.6), so such a close is a warning there (`response-is-received`).
 */
export const COMMON_LIMIT_BYTES = 1024 * 1024;

/** Whether a case sends more than `bytes` of content (its bytes as written, for a raw message). */
function contentOver(c: Pick<TestCase, 'body' | 'wire'>, bytes: number): boolean {
  const b64 = c.wire?.bodyBase64;
  // The decoded length, padding left out: a body at the limit is not over it.
  if (b64 !== undefined) return Buffer.byteLength(b64, 'base64') > bytes;
  // Bytes are at least the string's UTF-16 length over 3 and at most 3 times it: measure only near the limit.
  const body = c.body ?? '';
  return body.length * 3 > bytes && Buffer.byteLength(body) > bytes;
}

/** Whether a case sends more than `LARGE_CONTENT_BYTES` of content. */
export function isLargeContent(c: Pick<TestCase, 'body' | 'wire'>): boolean {
  return contentOver(c, LARGE_CONTENT_BYTES);
}

/** Whether a case sends more than `COMMON_LIMIT_BYTES` of content. */
export function isOverCommonLimits(c: Pick<TestCase, 'body' | 'wire'>): boolean {
  return contentOver(c, COMMON_LIMIT_BYTES);
}

/**
 * Media types a browser sends cross-site without a preflight (Fetch, "CORS-safelisted request-header": a form's or
 * `text/plain`), and content with no Content-Type at all: cross-site request forgery protections refuse them with 403
 * when no Origin of the site's comes along (SvelteKit's and Astro's `checkOrigin`, on by default), before the media
 * type or the body is looked at.
 */
const CROSS_SITE_TYPES: ReadonlySet<string> = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/**
 * The rows a 403 of such a protection refuses as well as their own statuses do: the body's, and another method's
 * (Astro's check runs before routing, so a DELETE without content gets it where 405 is due); not a path's.
 */
const REFUSED_BODY_ROWS: ReadonlySet<TestCase['kind']> = new Set([
  'media-type',
  'empty-body',
  'malformed-json',
  'schema-violation',
  'method',
]);

/** Methods forgery protections let through unchecked: those a browser's form or link sends without side effects. */
const UNCHECKED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a refusal due was a cross-site forgery protection's 403 (`CROSS_SITE_TYPES`, or no Content-Type). */
function refusedAsCrossSite(c: Pick<TestCase, 'kind' | 'method' | 'contentType' | 'wire'>, status: number): boolean {
  if (status !== 403 || !REFUSED_BODY_ROWS.has(c.kind) || UNCHECKED_METHODS.has(c.method)) return false;
  // A message written byte by byte says its Content-Type in its own fields.
  const type = c.wire ? fieldValue(c.wire.headers, 'content-type') : c.contentType;
  return type === undefined || CROSS_SITE_TYPES.has(parseMediaType(type)?.essence ?? '');
}

/**
 * Whether the case itself accepts a status, whatever its row and the spec say: one its class names (an RFC's choice,
 * e.g. 411 to a body without framing, 501 to a method the server does not implement), 413 to large content, or 403 to
 * a form, `text/plain` or no Content-Type that the operation refuses anyway (`CROSS_SITE_TYPES`). The row's status checks,
 * `status-is-allowed` and `not-a-server-error` all ask here.
 */
export function caseAccepts(
  c: Pick<TestCase, 'accept' | 'body' | 'wire' | 'kind' | 'method' | 'contentType'>,
  status: number,
): boolean {
  return (
    (c.accept?.includes(status) ?? false) || (status === 413 && isLargeContent(c)) || refusedAsCrossSite(c, status)
  );
}

/** The statuses a case's row allows: its class's accepted ones, else its row's (the default operation's unless given). */
export function allowedStatuses(
  c: Pick<TestCase, 'kind' | 'accept'>,
  rows: RowStatuses = ROW_STATUSES,
): readonly number[] {
  return c.accept ?? rows[c.kind];
}
