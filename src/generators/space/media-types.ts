/** Media types (`requestBody.content`, RFC 9110 §8.3): each declared one, its spellings, and undeclared ones. */
import { MEDIA_FAMILY } from '../case.ts';
import type { Draft } from '../draft.ts';
import { otherMedia } from '../model.ts';
import { mixedCaseMediaType } from '../near-miss.ts';
import { interleave } from '../order.ts';
import { emit, SPEC, requestClass, type Dimension } from './class.ts';
import { wire } from './wire.ts';
import { WIRE_ORIGIN } from '../../wire.ts';

const declared = requestClass(
  'valid',
  'valid/<media>',
  SPEC.requestContent,
  'every declared media type, without and with `; charset=utf-8`, is a valid request; a range such as `application/*+json` by a subtype in the vendor tree, by one outside it (`application/conformance+json`) and by one with digits, `-`, `_` and `.` in its name',
  { family: MEDIA_FAMILY },
);
const mixedCase = requestClass(
  'valid',
  'valid/<media>-mixed-case',
  'RFC 9110 §8.3.1',
  'the declared media type in other letter cases (`Application/JSON`): type and subtype are case-insensitive (RFC 9110 §8.3.1), so it is the declared type and 201 is due; a comparison as written (a case-sensitive pattern, `===`) refuses it',
  { family: MEDIA_FAMILY, variantOf: 'valid/media/<spelling>' },
);
const repeated = requestClass(
  'valid',
  'valid/media/content-type-twice',
  'RFC 9110 §5.3',
  'the declared media type on two Content-Type lines: a sender MUST NOT repeat a field that is no list (RFC 9110 §5.3), so a server may refuse it (400, 415) or read one line (201); its HTTP layer may refuse it first, in its own format (aiohttp’s text/plain 400); a 5xx (a handler given a list where it expects a string, as nginx’s Lua get_headers() returns) is no answer',
  // aiohttp's parser answers "Duplicate 'Content-Type' header found." as text/plain before any handler (probe).
  { accept: [201, 400, 415], family: MEDIA_FAMILY, variantOf: 'valid/media/<spelling>', httpLayer: true },
);
const undeclared = requestClass(
  'media-type',
  'media/<type>',
  SPEC.requestContent,
  'a media type the operation does not declare (text/plain, application/xml, a form, JSON synonyms such as text/x-json and text/javascript, and look-alikes of the declared ones that a substring or prefix test takes for them: application/json-seq, application/jsonp, a `+jsonp` suffix), with a valid JSON body; to text/plain and a form, which a browser sends cross-site without a preflight, a forgery protection’s 403 is accepted too (SvelteKit’s and Astro’s checkOrigin)',
);
const sameType = requestClass(
  'valid',
  'valid/media/<spelling>',
  'RFC 9110 §8.3.1',
  'the same media type spelt another way the grammar allows: no space or optional white space around `;` (OWS ";" OWS), a parameter name or charset value in another case, a quoted value: all must be accepted, and the text beyond ASCII in the body read as the UTF-8 it is',
  { family: MEDIA_FAMILY },
);
const otherParameter = requestClass(
  'valid',
  'valid/media/<parameter>',
  'RFC 8259 §11',
  'a charset no registry defines, an unknown parameter, or iso-8859-1 over UTF-8 text that is not ASCII: application/json defines no parameters, and "adding one really has no effect on compliant recipients" (RFC 8259 §11), so the text echoed is the text sent; refusing it with 415 is also common',
  { advisory: true, accept: [201, 415], family: MEDIA_FAMILY },
);
const missing = requestClass(
  'media-type',
  'media/missing',
  'RFC 9110 §8.3',
  'a valid JSON body with no Content-Type: the request does not say it is JSON (415 or 400 due); stacks that assume JSON answer 201, hence advice',
  { advisory: true, accept: [415, 400] },
);

const invalidMissing = requestClass(
  'media-type',
  'media/missing-invalid-body',
  'RFC 9110 §8.3',
  'an invalid body (an empty object) with no Content-Type: whether the server takes it for JSON (400) or not (415), it is never created',
  { accept: [415, 400], variantOf: 'media/missing' },
);

const formBody = requestClass(
  'media-type',
  'media/form-body/<form>',
  SPEC.requestContent,
  'the minimal body’s members as a form, under its own media type (`application/x-www-form-urlencoded`, `multipart/form-data`): not a declared media type, so 415 is due (400 accepted, and a cross-site forgery protection’s 403), where a stack that reads forms into its parameters (koa-body, Express’s urlencoded(), Rails, Laravel, Flask’s request.values) creates it',
  { variantOf: 'media/<type>' },
);

const sameOrigin = requestClass(
  'media-type',
  'media/same-origin/<form>',
  SPEC.requestContent,
  'a valid JSON body as text/plain, and the minimal body’s members as a form, each with the `Origin` of the API’s own site: the forgery protection that refuses such posts cross-site (SvelteKit’s, Astro’s and Qwik City’s checkOrigin) lets them through, so the handler answers: not a declared media type, 415 due (400 accepted), where a handler behind such a protection that reads any body as JSON, or forms into its parameters, creates it',
  { variantOf: 'media/<type>' },
);

