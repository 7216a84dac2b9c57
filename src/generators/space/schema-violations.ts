/**
 * Schema violations: exactly one broken rule of the request schema per case, one violation kind per keyword
 * (`../violations/`, whose order this dimension keeps). The case cites the exact rule it breaks.
 */
import type { Draft } from '../draft.ts';
import { VIOLATIONS } from '../violations/index.ts';
import type { InvalidCandidate } from '../violations/kind.ts';
import { otherMedia } from '../model.ts';
import { rotation } from './rotation.ts';
import { wire } from './wire.ts';
import { emit, matchesClass, requestClass, SPEC, type Dimension, type RequestClass } from './class.ts';

const row = 'schema-violation' as const;
const field = SPEC.field;
/** A rule broken for a top-level member with every nullable member null beside it. */
const requiredBesideNulls = requestClass(
  row,
  'invalid/required/<field>/beside-nulls',
  `${SPEC.schema}/required`,
  'a required member left out with every nullable member null: a check that reads the nulls as “nothing sent” and skips the rest (a nil short-circuit) creates it',
  { variantOf: 'invalid/required/<field>' },
);
const nullBesideNulls = requestClass(
  row,
  'invalid/type/<field>/null-beside-nulls',
  `${field}/type`,
  'null where the member is not nullable, with every nullable member null too: a check that reads the nulls as “nothing sent” and skips the rest (Ring blind probe: `type: null` created where `brand` was null too)',
  { variantOf: 'invalid/type/<field>/null' },
);
/** The case with curl's Accept again with the one a browser sends, its body the same (one Accept against another). */
const acceptBrowser = requestClass(
  row,
  'invalid/required/<field>/accept-browser',
  `${SPEC.schema}/required`,
  'a required member missing, with the Accept a browser sends (HTML first, `*/*;q=0.8` last, so JSON is acceptable): the documented 400 is due, not a page or a redirect back rendered for a form (Laravel’s validation for a request that does not ask for JSON)',
  { variantOf: 'invalid/required/<field>/accept-any' },
);
/** What a browser asks for when it navigates (Chrome's and Firefox's Accept): HTML first, anything at last. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
/** Most specific first: a case is of the first class whose label pattern it matches. */
const CLASSES: readonly RequestClass[] = [
  requestClass(
    row,
    'invalid/required/<field>/in-query',
    `${SPEC.schema}/required`,
    'a required member left out of the body and given in the query string instead (the operation defines no query parameter): stacks that merge query and body into one set of parameters (Rails, Sinatra, Grape, Laravel) create it; a 404 to a target URI whose query the operation does not define is also right (RFC 9110 §15.5.5)',
    { accept: [400, 404] },
  ),
  requestClass(
    row,
    'invalid/required/<field>/accept-any',
    `${SPEC.schema}/required`,
    'a required member missing, with `Accept: */*` (what curl and most HTTP clients send): the documented 400 is due, not an error page or a redirect rendered for a browser (Laravel’s default handler answers JSON only when Accept names it)',
  ),
  acceptBrowser,
  requestClass(
    row,
    'invalid/required/empty-object/<media>',
    SPEC.requestContent,
    'an empty object under every other declared media type and spelling: the schema applies to each; a stack that finds no schema for a spelling skips validation and creates it (a 415 is accepted: a refused declared type is the valid cases’ failure)',
    { accept: [400, 415] },
  ),
  requiredBesideNulls,
  requestClass(
    row,
    'invalid/required/<field>/<other>-<member>',
    `${SPEC.schema}/required`,
    'a required member left out beside each other member of an enum the body carries (`type`): a provider that validates per entity type, a schema or a branch per member, checks a member on some branches only',
    { variantOf: 'invalid/required/<field>' },
  ),
  requestClass(
    row,
    'invalid/required/<field>',
    `${SPEC.schema}/required`,
    'a required member left out: each one, all at once, an empty object',
  ),
  requestClass(
    row,
    'invalid/type/root/<shape>',
    `${SPEC.schema}/type`,
    'a body that is JSON but not an object: a scalar, null, an array, the object as `[name, value]` pairs (Python’s dict() reads them), as its values in the schema’s order (serde reads a struct from them) or as its JSON text inside a string (a reader that parses a string body again, as routing-controllers does with body-parser’s `strict: false`, takes it for the object)',
  ),
  requestClass(
    row,
    'invalid/type/<field>/array-of-<type>',
    `${field}/type`,
    'a one-element array, which coercing validators unwrap (Ajv `coerceTypes: array`, Fastify’s default)',
  ),
  nullBesideNulls,
  requestClass(
    row,
    'invalid/type/<field>/null',
    `${field}/type`,
    'null where the member is not nullable: a binder may take it as the type’s default',
  ),
  requestClass(
    row,
    'invalid/type/<field>/<shape>',
    `${field}/type`,
    'a value of another type (a number, a boolean, an array, an object), which coercing validators turn into a string; falsy scalars (`0`, `false`), which a check skipped for falsy values lets through; for an enum, a number (an ordinal) and `{"<member>": null}` (serde’s tagged form)',
  ),
  requestClass(
    row,
    'invalid/enum/<field>/<letter>case',
    `${field}/enum`,
    'a member in another letter case (lower, upper, camel): enum members are compared exactly',
  ),
  requestClass(
    row,
    'invalid/enum/<field>/<side>-space',
    `${field}/enum`,
    'a member with a leading or trailing space, which a trimming binder accepts',
  ),
  requestClass(
    row,
    'invalid/enum/<field>/<variant>',
    `${field}/enum`,
    'a string one small step from a member (look-alike letters, zero-width characters, its ordinal, empty, unknown, the member with more after or before it, which a match on its start or end takes, a kind of energy asset the document does not list, as Gateway), or a member of another enum of the document (a server that checks against the wrong enum, or a union of them, takes it)',
  ),
  requestClass(
    row,
    'invalid/format/<field>/<variant>',
    `${field}/format`,
    'a string near a valid value of the format (a uuid without hyphens, in braces, a digit short or long, a non-hex digit)',
  ),
  requestClass(
    row,
    'invalid/additionalProperties/unknown',
    `${SPEC.schema}/additionalProperties`,
    '`additionalProperties: false`: a member the schema does not define',
  ),
  requestClass(
    row,
    'invalid/additionalProperties/wrapped/<member>',
    `${SPEC.schema}/additionalProperties`,
    'the required members, and the whole body again inside one member named after the resource (`data`, as the answers have; the path’s resource in the singular; the schema’s name): an unknown member; a stack that unwraps a body (Rails’ wrap_parameters leaves a body that already has its key alone, and the controller reads the inner one) creates it',
    { variantOf: 'invalid/additionalProperties/<name>' },
  ),
  requestClass(
    row,
    'invalid/additionalProperties/<name>',
    `${SPEC.schema}/additionalProperties`,
    'another spelling of a known member (empty, Pascal, upper or snake case), which case-insensitive binders and alias generators take as the member; or a method override (`_method`, `_METHOD`), which Laravel and Slim take for the request’s method (another route, or a 405) or drop from the body; or a name an error answer must encode to name it (a lone surrogate, characters beyond ASCII); names a reader sets aside as metadata (`x-`, `$schema`, `_`); the answer’s own members (`id`, `status`, `created`), which a server that binds the body into its stored model takes from the client',
  ),
];

