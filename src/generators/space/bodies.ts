/** Valid bodies: the required members, every member, nulls, enum members, classes of text, any-value shapes. */
import type { Draft } from '../draft.ts';
import { leadingFirst } from '../order.ts';
import { ANY_SHAPES, bodyOfBytes, LONE_SURROGATES, longString, STRING_VARIANTS } from '../values.ts';
import type { Body } from '../violations/kind.ts';
import { isObject } from '../../types.ts';
import { VIOLATIONS } from '../violations/index.ts';
import { emit, matchesClass, SPEC, requestClass, type Dimension } from './class.ts';
import { rotation, underEveryMember } from './rotation.ts';

/**
 * The string variants in the order the boundary phase sends them: after the empty string, the ones real stacks were
 * seen to break (a 255-character column, control characters refused or mangled, a trimming binder, a body-size limit),
 * then the scripts. `STRING_VARIANTS` keeps its own order, which the random phase draws from.
 */
const BOUNDARY_STRINGS = [
  ...leadingFirst(STRING_VARIANTS, ['empty', 'long-256', 'json-significant', 'padded', 'long-65536'], (v) => v.name),
  // A date and time as text: a reader that makes a date of it (Rails' parse_json_times) refuses it as a string or
  // writes it back in its own form.
  { name: 'date-like', value: '2024-01-01T10:00:00Z' },
  // Digits with a leading zero: a writer that makes a number of what looks like one (Perl's numification, PHP's
  // is_numeric, a validator's coercion) echoes 7.
  { name: 'numeric-looking', value: '007' },
  // Digits as a number writes them: a Perl scalar compared with `==` once is written as a number by Cpanel::JSON::XS
  // and Mojo::JSON, where "007" keeps its text (Mojolicious probe).
  { name: 'number-as-written', value: '12' },
  // The digit zero alone: a falsy string in PHP (`empty('0')`, array_filter) and Perl (`if $v`), so a member so sent
  // is dropped from the echo or taken for a missing one (Mojolicious and Apache with Slim probes).
  { name: 'zero-digit', value: '0' },
  // The word null: a binder that takes it for null (tsoa compares the null side of `T | null` by String()) echoes null.
  { name: 'null-word', value: 'null' },
  // The word true likewise: a coercing binder (a boolean-or-string union, a query-style parser) echoes true.
  { name: 'true-word', value: 'true' },
  // A MAC address as Windows prints it, upper case with hyphens (`STRING_VARIANTS` has the lower-case one with colons):
  // a store that normalises addresses to the other form writes it back so.
  { name: 'mac-address-hyphens', value: 'AA-BB-CC-DD-EE-0F' },
  // An e-mail address whose domain is not ASCII (RFC 6531): a store that normalises addresses writes the domain back
  // in its ASCII form (`xn--bcher-kva.example`, Node's domainToASCII, Python's idna codec).
  { name: 'email-international', value: 'conformance@bücher.example' },
  // Six digits, the length of a pairing code or one-time code: a business rule for all-digit codes (a lookup, an
  // integer column) is reached by no other class.
  { name: 'six-digits', value: '012345' },
  // Noncharacters (Unicode §23.7): scalar values that UTF-8 and JSON carry like any other, which a strict encoder
  // refuses (Perl's Encode with its strict UTF-8 check, Dancer2 probe).
  { name: 'noncharacter', value: 'conformance-\uFDD0-\uFFFE-\uFFFF-\u{1FFFF}-\u{10FFFF}-end' },
  // Lengths between the others', so that up to 256 no band of a fifth of its length goes without one: a fault for a
  // band of lengths only (33–40, 65–80: Spring and Scotty blind probes) lies on one.
  ...[7, 10, 15, 21, 37, 78, 108, 154, 186, 224].map((n) => ({ name: `length-${n}`, value: longString(n) })),
  // One past each octave: a limit of exactly 2^k (a column of 64, a 4 KiB buffer: nginx with Lua probe, a 500 over
  // 4,096 bytes) passes 2^k itself and fails here.
  ...[65, 129, 257, 513, 1025, 2049, 4097].map((n) => ({ name: `length-${n}`, value: longString(n) })),
  // Runs of spaces and tabs inside the text: a store that collapses white space (a "clean" helper, `split().join()`)
  // changes the string, where only the ends were trimmed before.
  { name: 'space-runs', value: 'conformance  two  spaces\t\ttabs   end' },
  // Groups of letters and digits in lower case, split by a hyphen and a space, as a code is printed on a device's
  // label: a store that normalises codes (groups joined, upper case) changes the string.
  { name: 'code-groups', value: 'ab12-cd34 ef56' },
  // A maker's name in lower case, as a user types it: a store that maps known makers to their own spelling (an alias
  // table, `tesla` to `Tesla`: web.py and Sails blind probes) changes the string.
  { name: 'maker-lowercase', value: 'tesla' },
  // Text that reads as a uuid, the nil one and one in capitals: a store that takes a uuid-shaped identifier for the
  // entity's id (nil, or one id for two spellings) or a binder that coerces it to a uuid type (written back in lower
  // case: pydantic's `UUID | str`) changes what the answer says.
  { name: 'nil-uuid-text', value: '00000000-0000-0000-0000-000000000000' },
  { name: 'uuid-upper-text', value: 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D' },
  // `long-256` with its last three characters changed: a store keyed on a prefix of the value (the first 32 or 36
  // characters, a column's length) takes two identifiers for one entity (hug and go-restful blind probes).
  { name: 'long-256-other-end', value: `${longString(256).slice(0, -3)}end` },
  // A mailbox with a display name (RFC 5322 §3.4 name-addr): a store that parses addresses keeps only the address
  // (Ruby's Mail::Address#address, Python's parseaddr) and changes the string (Grape blind probe).
  { name: 'email-display-name', value: 'Conformance Person <conformance.person@example.com>' },
  // Sixteen digits that pass the Luhn check, as a card number does (a payment network's test number): a filter that
  // masks card numbers in bodies (PCI DSS: the first six and last four shown) changes the string (Egg.js blind probe).
  { name: 'card-digits', value: '4111111111111111' },
];

/**
 * String variants sent after every other case of the dimension (so that no earlier case's rotation moves), each under
 * every member of each enum as well (a rule a store applies for one entity type only meets its own type), but those
 * marked `typeAlone`, whose rule no entity type changes.
 */
const LATE_STRINGS: readonly { readonly name: string; readonly value: string; readonly typeAlone?: true }[] = [
  // Placeholders as URL templates write them (RFC 6570 `{id}`, a router's `:id`): a server that fills in its own ids
  // where a callback URL names one (AdonisJS blind probe: `{id}` replaced by the new request's id) changes the string.
  { name: 'url-template', value: 'https://conformance.example/callback/{id}?request={requestId}&entity=:id' },
  // A vehicle identification number in lower case, as a user types it (ISO 3779 prints it in capitals): a store that
  // normalises an EV's identifier to its printed form (AdonisJS blind probe: upper case for type EV) changes it.
  { name: 'vin-lowercase', value: '1hgcm82633a004352' },
  // An address whose local part is past RFC 5321 §4.5.3.1.1's 64 octets: the spec gives associatedEmail no format, so
  // a validator that enforces the SMTP limits (hyper blind probe: 400) refuses a request the schema admits.
  { name: 'email-long-local-part', value: `conformance-${'a'.repeat(53)}@example.com`, typeAlone: true },
];

/** The string variant sent under every member of each enum, not one in turn. */
const EVERY_MEMBER_VARIANT = 'json-significant';

/** The label of the plainest valid request: the required members only, sent as any client sends it. */
export const MINIMAL_LABEL = 'valid/minimal';

const minimal = requestClass(
  'valid',
  MINIMAL_LABEL,
  `${SPEC.schema}/required`,
  'the required members only: the least a client may send',
);
const allFields = requestClass(
  'valid',
  'valid/all-fields',
  `${SPEC.schema}/properties`,
  'every member the schema defines, each with a plain value',
);
/** Every nullable member null at once: a class about each of them. */
export const ALL_NULL_LABEL = 'valid/all-null';

const allNull = requestClass(
  'valid',
  ALL_NULL_LABEL,
  `${SPEC.field}/nullable`,
  'every nullable member null at once (OpenAPI 3.0.4 §4.8.24.1 nullable)',
  // One member refused null is the same bug here as in `valid/null/<field>`.
  { family: 'valid/null' },
);
const oneNull = requestClass(
  'valid',
  'valid/null/<field>',
  `${SPEC.field}/nullable`,
  'one nullable member null: null is a value, not an absence',
  { variantOf: ALL_NULL_LABEL },
);
const allNullByMember = requestClass(
  'valid',
  'valid/all-null/<field>/<member>',
  `${SPEC.field}/nullable`,
  'every nullable member null, with each other member of an enum: a handler whose null handling depends on the enum member (a branch or a model per entity type) refuses nulls for some members only',
  // A member refused null is the null family's bug, whichever enum member came with it.
  { family: 'valid/null', variantOf: ALL_NULL_LABEL },
);
const enumMember = requestClass(
  'valid',
  'valid/enum/<field>/<member>',
  `${SPEC.field}/enum`,
  'every member of an enum must be accepted, not only the common ones',
);
const text = requestClass(
  'valid',
  'valid/string/<variant>',
  `${SPEC.field}/type`,
  'a free string has no pattern or length: every class of text (empty, astral, controls, 64 and 128 KiB) is stored and echoed as sent (413 accepted to a body over 16 KiB)',
);
const anyNumbers = requestClass(
  'valid',
  'valid/any/<field>/numbers',
  SPEC.field,
  'numbers a double holds exactly (0.1, 2^53-1, 1e21): a store that narrows them (float, int32) changes the echo',
);
const anyNested = requestClass(
  'valid',
  'valid/any/<field>/nested',
  SPEC.field,
  'nested objects and arrays with nulls, escapes and odd keys inside a member without `type`, echoed as sent',
);
const anyDeep = requestClass(
  'valid',
  'valid/any/<field>/deep',
  SPEC.field,
  '24 levels: under the common reader limits (32, 64), over ad-hoc ones',
);
const anyPrototype = requestClass(
  'valid',
  'valid/any/<field>/<name>-key',
  SPEC.field,
  'a member named `__proto__` or `prototype`: data, which prototype-poisoning guards refuse',
);
const anyShape = requestClass(
  'valid',
  'valid/any/<field>/<shape>',
  SPEC.field,
  'a member without `type` takes any JSON value (object, array, string, number, boolean, wide, empty, constructor.prototype), echoed as sent',
);
const surrogate = requestClass(
  'valid',
  'valid/surrogate/<unit>/<field>',
  'RFC 8259 §8.2',
  'a lone surrogate escape is valid JSON, but RFC 8259 §8.2 calls its handling unpredictable',
  { advisory: true },
);

const queryMembers = requestClass(
  'valid',
  'valid/query-members',
  SPEC.operation,
  'the required members in the body, the others in the query string (the operation defines no query parameter): the body is the request, so its echo is due (nothing where none was sent); a 400 to an unknown query parameter is also right, and so is a 404 to a target URI whose query the operation does not define (RFC 9110 §7.1, §15.5.5: CherryPy’s dispatcher finds no handler for names its signature does not take). Stacks that read body and query as one set of parameters (Laravel’s input(), Rails’ params) bind them',
  { accept: [201, 400, 404] },
);

const queryMethod = requestClass(
  'valid',
  'valid/query-method-override',
  SPEC.operation,
  'a valid body with `?_method=DELETE`, a parameter the operation does not define: the request is a POST, so 201 is due (a 400 to an unknown query parameter, or a 404 to the URI with it, is also right); method spoofing (Express’s method-override as its README sets it up, AdonisJS’s allowMethodSpoofing, Symfony’s and Laravel’s _method) routes it as DELETE, a 405',
  { accept: [201, 400, 404], variantOf: 'valid/query-members' },
);

const anotherMember = requestClass(
  'valid',
  'valid/all-fields/another/<field>',
  `${SPEC.schema}/properties`,
  'every member the schema defines, as `valid/all-fields` sent them, but one free string changed: another request, whose answer is its own (a server that keys an id or a cache on some members, an entity id hashed from the collective and the name, a dedup on brand and type, answers the earlier request’s id or data)',
  { variantOf: 'valid/all-fields' },
);

const CLASSES = [
  minimal,
  allFields,
  queryMembers,
  queryMethod,
  allNull,
  oneNull,
  allNullByMember,
  enumMember,
  text,
  anyNumbers,
  anyNested,
  anyDeep,
  anyPrototype,
  anyShape,
  surrogate,
  anotherMember,
] as const;
/** The any-value classes, most specific first. */
const ANY_CLASSES = [anyNumbers, anyNested, anyDeep, anyPrototype, anyShape] as const;

export const bodies: Dimension = {
  name: 'bodies',
  title: 'Valid bodies',
  summary: 'Schema-valid bodies sent with valid credentials and the primary media type: 201 and an exact echo are due.',
  classes: CLASSES,
  drafts(ctx) {
    const { model, strings, untyped } = ctx;
    const json = (b: unknown) => JSON.stringify(b);
    const withField = (name: string, value: unknown): Body => ({ ...ctx.minimal, [name]: value });
    const out: Draft[] = [];
    out.push(...emit(ctx, minimal, {}, json(ctx.minimal)), ...emit(ctx, allFields, {}, json(ctx.all)));
    const inQuery = Object.entries(ctx.all).filter(
      (e): e is [string, string] => !(e[0] in ctx.minimal) && typeof e[1] === 'string',
    );
    if (inQuery.length > 0)
      out.push(...emit(ctx, queryMembers, {}, json(ctx.minimal), { query: new URLSearchParams(inQuery).toString() }));
    out.push(...emit(ctx, queryMethod, {}, json(ctx.minimal), { query: '_method=DELETE' }));
    const nulls: Body = { ...ctx.minimal };
    for (const f of model.fields) if (f.nullable) nulls[f.name] = null;
    out.push(...emit(ctx, allNull, {}, json(nulls)));
    for (const f of model.fields)
      if (f.nullable) out.push(...emit(ctx, oneNull, { field: f.name }, json(withField(f.name, null))));
    // Nulls with each enum member the all-null body does not already carry (string members of non-nullable fields).
    for (const f of model.fields)
      for (const member of f.nullable ? [] : (f.enumValues ?? []))
        if (typeof member === 'string' && member !== nulls[f.name])
          out.push(...emit(ctx, allNullByMember, { field: f.name, member }, json({ ...nulls, [f.name]: member })));
    // The violation kinds' valid edges (enum members), in registry order.
    for (const kind of VIOLATIONS)
      for (const c of kind.validCases?.(ctx) ?? []) {
        const cls = CLASSES.find((k) => matchesClass(k, c.label));
        if (cls === undefined) throw new Error(`space/bodies: no class for ${c.label}`);
        out.push(...emit(ctx, cls, c.label, json(c.body)));
      }
    // Strings and any-values under each entity type in turn: a store or model per type rewrites some of them only.
    const rotate = rotation(ctx);
    // A long string goes into one member, a different one each time up to 128 KiB (a column cut at some length is one
    // member's); longer ones into the first, whose echo a server writes once (an answer may copy `identifier` into
    // `reference` too: 1.5 MiB twice is over the 2 MiB an answer is read to).
    let single = 0;
    if (strings.length > 0)
      for (const v of BOUNDARY_STRINGS) {
        const body: Body = { ...ctx.minimal };
        const one = v.value.length <= 128 * 1024 ? strings[single++ % strings.length] : strings[0];
        for (const f of v.singleField ? [one] : strings) body[f.name] = v.value;
        const sent = rotate(body);
        const sentText =
          v.bodyBytes === undefined || !isObject(sent) ? json(sent) : bodyOfBytes(sent, one.name, v.bodyBytes);
        out.push(...emit(ctx, text, { variant: v.name }, sentText));
        // The characters JSON escapes under every entity type: a type whose answer is written by hand breaks on them.
        if (v.name === EVERY_MEMBER_VARIANT)
          for (const other of underEveryMember(ctx, sent))
            out.push(...emit(ctx, text, { variant: `${v.name}-${other.member}` }, json(other.body)));
      }
    // Every free string of the every-member body in upper case, once that body went as it is: a store that matches a
    // value without its case (a brand got or created by `name__iexact`, a case-insensitive unique index) answers with
    // the spelling it met first (h3 blind probe: a brand cache).
    if (strings.length > 0) {
      const upper: Body = { ...ctx.all };
      for (const f of strings) {
        const value = upper[f.name];
        if (typeof value === 'string') upper[f.name] = value.toUpperCase();
      }
      out.push(...emit(ctx, text, { variant: 'earlier-in-upper-case' }, json(rotate(upper))));
    }
    for (const f of untyped)
      for (const shape of ANY_SHAPES)
        out.push(
          ...emit(
            ctx,
            ANY_CLASSES.find((k) => matchesClass(k, `valid/any/${f.name}/${shape.name}`)) ?? anyShape,
            `valid/any/${f.name}/${shape.name}`,
            json(rotate(withField(f.name, shape.value))),
          ),
        );
    // Lone surrogates in each free string and inside each untyped member.
    for (const u of LONE_SURROGATES) {
      for (const f of strings)
        out.push(...emit(ctx, surrogate, { unit: u.name, field: f.name }, json(withField(f.name, u.value))));
      for (const f of untyped)
        out.push(
          ...emit(ctx, surrogate, { unit: u.name, field: f.name }, json(withField(f.name, { conformance: u.value }))),
          // As a member name too: a stack that checks values only meets it when it writes the answer.
          ...emit(
            ctx,
            surrogate,
            { unit: u.name, field: `${f.name}-member-name` },
            json(withField(f.name, { [u.value]: 'conformance' })),
          ),
        );
    }
    // The every-member body again with one free string changed, at its start: an address keeps its reserved domain
    // (RFC 2606). Last, so that no earlier case's rotation moves.
    for (const f of strings) {
      const value = ctx.all[f.name];
      if (typeof value === 'string') {
        const another = value.replace(/^(conformance-)?/, (prefix) => `${prefix}another-`);
        out.push(...emit(ctx, anotherMember, { field: f.name }, json({ ...ctx.all, [f.name]: another })));
      }
    }
    // The every-member body with each untyped member holding the body's own member names, other values under them: a
    // store that merges the free-form map into the typed members (`{ ...information, ...properties }`, go-restful
    // blind probe) answers those values for the typed ones.
    for (const f of untyped) {
      const named = Object.fromEntries(model.fields.map((g) => [g.name, `conformance-${g.name}-in-${f.name}`]));
      out.push(...emit(ctx, anyShape, `valid/any/${f.name}/member-names`, json({ ...ctx.all, [f.name]: named })));
    }
    // Each free string of the every-member body alone in upper case, the others as they went: a store that matches one
    // member without its case or its white space and the others exactly (an entity keyed on the brand and the folded
    // identifier: @hono/zod-openapi blind probe) answers the earlier request's entity, where all of them changed does not.
    for (const f of strings) {
      const value = ctx.all[f.name];
      if (typeof value === 'string' && value.toUpperCase() !== value)
        out.push(
          ...emit(
            ctx,
            text,
            { variant: `earlier-in-upper-case-${f.name}` },
            json({ ...ctx.all, [f.name]: value.toUpperCase() }),
          ),
        );
    }
    for (const v of strings.length > 0 ? LATE_STRINGS : []) {
      const body: Body = { ...ctx.minimal };
      for (const f of strings) body[f.name] = v.value;
      const sent = rotate(body);
      out.push(...emit(ctx, text, { variant: v.name }, json(sent)));
      if (v.typeAlone !== true)
        for (const other of underEveryMember(ctx, sent))
          out.push(...emit(ctx, text, { variant: `${v.name}-${other.member}` }, json(other.body)));
    }
    return out;
  },
};
