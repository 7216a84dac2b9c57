/** `additionalProperties: false` (JSON Schema Core §10.3.2.3): a property the closed schema does not name. */
import fc from 'fast-check';
import type { FieldModel, RequestModel } from '../model.ts';
import { isObject } from '../../types.ts';
import { nameVariants, unknownNameArb } from '../near-miss.ts';
import { interleave } from '../order.ts';
import { canonicalValue, jsonValueArb } from '../values.ts';
import { randomDraft, rootViolation, type Body, type InvalidCandidate, type ViolationKind } from './kind.ts';
import { resolvePointer } from '../../spec/load.ts';

/**
 * Names a framework keeps for itself beside the body's members: a method override (Laravel's and Symfony's
 * `_method`, Slim's `_METHOD`), the router's own (Rails' `controller`, `action`), what hug injects (`request`,
 * `response`) and Python's `self`. An example that shows one reads as that framework's bug, not as an unknown member.
 */
export const RESERVED_NAMES: readonly string[] = [
  '_method',
  'controller',
  'action',
  '_METHOD',
  'request',
  'response',
  'self',
];

export const additionalProperties: ViolationKind = {
  keyword: 'additionalProperties',
  property: 'invalid/additionalProperties',
  invalidCases({ model, minimal, all }) {
    if (!model.closed) return [];
    const known = model.fields.map((f) => f.name);
    const additional = (label: string, key: string, value: unknown, replaces?: FieldModel): InvalidCandidate[] => {
      if (known.includes(key)) return [];
      const body: Body = { ...minimal };
      if (replaces && !replaces.required) delete body[replaces.name];
      body[key] = value;
      return [
        {
          label: `invalid/additionalProperties/${label}`,
          body,
          violation: rootViolation(model, 'additionalProperties'),
        },
      ];
    };
    const spelling = (f: FieldModel, as: 'pascal' | 'upper' | 'snake') =>
      additional(nameVariants(f.name)[as], nameVariants(f.name)[as], canonicalValue(f), f);
    // Other casings of known names (ASP.NET binds case-insensitively by default): an optional field is renamed,
    // a required one stays and gets a twin, so that `required` stays satisfied.
    const pascal = model.fields.flatMap((f) => spelling(f, 'pascal'));
    const upper = model.fields.flatMap((f) => (f.required ? spelling(f, 'upper') : []));
    // snake_case twins of compound names (pydantic's alias generators, Rails' parameter conventions bind them).
    const snake = model.fields.flatMap((f) => (nameVariants(f.name).snake === f.name ? [] : spelling(f, 'snake')));
    // The names a framework keeps for itself in the same parameters: a method override (Laravel's and Symfony's
    // `_method`, Slim's `_METHOD`) and the router's own (Rails' `controller` and `action`, which strong parameters
    // never report as unpermitted).
    // And the names of what a framework injects beside the body's members (hug passes `request` and `response` in the
    // namespace it maps the members into, and overwrites them: never seen as unknown).
    const overrides = RESERVED_NAMES.flatMap((name) =>
      additional(name, name, name.toLowerCase() === '_method' ? 'DELETE' : 'conformance'),
    );
    // The whole body again, inside a member named after the resource: a stack that unwraps a body (Rails'
    // wrap_parameters leaves one that already has its key alone, and the controller reads the inner one) creates it.
    const wrapped = wrappers(model).flatMap((name) => additional(`wrapped/${name}`, name, { ...all }));
    const optional = model.fields.find((f) => !f.required);
    const required = model.fields.find((f) => f.required);
    // Each binder behaviour once before any twice: a request budget reaches snake_case and `_method` as early as
    // PascalCase.
    return [
      ...additional('unknown', 'conformanceExtra', 'conformance'),
      ...interleave(pascal, snake, overrides, wrapped, upper, additional('empty-name', '', 'conformance')),
      // A name holding a lone surrogate (an escape JSON allows, RFC 8259 §8.2): an error answer that names the unknown
      // member cannot encode it (Flask-RESTful's handler, Python's strict encoders), 500 where 400 is due.
      ...additional('lone-surrogate-name', 'conformance-\ud800', 'conformance'),
      // A name beyond ASCII (two-, three- and four-byte UTF-8): an error answer that names it is JSON only where its
      // writer encodes and counts bytes, not characters (a Content-Length in characters cut it, found by random cases
      // at some seeds only: a baseline of one seed failed another).
      ...additional('non-ascii-name', 'conformance-é-名前-😀', 'conformance'),
      // A name with a quote and a backslash (before `s`, no JSON escape): an error answer that concatenates it into
      // JSON text unescaped, or with only its quotes escaped, is no JSON (RFC 8259 §7; RESTEasy probe).
      ...additional('quote-name', 'conformance"quote\\slash', 'conformance'),
      // A declared name with white space after it (an optional one, renamed) or before it (a required one's twin): a
      // reader that trims member names (a normaliser of keys) binds it to the declared member.
      ...(optional ? additional('padded-name-trailing', `${optional.name} `, canonicalValue(optional), optional) : []),
      ...(required ? additional('padded-name-leading', ` ${required.name}`, canonicalValue(required), required) : []),
      // Names a reader sets aside as metadata rather than members: an extension (`x-`), a schema or type hint (`$`),
      // a private one (`_`).
      ...additional('x-name', 'x-conformance', 'conformance'),
      ...additional('dollar-name', '$schema', 'conformance'),
      ...additional('underscore-name', '_conformance', 'conformance'),
      // A name of digits: PHP's arrays make it an integer key, so an error answer that names it writes a number
      // where ConnectApiError's strings are due (a Slim blind probe), and JavaScript orders it before the others.
      ...additional('numeric-name', '1', 'conformance'),
      // The answer's own members the request does not have, with values of their kind: a server that binds the body
      // into the stored model (mass assignment) takes an id, a status or a creation time from the client.
      ...responseMembers(model).flatMap(([name, value]) => additional(`answer-member/${name}`, name, value)),
    ];
  },
  arbitrary({ model, base }) {
    if (!model.closed) return undefined;
    const known = model.fields.map((f) => f.name);
    return fc
      .tuple(unknownNameArb(known), jsonValueArb(2), base)
      .map(([key, v, body]) =>
        randomDraft(
          model,
          'invalid/additionalProperties',
          { ...body, [key]: v },
          rootViolation(model, 'additionalProperties'),
        ),
      );
  },
};