/** Spellings of the same media type (RFC 9110 §5.6.6 parameters: OWS ";" OWS name "=" value; names and charset values case-insensitive). */
const SPELLINGS: readonly (readonly [string, (type: string) => string])[] = [
  ['no-space', (t) => `${t};charset=utf-8`],
  ['ows-before-semicolon', (t) => `${t} ;charset=utf-8`],
  ['ows-around-semicolon', (t) => `${t} ; charset=utf-8`],
  ['parameter-name-case', (t) => `${t}; Charset=utf-8`],
  ['charset-value-case', (t) => `${t}; charset=UTF-8`],
  // Neither of the two spellings a comparison with `utf-8` and `UTF-8` knows (POCO probe: 415).
  ['charset-value-mixed-case', (t) => `${t}; charset=Utf-8`],
  ['quoted-charset', (t) => `${t}; charset="utf-8"`],
];
/** Text in two and three bytes of UTF-8, which no single-byte charset reads as sent. */
const BEYOND_ASCII = 'conformance-Müller-Ærø-测试';

/** Parameters no JSON recipient needs. */
const OTHER_PARAMETERS: readonly (readonly [string, (type: string) => string])[] = [
  ['unknown-charset', (t) => `${t}; charset=x-conformance`],
  ['unknown-parameter', (t) => `${t}; conformance=1`],
];

/**
 * Media types no spec of this operation declares; each is also checked against the declared ones. Besides the common
 * ones, JSON synonyms a stack registers on its own (Rails: `text/x-json`; CherryPy's json_in: `text/javascript`;
 * Jackson's JAX-RS provider: `application/javascript`, `application/x-json`) and
 * a Content-Type that is no media type at all (`json`, no subtype: RFC 9110 §8.3.1).
 */
const UNDECLARED: readonly string[] = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'text/x-json',
  'json',
  'text/javascript',
  // What Jackson's JAX-RS provider reads as JSON besides application/json (Jersey probe), and jQuery's old synonym.
  'application/javascript',
  'application/x-javascript',
  'application/x-json',
];
/**
 * Other media types whose names contain the primary one's subtype (a check by substring or prefix takes them for it):
 * a registered sequence type (`application/json-seq`, RFC 7464) and a padded one (`application/jsonp`). Those the
 * spec declares after all (a `+json` wildcard) are left out by the certification.
 */
const LOOK_ALIKES: readonly ((type: string, subtype: string) => string)[] = [
  (t, s) => `${t}/${s}-seq`,
  (t, s) => `${t}/${s}p`,
];

