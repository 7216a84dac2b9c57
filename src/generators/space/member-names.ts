/**
 * Member names that collide with the runtime's object model: `__proto__`, `constructor`, `prototype` and the names of
 * `Object.prototype`'s members. At the top level they are unknown members (`additionalProperties: false`: 400 due);
 * inside an untyped member they are data (201 and an exact echo due), at every level. Bodies are written as JSON text
 * with own members (`../json-writer.ts`): an object literal or a spread would set or drop `__proto__`.
 */
import type { Draft } from '../draft.ts';
import { objectOf, writeJson } from '../json-writer.ts';
import { rootViolation } from '../violations/kind.ts';
import { emit, requestClass, SPEC, type Dimension } from './class.ts';

const unknownAtTop = requestClass(
  'schema-violation',
  'invalid/additionalProperties/object-model/<name>',
  `${SPEC.schema}/additionalProperties`,
  'an unknown member whatever its name and value (an object, null, a number, an empty object …): a lookup such as `name in {}` or `obj[name]` finds it on every object',
);
const dataInside = requestClass(
  'valid',
  'valid/member-name/<name>',
  SPEC.field,
  'inside a member without `type` any name is data, at every level and of any length: dropping or mangling it (a merge, a prototype set) breaks the echo, and a name of 256 characters is no atom (Erlang’s keys as atoms: a 500)',
);

/** The names: the prototype's own accessors and methods, and `prototype`. */
export const OBJECT_MODEL_NAMES: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];

/** The values the unknown members get, one per name in turn. */
const UNKNOWN_VALUES: readonly unknown[] = [{ conformance: true }, null, 1, {}, 'conformance', false, [], 0];

export const memberNames: Dimension = {
  name: 'member-names',
  title: 'Member names of the object model',
  summary:
    'Names that collide with the object model of JavaScript: unknown at the top level (400 due), data inside an untyped member at every level (201 and an exact echo due).',
  classes: [unknownAtTop, dataInside],
  drafts(ctx) {
    const out: Draft[] = [];
    const top = Object.entries(ctx.minimal);
    // Each name with another JSON value: a check that walks only objects, or a lookup that throws on null, shows
    // with some values only (express-validator's checkExact: 201 to `"__proto__": 1`, 500 to `"constructor": null`).
    OBJECT_MODEL_NAMES.forEach((name, i) =>
      out.push(
        ...emit(
          ctx,
          unknownAtTop,
          { name },
          writeJson(objectOf([...top, [name, UNKNOWN_VALUES[i % UNKNOWN_VALUES.length]]])),
          { violation: rootViolation(ctx.model, 'additionalProperties') },
        ),
      ),
    );
    // `__proto__` as an empty object too: `Object.assign(defaults, body)` sets the copy's prototype, and a strict check
    // that walks inherited keys (Valibot's strictObject) then finds none, where `{"conformance":true}` left it one.
    out.push(
      ...emit(ctx, unknownAtTop, { name: '__proto__-empty-object' }, writeJson(objectOf([...top, ['__proto__', {}]])), {
        violation: rootViolation(ctx.model, 'additionalProperties'),
      }),
    );
    if (ctx.untyped.length > 0)
      for (const name of OBJECT_MODEL_NAMES) {
        // The name at the first level, nested under itself, and inside an array element.
        const value = objectOf([
          [name, objectOf([[name, 'conformance-level-2']])],
          ['list', [objectOf([[name, 1]])]],
        ]);
        out.push(
          ...emit(
            ctx,
            dataInside,
            { name },
            writeJson(objectOf([...top, ...ctx.untyped.map((f) => [f.name, value] as const)])),
          ),
        );
      }
    // A name of 256 characters: Erlang's list_to_atom/1 (members read as atoms) fails past 255, a 500.
    if (ctx.untyped.length > 0)
      out.push(
        ...emit(
          ctx,
          dataInside,
          { name: 'long-256' },
          writeJson(objectOf([...top, ...ctx.untyped.map((f) => [f.name, objectOf([[LONG_NAME, 1]])] as const)])),
        ),
      );
    return out;
  },
};

/** A member name of 256 characters, one past what Erlang's atoms hold. */
const LONG_NAME = 'conformance-long-name-'.padEnd(256, 'x');
