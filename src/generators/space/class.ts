/**
 * The request space: every class of request the suite sends, grouped in dimensions (one file each, listed in order in
 * `./index.ts`, as the violation kinds are). A class says which verdict-table row is due, which statuses are accepted
 * where an RFC leaves the server a choice, the rule it comes from, and whether a departure is an error or advice.
 * `docs/request-space.md` is generated from this registry. Certification stays as it was (`../certify.ts`): a class
 * proposes a body, the validator decides whether it is what the class says.
 */
import { operationPointer, pointer } from '../../spec/load.ts';
import { DEFAULT_OPERATION } from '../../spec/operation.ts';
import { isUtf8 } from 'node:buffer';
import type { CaseKind, Violation, Wire } from '../case.ts';
import type { AuthMode } from '../../types.ts';
import { certifyInvalid, certifyValid, parseBody } from '../certify.ts';
import { CODINGS } from './codings.ts';
import { fieldValue } from '../../wire.ts';
import { draft, type Draft } from '../draft.ts';
import type { FieldModel } from '../model.ts';
import type { BoundaryContext } from '../violations/kind.ts';

/** One class of request. */
export interface RequestClass {
  /** The label its cases carry, or its pattern: `<name>` is filled in per case, e.g. `valid/null/<field>`. */
  readonly label: string;
  /** The verdict-table row due (the case kind). */
  readonly row: CaseKind;
  /** The statuses accepted where an RFC leaves the server a choice; the row's own statuses when absent. */
  readonly accept?: readonly number[];
  /** `advisory`: a departure on the row is a warning (a 5xx, a wrong answer body, a wrong echo still fail). */
  readonly severity: 'error' | 'advisory';
  /** The rule it comes from: a JSON pointer into the spec (`<field>`, `<media>` filled per case) or an RFC section. */
  readonly rule: string;
  /** One line: why the row is due, and for an advisory class why a departure is only advice. */
  readonly why: string;
  /** The server's HTTP layer may refuse such a message before the operation sees it (`TestCase.httpLayer`). */
  readonly httpLayer?: true;
  /** The problem family of its cases, where the label's prefix does not say it (`TestCase.family`). */
  readonly family?: string;
  /**
   * The label of the class whose behaviour this one varies (the same rule by another spelling or header): its first
   * case is sent after every other class's first, so that a request budget reaches each behaviour once before any
   * twice (`runner/schedule.ts`).
   */
  readonly variantOf?: string;
}

/** What a dimension's cases are built from. */
export interface SpaceContext extends BoundaryContext {
  /** The primary request media type's Content-Type. */
  readonly ct: string;
  /** Free strings: typed string, no enum, no format. */
  readonly strings: readonly FieldModel[];
  /** Fields without `type` or `enum`: any JSON value. */
  readonly untyped: readonly FieldModel[];
}

/** One dimension of the request space, registered in `./index.ts`. */
export interface Dimension {
  /** Slug, e.g. `formats`. */
  readonly name: string;
  readonly title: string;
  /** One or two sentences for the catalogue. */
  readonly summary: string;
  readonly classes: readonly RequestClass[];
  /** The boundary cases of this dimension, each of one of `classes`, in a stable order. */
  drafts(ctx: SpaceContext): Draft[];
}

/** A class (`severity` error unless `o.advisory`; `accept` only where an RFC leaves the server a choice). */
export function requestClass(
  row: CaseKind,
  label: string,
  rule: string,
  why: string,
  o: {
    readonly advisory?: true;
    readonly accept?: readonly number[];
    readonly httpLayer?: true;
    readonly family?: string;
    readonly variantOf?: string;
  } = {},
): RequestClass {
  return {
    label,
    row,
    severity: o.advisory ? 'advisory' : 'error',
    rule,
    why,
    ...(o.accept ? { accept: o.accept } : {}),
    ...(o.httpLayer ? { httpLayer: o.httpLayer } : {}),
    ...(o.family ? { family: o.family } : {}),
    ...(o.variantOf ? { variantOf: o.variantOf } : {}),
  };
}

/**
 * Pointers the classes cite: the request space (and `docs/request-space.md`) is the default operation's; its rows'
 * statuses are that operation's profile (201 due to a valid request).
 */
const OP = operationPointer(DEFAULT_OPERATION);
export const SPEC = {
  operation: OP,
  requestBody: `${OP}/requestBody`,
  requestContent: `${OP}/requestBody/content`,
  /** The request schema of a media type; followed by `/properties/<field>/…`. */
  schema: `${OP}/requestBody/content/<media>/schema`,
  field: `${OP}/requestBody/content/<media>/schema/properties/<field>`,
  security: '/security',
  pathItem: pointer('paths', DEFAULT_OPERATION.path),
  created: `${OP}/responses/201`,
  badRequest: `${OP}/responses/400`,
} as const;

/** How a case's label is made from its class's: the `<name>` parts filled in, or the whole label (which must match). */
export type Fills = Readonly<Record<string, string>> | string;

/** A class's label with its `<name>` parts filled in. */
export function labelOf(cls: RequestClass, fills: Fills = {}): string {
  if (typeof fills === 'string') {
    if (!matchesClass(cls, fills)) throw new Error(`request space: ${fills} is not of class ${cls.label}`);
    return fills;
  }
  return cls.label.replace(/<([a-z-]+)>/g, (whole, name: string) => fills[name] ?? whole);
}

const patterns = new WeakMap<RequestClass, RegExp>();

