/**
 * Schema violations: exactly one broken rule of the request schema per case, one violation kind per keyword
 * (`../violations/`, whose order this dimension keeps). The case cites the exact rule it breaks.
 */
import type { Draft } from '../draft.ts';
import { VIOLATIONS } from '../violations/index.ts';
import { emit, matchesClass, SPEC, type Dimension, type RequestClass } from './class.ts';

const row = 'schema-violation' as const;
const CLASSES: readonly RequestClass[] = [
  {
    label: 'invalid/required/<case>',
    row,
    severity: 'error',
    rule: `${SPEC.schema}/required`,
    why: 'a required member left out (one, each, all, an empty object)',
  },
  {
    label: 'invalid/type/root/<shape>',
    row,
    severity: 'error',
    rule: `${SPEC.schema}/type`,
    why: 'a body that is JSON but not an object',
  },
  {
    label: 'invalid/type/<field>/<shape>',
    row,
    severity: 'error',
    rule: `${SPEC.field}/type`,
    why: 'a value of another type, including the shapes coercing validators convert (a number, a boolean, [0], [true], [null])',
  },
  {
    label: 'invalid/enum/<field>/<variant>',
    row,
    severity: 'error',
    rule: `${SPEC.field}/enum`,
    why: 'a string one small step from a member (case, padding, look-alike letters, zero-width characters)',
  },
  {
    label: 'invalid/format/<field>/<variant>',
    row,
    severity: 'error',
    rule: `${SPEC.field}/format`,
    why: 'a string near a valid value of the format (a uuid without hyphens, in braces, a digit short or long, a non-hex digit)',
  },
  {
    label: 'invalid/additionalProperties/<name>',
    row,
    severity: 'error',
    rule: `${SPEC.schema}/additionalProperties`,
    why: '`additionalProperties: false`: an unknown member, including another casing of a known one',
  },
];

export const schemaViolations: Dimension = {
  name: 'schema-violations',
  title: 'Schema violations',
  summary:
    'One violation of the request schema per case, certified by the request validator on the bytes sent: 400 is due, and the failure cites the rule broken.',
  classes: CLASSES,
  drafts(ctx) {
    const out: Draft[] = [];
    for (const kind of VIOLATIONS)
      for (const c of kind.invalidCases(ctx)) {
        const cls = CLASSES.find((k) => matchesClass(k, c.label));
        if (cls === undefined) throw new Error(`space/schema-violations: no class for ${c.label}`);
        out.push(...emit(ctx, cls, c.label, JSON.stringify(c.body), { violation: c.violation }));
      }
    return out;
  },
};