export const mediaTypes: Dimension = {
  name: 'media-types',
  title: 'Media types',
  summary:
    'The Content-Type of an otherwise valid request: every declared media type, in every spelling of it, is accepted (201 due), an undeclared one refused (415 due, 400 accepted), none at all refused (advice; an invalid body with none is never created).',
  classes: [
    declared,
    mixedCase,
    sameType,
    otherParameter,
    repeated,
    undeclared,
    formBody,
    sameOrigin,
    missing,
    invalidMissing,
  ],
  drafts(ctx) {
    const { model } = ctx;
    const all = JSON.stringify(ctx.all);
    const out: Draft[] = [];
    // The primary media type as every valid body sends it last: the others show more.
    const media = [...model.media].sort((a, b) => Number(a.contentType === ctx.ct) - Number(b.contentType === ctx.ct));
    for (const m of media) out.push(...emit(ctx, declared, { media: m.slug }, all, { contentType: m.contentType }));
    // A range (`application/*+json`) also by a subtype outside the vendor tree (RFC 6838 §3.1): a server that reads
    // the range as `vnd.*+json` (Django probe) refuses it.
    // And by one spelt with the other characters a subtype name may hold (RFC 6838 §4.2: digits, `-`, `_`, `.`): a
    // suffix test by a letters-only pattern (restify's `^application/[a-zA-Z.]+\+json`) refuses it.
    for (const m of model.media.filter((x) => x.declared.includes('*+') && !x.contentType.includes(';')))
      for (const name of ['conformance', 'vnd.conformance-test_2.v1']) {
        const other = m.contentType.replace(/\/[^/+]*\+/, `/${name}+`);
        out.push(...emit(ctx, declared, { media: other.replace(/[^a-z0-9]+/gi, '-') }, all, { contentType: other }));
      }
    const [type = '', subtype = ''] = model.primary.contentType.split('/');
    out.push(
      ...emit(ctx, mixedCase, { media: model.primary.slug }, all, {
        contentType: mixedCaseMediaType(model.primary.contentType),
      }),
    );
    // The other declared types too: an HTTP layer that lower-cases the common ones (Jetty) leaves a `+json` one to
    // the application's own comparison.
    for (const m of otherMedia(model))
      out.push(...emit(ctx, mixedCase, { media: m.slug }, all, { contentType: mixedCaseMediaType(m.contentType) }));
    // With text beyond ASCII in the first free string: a reader that decodes as UTF-8 only under the label it knows
    // (`charset=utf-8` as written) and as Latin-1 otherwise garbles it (Next.js blind probe), which ASCII never shows.
    const [text] = ctx.strings;
    const beyondAscii = text === undefined ? undefined : JSON.stringify({ ...ctx.all, [text.name]: BEYOND_ASCII });
    for (const [spelling, spell] of SPELLINGS)
      out.push(...emit(ctx, sameType, { spelling }, beyondAscii ?? all, { contentType: spell(ctx.ct) }));
    for (const [parameter, spell] of OTHER_PARAMETERS)
      out.push(...emit(ctx, otherParameter, { parameter }, all, { contentType: spell(ctx.ct) }));
    // A registered charset other than UTF-8 over UTF-8 text that is not ASCII: the parameter has no effect (RFC 8259
    // §11), so the text echoed is the text sent; a reader that decodes by it (WebOb's json_body) changes the text.
    if (beyondAscii !== undefined)
      out.push(
        ...emit(ctx, otherParameter, { parameter: 'latin-1-charset' }, beyondAscii, {
          contentType: `${ctx.ct}; charset=iso-8859-1`,
        }),
      );
    const m = JSON.stringify(ctx.minimal);
    // Written byte by byte: the HTTP client writes one Content-Type line.
    out.push(
      ...emit(ctx, repeated, {}, m, {
        wire: wire({ contentType: ctx.ct, extra: [['Content-Type', ctx.ct]] }, undefined, Buffer.from(m)),
      }),
    );
    // A look-alike second: the first case asks whether the type is checked at all, the second whether exactly.
    for (const mt of interleave(
      UNDECLARED,
      LOOK_ALIKES.map((f) => f(type, subtype)),
    ))
      out.push(...emit(ctx, undeclared, { type: mt.replace(/[^a-z0-9]+/gi, '-') }, m, { contentType: mt }));
    // A structured-suffix type declared or reached by a range (`application/*+json`), padded: `+jsonp` is another
    // suffix (RFC 6838 §4.2.8), which a suffix test without an end anchor (restify's `^application/[a-zA-Z.]+\+json`)
    // takes for JSON.
    const suffixed = new Set(
      model.media.map((x) => x.contentType.split(';')[0].trim()).filter((t) => /\+json$/i.test(t)),
    );
    for (const t of suffixed)
      out.push(...emit(ctx, undeclared, { type: `${t}p`.replace(/[^a-z0-9]+/gi, '-') }, m, { contentType: `${t}p` }));
    // The same suffixed subtype under another top-level type (`text/vnd.x+json` where `application/*+json` is
    // declared): a test of the suffix alone (`/\+json$/`) takes it for JSON.
    for (const t of suffixed) {
      const other = t.replace(/^[^/]+/, (top) => (top.toLowerCase() === 'text' ? 'application' : 'text'));
      out.push(...emit(ctx, undeclared, { type: other.replace(/[^a-z0-9]+/gi, '-') }, m, { contentType: other }));
    }
    for (const [form, contentType, body] of formsOf(ctx.minimal))
      out.push(...emit(ctx, formBody, { form }, body, { contentType }));
    // Written byte by byte, the target's own origin filled in when sent (`fillOrigin`, src/wire.ts).
    for (const [form, contentType, body] of [['text-plain', 'text/plain', m] as const, ...formsOf(ctx.minimal)])
      out.push(
        ...emit(ctx, sameOrigin, { form }, body, {
          contentType,
          wire: wire({ contentType, extra: [['Origin', WIRE_ORIGIN]] }, undefined, Buffer.from(body)),
        }),
      );
    // Written byte by byte: the HTTP client would add a Content-Type of its own to a body without one.
    out.push(
      ...emit(ctx, missing, {}, m, {
        contentType: undefined,
        wire: wire({ contentType: undefined }, undefined, Buffer.from(m)),
      }),
    );
    if (model.required.length > 0)
      out.push(
        ...emit(ctx, invalidMissing, {}, '{}', {
          contentType: undefined,
          wire: wire({ contentType: undefined }, undefined, Buffer.from('{}')),
        }),
      );
    return out;
  },
};

/** A form's text of a member's value: a string as it is, anything else as its JSON. */
const formValue = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The members of a body as an HTML form sends them (WHATWG URL §5.2; RFC 7578): urlencoded, and multipart. */
function formsOf(body: Readonly<Record<string, unknown>>): [string, string, string][] {
  const members = Object.entries(body).map(([k, v]): [string, string] => [k, formValue(v)]);
  const boundary = 'conformance-form-boundary';
  const parts = members.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return [
    ['urlencoded', 'application/x-www-form-urlencoded', new URLSearchParams(members).toString()],
    ['multipart', `multipart/form-data; boundary=${boundary}`, `${parts.join('')}--${boundary}--\r\n`],
  ];
}