/**
 * Member names a body may be wrapped in: `data` (an envelope, as the answers have), the resource the path names in
 * the singular (`entities` → `entity`: Rails wraps parameters in the controller's name), and the request schema's
 * own name, in camelCase and in snake_case, with and without a `Request` suffix (a controller named after the model:
 * `entity_onboarding`).
 */
function wrappers(model: RequestModel): string[] {
  const segment = model.spec.operationRef.path.split('/').findLast((s) => s !== '' && !s.startsWith('{')) ?? '';
  const resource = segment.replace(/ies$/, 'y').replace(/(?<!s)s$/, '');
  const schema =
    model.rootPointer
      .slice(model.rootPointer.lastIndexOf('/') + 1)
      .split('.')
      .pop() ?? '';
  const names = [schema, schema.replace(/Request$/, '')].flatMap((n) => {
    const camel = n.charAt(0).toLowerCase() + n.slice(1);
    return [camel, nameVariants(camel).snake];
  });
  return [...new Set(['data', resource, ...names].filter((n) => /^[A-Za-z_]\w*$/.test(n)))];
}

/**
 * The string members of the success answer's schema (`id`, `status`, `created`...), each with a value of its kind: a
 * uuid, its enum's first member, a date-time, else a word.
 */
function responseMembers(model: RequestModel): [string, string][] {
  const doc = model.spec.document;
  const resolve = (node: unknown): Record<string, unknown> | undefined => {
    const ref = isObject(node) ? node['$ref'] : undefined;
    const target = typeof ref === 'string' && ref.startsWith('#') ? resolvePointer(doc, ref.slice(1)) : node;
    return isObject(target) ? target : undefined;
  };
  // The validator of the first documented 2xx says where its schema is.
  const success = [...model.validators.responses].find(([status]) => /^2\d\d$/.test(status))?.[1];
  const [validator] = success?.values() ?? [];
  const schema = validator === undefined ? undefined : resolve(resolvePointer(doc, validator.pointer));
  const properties = schema?.['properties'];
  if (!isObject(properties)) return [];
  return Object.entries(properties).flatMap(([name, raw]): [string, string][] => {
    const p = resolve(raw);
    if (p?.['type'] !== 'string') return [];
    const members = p['enum'];
    if (Array.isArray(members) && typeof members[0] === 'string') return [[name, members[0]]];
    if (p['format'] === 'uuid') return [[name, '3fa85f64-5717-4562-b3fc-2c963f66afa6']];
    if (p['format'] === 'date-time') return [[name, '2026-01-01T00:00:00Z']];
    return [[name, 'conformance']];
  });
}
