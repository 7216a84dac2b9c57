/**
 * Accept (RFC 9110 §12.5.1): what the client says it takes back. A valid request without the field, or with one
 * that covers JSON by a range, is answered as any other (201 due): no Accept means any media type, and the range of
 * every type is curl's own default. One that excludes JSON leaves the server a choice: 406, or the answer anyway.
 * And an anonymous request with `*\/*`, which most HTTP clients send: a framework that renders its errors by Accept
 * redirects it to a login page, where the documented 401 is due (the invalid body with it: `violations/required.ts`).
 */
import type { Draft } from '../draft.ts';
import { emit, requestClass, SPEC, type Dimension } from './class.ts';
import { wire } from './wire.ts';
import { otherMedia } from '../model.ts';
import { rootViolation } from '../violations/kind.ts';

const covered = requestClass(
  'valid',
  'valid/accept/<accept>',
  'RFC 9110 §12.5.1',
  'no Accept field (any media type), or one that covers application/json by a range (`*/*`, curl’s default; `application/*`) or as clients write it (a list, axios’s `application/json, text/plain, */*`; a weight; a charset parameter; another letter case): the answer is the same, 201 due',
);
const excluded = requestClass(
  'valid',
  'valid/accept/text-html',
  'RFC 9110 §12.5.1',
  'an Accept field that excludes JSON: the server may answer 406 or disregard the field and answer as usual, hence advice',
  { advisory: true, accept: [201, 406], variantOf: 'valid/accept/<accept>' },
);

const plain = requestClass(
  'valid',
  'valid/accept/text-plain',
  'RFC 9110 §12.5.1',
  'an Accept field that asks for plain text only: 406, or the documented JSON anyway (advice); a stack that labels its JSON with the type asked for (Sails blind probe: a 201 as text/plain) answers a body the operation does not document, which fails whatever the status',
  { advisory: true, accept: [201, 406], variantOf: 'valid/accept/<accept>' },
);

const xml = requestClass(
  'valid',
  'valid/accept/application-xml',
  'RFC 9110 §12.5.1',
  'an Accept field that asks for XML only: 406, or the documented JSON anyway (advice); a stack that negotiates an XML rendering (Spring with jackson-dataformat-xml, ASP.NET with XML formatters) answers a body the operation does not document, which fails whatever the status',
  { advisory: true, accept: [201, 406], variantOf: 'valid/accept/<accept>' },
);

// The other media types the operation reads, asked for in Accept (a client that writes its Content-Type there too):
// the operation documents JSON only for its answers, so 406 or JSON as application/json (advice); a stack that
// labels the answer with the type asked for (go-restful blind probe: `text/json`) fails whatever the status.
const asRead = requestClass(
  'valid',
  'valid/accept/media/<media>',
  'RFC 9110 §12.5.1',
  'an Accept field naming only another media type the operation reads (its Content-Type, as a client may write both alike): the answers are documented as application/json only, so 406, or the documented answer as application/json (advice); an answer labelled with the type asked for is one the operation does not document, which fails whatever the status',
  { advisory: true, accept: [201, 406], variantOf: 'valid/accept/<accept>' },
);

const anonymous = requestClass(
  'auth',
  'auth/none/accept-any',
  SPEC.security,
  'no credentials, with `Accept: */*`: the documented 401 is due, not a redirect to a login page',
  // The same behaviour as an invalid body's with `Accept: */*` (an error rendered for a browser), on another error.
  { variantOf: 'invalid/required/<field>/accept-any' },
);

// An invalid body with an Accept for HTML only, and as a browser's script sends it: the error answer is the documented
// one whatever the client prefers (the invalid body with `*\/*` and a browser's Accept: `violations/required.ts`).
const invalidHtml = requestClass(
  'schema-violation',
  'invalid/required/<field>/accept-html',
  `${SPEC.schema}/required`,
  'a required member missing, with an Accept that names HTML only: the operation documents its 400 as JSON only, so the documented 400 (RFC 9110 §12.5.1: a server may disregard Accept) or a 406 is due; an error page negotiated to HTML (AdonisJS’s and Spring Boot’s default error rendering) is an answer the operation does not document',
  { accept: [400, 406], variantOf: 'invalid/required/<field>/accept-any' },
);
const invalidProblem = requestClass(
  'schema-violation',
  'invalid/required/<field>/accept-problem-json',
  `${SPEC.schema}/required`,
  'a required member missing, with an Accept that names only `application/problem+json` (RFC 9457): the operation documents its 400 as a `ConnectApiErrorResult` in application/json, so that 400 (RFC 9110 §12.5.1: a server may disregard Accept) or a 406 is due; a problem document negotiated for it (a framework’s RFC 9457 support switched on by Accept) is an answer the operation does not document',
  { accept: [400, 406], variantOf: 'invalid/required/<field>/accept-any' },
);
const malformedHtml = requestClass(
  'malformed-json',
  'malformed/accept-html',
  'RFC 8259 §2',
  'a body that is not JSON (an unclosed object), with an Accept that names HTML only: the documented 400 as JSON, or a 406, is due; a parse error rendered as an HTML error page (Marble.js blind probe: a parser’s error handler negotiated apart from the validator’s) is an answer the operation does not document',
  { accept: [400, 406], variantOf: 'malformed/<form>' },
);
const invalidXhr = requestClass(
  'schema-violation',
  'invalid/required/<field>/xhr',
  `${SPEC.schema}/required`,
  'a required member missing, with `X-Requested-With: XMLHttpRequest` as a browser’s script sends it: the documented 400 is due, not the 422 a framework gives the requests it takes for AJAX ones (Laravel’s validation)',
  { variantOf: 'invalid/required/<field>/accept-any' },
);