/** True when `label` is one of the class's labels (a `<name>` part stands for any non-empty text). */
export function matchesClass(cls: RequestClass, label: string): boolean {
  let re = patterns.get(cls);
  if (!re) {
    const source = cls.label
      .split(/<[a-z-]+>/)
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+');
    patterns.set(cls, (re = new RegExp(`^${source}$`)));
  }
  return re.test(label);
}

/** How a case of a class is sent, besides its body. */
export interface EmitOptions {
  /** The Content-Type sent (the primary one unless given; `undefined` given explicitly sends none). */
  readonly contentType?: string | undefined;
  readonly auth?: AuthMode;
  readonly method?: string;
  readonly violation?: Violation;
  /**
   * The message as written byte by byte (`../case.ts` `Wire`): `body` is then its readable form, certified as such;
   * a malformed-json case is certified on the bytes instead.
   */
  readonly wire?: Wire;
  /** A query string (`TestCase.query`). */
  readonly query?: string;
  /** Appended to the operation's path (`TestCase.pathSuffix`). */
  readonly pathSuffix?: string;
  /** The operation's path spelt another way (`TestCase.pathSpelling`). */
  readonly pathSpelling?: string;
  /** The problem family of this case, where its class's is not its own (one spelling of several). */
  readonly family?: string;
  /** The label of the case whose answer this one's must agree with (`TestCase.agreeWith`). */
  readonly agreeWith?: string;
}

/** Content codings the suite can apply (RFC 9110 §8.4.1); any other is unknown to a server as well. */
const KNOWN_CODINGS: ReadonlySet<string> = new Set([
  'gzip',
  'x-gzip',
  'deflate',
  'br',
  'compress',
  'x-compress',
  'identity',
  'zstd',
]);

/** The content coding a raw message names, trimmed and in lower case; undefined when it names none. */
function codingOf(wire: Wire | undefined): string | undefined {
  return wire === undefined ? undefined : fieldValue(wire.headers, 'content-encoding')?.trim().toLowerCase();
}

/** True when a raw message names a content coding that no registry defines. */
function unknownCoding(wire: Wire | undefined): boolean {
  const coding = codingOf(wire);
  return coding !== undefined && !KNOWN_CODINGS.has(coding);
}

/** True when a raw message names a registered coding its body is not in: the bytes do not decode (RFC 9110 §8.4.1). */
function undecodable(wire: Wire | undefined): boolean {
  const coding = codingOf(wire);
  const decode = CODINGS.find((c) => c.name === coding)?.decode;
  if (decode === undefined) return false;
  try {
    decode(Buffer.from(wire?.bodyBase64 ?? '', 'base64'));
    return false;
  } catch {
    return true;
  }
}

/** Whether a body is what its row says: the certification of `../certify.ts`, per row. */
function certified(
  ctx: SpaceContext,
  row: CaseKind,
  contentType: string | undefined,
  body: string | undefined,
  violation?: Violation,
  wire?: Wire,
): boolean {
  const bytes = wire?.bodyBase64 === undefined ? undefined : Buffer.from(wire.bodyBase64, 'base64');
  const v = ctx.model.validators;
  switch (row) {
    // A request to another path is the valid one: only where it goes may be refused.
    case 'valid':
    case 'path':
      return contentType !== undefined && body !== undefined && certifyValid(v, contentType, body);
    case 'schema-violation':
      return violation !== undefined && body !== undefined && certifyInvalid(v, contentType ?? ctx.ct, body, violation);
    case 'malformed-json':
      // Bytes that are not UTF-8 are not JSON text (RFC 8259 §8.1), whatever their readable form parses to.
      return bytes !== undefined ? !isUtf8(bytes) || !parseBody(bytes.toString('utf8')).ok : !parseBody(body).ok;
    case 'media-type':
      // An undeclared media type, or a declared one in a content coding the suite does not know or that its bytes
      // are not in (`encodings.ts`).
      return v.requestFor(contentType) === undefined || unknownCoding(wire) || undecodable(wire);
    default:
      return true;
  }
}

/**
 * The case of class `cls` (label filled with `fills`) sending `body`, when it certifies; none otherwise (so a spec
 * without, say, nullable fields simply has no such case). Returned as a list for `flatMap`.
 */
export function emit(
  ctx: SpaceContext,
  cls: RequestClass,
  fills: Fills,
  body: string | undefined,
  o: EmitOptions = {},
): Draft[] {
  const contentType = 'contentType' in o ? o.contentType : ctx.ct;
  if (!certified(ctx, cls.row, contentType, body, o.violation, o.wire)) return [];
  return [
    draft(cls.row, labelOf(cls, fills), body, {
      contentType,
      ...(o.method ? { method: o.method } : {}),
      ...(o.auth ? { auth: o.auth } : {}),
      ...(o.violation ? { violation: o.violation } : {}),
      ...(cls.severity === 'advisory' ? { advisory: cls.why } : {}),
      ...(cls.accept ? { accept: cls.accept } : {}),
      ...(o.wire ? { wire: o.wire } : {}),
      ...(cls.httpLayer ? { httpLayer: cls.httpLayer } : {}),
      ...((o.family ?? cls.family) ? { family: o.family ?? cls.family } : {}),
      ...(o.query ? { query: o.query } : {}),
      ...(o.pathSuffix ? { pathSuffix: o.pathSuffix } : {}),
      ...(o.pathSpelling ? { pathSpelling: o.pathSpelling } : {}),
      ...(o.agreeWith ? { agreeWith: o.agreeWith } : {}),
      class: cls.label,
    }),
  ];
}