/** The label of the unknown member's case (`additionalProperties` violations), sent under the other media types too. */
const UNKNOWN_MEMBER = 'invalid/additionalProperties/unknown';
/** The unknown member under each other declared media type: emitted after every other case (its rotation moves none). */
const unknownElsewhere = requestClass(
  'schema-violation',
  'invalid/additionalProperties/unknown/<media>',
  `${SPEC.schema}/additionalProperties`,
  '`additionalProperties: false` under each other declared media type (no parameters): 400 due as under the primary one; a branch that strips unknown members before its own validation (Moleculer probe: `text/json` only) creates it (a 415 is accepted: a refused declared type is the valid cases’ failure)',
  { accept: [400, 415], variantOf: UNKNOWN_MEMBER },
);

export const schemaViolations: Dimension = {
  name: 'schema-violations',
  title: 'Schema violations',
  summary:
    'One violation of the request schema per case, certified by the request validator on the bytes sent: 400 is due, and the failure cites the rule broken.',
  classes: [...CLASSES, unknownElsewhere],
  drafts(ctx) {
    const out: Draft[] = [];
    // Within a kind, cases on members without a format first: a wrong value on a uuid member breaks its format too
    // for most providers, so it shows less (the scheduler sends each class's first cases early).
    const formatted = new Set(ctx.model.fields.filter((f) => f.format !== undefined).map((f) => f.instancePath));
    const rotate = rotation(ctx);
    const nulls = Object.fromEntries(ctx.model.fields.filter((f) => f.nullable).map((f) => [f.name, null]));
    const topLevel = new Set(ctx.model.fields.map((f) => f.name));
    let unknown: InvalidCandidate | undefined;
    for (const kind of VIOLATIONS)
      for (const c of kind
        .invalidCases(ctx)
        .sort(
          (a, b) => Number(formatted.has(a.violation.instancePath)) - Number(formatted.has(b.violation.instancePath)),
        )) {
        if (c.label === UNKNOWN_MEMBER) unknown = c;
        const cls = CLASSES.find((k) => matchesClass(k, c.label));
        if (cls === undefined) throw new Error(`space/schema-violations: no class for ${c.label}`);
        const media = c.contentType === undefined ? {} : { contentType: c.contentType };
        const query = c.query === undefined ? {} : { query: c.query };
        const body = JSON.stringify(rotate(c.body, c.violation.instancePath));
        // Written byte by byte: the HTTP client writes an Accept of its own.
        const withAccept = (accept: string) => ({
          wire: wire({ contentType: c.contentType ?? ctx.ct, accept }, undefined, Buffer.from(body)),
        });
        const accept = c.accept === undefined ? {} : withAccept(c.accept);
        out.push(...emit(ctx, cls, c.label, body, { violation: c.violation, ...media, ...query, ...accept }));
        if (c.accept === '*/*')
          out.push(
            ...emit(ctx, acceptBrowser, c.label.replace(/accept-any$/, 'accept-browser'), body, {
              violation: c.violation,
              ...media,
              ...withAccept(BROWSER_ACCEPT),
            }),
          );
        // The same rule broken for a top-level member with every nullable member null beside it.
        const [, keyword, name, shape] = c.label.split('/');
        if (name === undefined || !topLevel.has(name) || c.contentType !== undefined || c.query !== undefined) continue;
        const { [name]: _left, ...rest } = { ...ctx.minimal, ...nulls };
        if (keyword === 'required' && shape === undefined)
          out.push(
            ...emit(ctx, requiredBesideNulls, `${c.label}/beside-nulls`, JSON.stringify(rest), {
              violation: c.violation,
            }),
          );
        if (keyword === 'type' && shape === 'null')
          out.push(
            ...emit(ctx, nullBesideNulls, `${c.label}-beside-nulls`, JSON.stringify({ ...rest, [name]: null }), {
              violation: c.violation,
            }),
          );
      }
    // The unknown member's case again under each other declared media type.
    if (unknown !== undefined) {
      const { violation } = unknown;
      for (const m of otherMedia(ctx.model)) {
        const body = JSON.stringify(rotate(unknown.body, violation.instancePath));
        out.push(...emit(ctx, unknownElsewhere, { media: m.slug }, body, { violation, contentType: m.contentType }));
      }
    }
    return out;
  },
};