/** Accept values, by the label part they get; null sends no Accept field. */
const COVERED: readonly (readonly [string, string | null])[] = [
  ['none', null],
  ['any', '*/*'],
  ['application-any', 'application/*'],
  // As clients write it: a list (axios's default), a weight, a parameter (RFC 9110 §12.5.1); a server that compares
  // the whole field with one range refuses them (Bun probe: 406).
  ['list', 'application/json, text/plain, */*'],
  ['weighted', 'application/json;q=0.9, */*;q=0.1'],
  ['charset', 'application/json; charset=utf-8'],
];

export const accept: Dimension = {
  name: 'accept',
  title: 'Accept',
  summary:
    'The Accept field of an otherwise valid request: absent, or covering JSON by a range, in a list, with a weight or a parameter, 201 is due; excluding JSON (HTML, XML, plain text, another media type the operation reads), 406 or 201 as application/json (advice); an invalid or malformed body with an Accept for HTML only, an invalid one for RFC 9457 problem documents only (400 as JSON, or 406) or from a browser’s script (`X-Requested-With`, 400 due).',
  classes: [covered, excluded, xml, anonymous, asRead, invalidHtml, invalidXhr, invalidProblem, plain, malformedHtml],
  drafts(ctx) {
    const m = JSON.stringify(ctx.minimal);
    // Written byte by byte: the HTTP client writes an Accept of its own. `authorization` as wire() takes it.
    const raw = (accept: string | null, authorization?: readonly string[], body = m) => ({
      wire: wire(
        { contentType: ctx.ct, accept, ...(authorization ? { authorization } : {}) },
        undefined,
        Buffer.from(body),
      ),
    });
    const out: Draft[] = [];
    for (const [name, value] of COVERED) out.push(...emit(ctx, covered, { accept: name }, m, raw(value)));
    out.push(...emit(ctx, excluded, {}, m, raw('text/html')));
    out.push(...emit(ctx, xml, {}, m, raw('application/xml')));
    out.push(...emit(ctx, anonymous, {}, m, { auth: 'none', ...raw('*/*', []) }));
    // The media type in another letter case (RFC 9110 §8.3.1: type and subtype are case-insensitive): a negotiation
    // that compares the text exactly answers 406. Last, so that no earlier case's rotation moves.
    out.push(...emit(ctx, covered, { accept: 'mixed-case' }, m, raw('Application/JSON')));
    for (const x of otherMedia(ctx.model)) out.push(...emit(ctx, asRead, { media: x.slug }, m, raw(x.contentType)));
    const [first] = ctx.model.required;
    if (first !== undefined) {
      const { [first]: _left, ...rest } = ctx.minimal;
      const body = JSON.stringify(rest);
      const violation = rootViolation(ctx.model, 'required');
      out.push(
        ...emit(ctx, invalidHtml, { field: first }, body, { violation, ...raw('text/html', undefined, body) }),
        ...emit(ctx, invalidXhr, { field: first }, body, {
          violation,
          wire: wire(
            { contentType: ctx.ct, extra: [['X-Requested-With', 'XMLHttpRequest']] },
            undefined,
            Buffer.from(body),
          ),
        }),
        ...emit(ctx, invalidProblem, { field: first }, body, {
          violation,
          ...raw('application/problem+json', undefined, body),
        }),
      );
    }
    out.push(...emit(ctx, plain, {}, m, raw('text/plain')));
    const unclosed = m.slice(0, -1);
    out.push(...emit(ctx, malformedHtml, {}, unclosed, raw('text/html', undefined, unclosed)));
    return out;
  },
};
