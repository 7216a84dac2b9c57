// The violation registry: one kind per keyword, both phases in its order, and a random case finds its way back.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { planCases, randomArbitrary, randomProperties, type PlanOptions } from '../../../../src/generators/index.ts';
import { propertyKeyOf } from '../../../../src/generators/random.ts';
import { schemaViolations } from '../../../../src/generators/space/schema-violations.ts';
import { VIOLATIONS, violationKind } from '../../../../src/generators/violations/index.ts';
import { loadSpec } from '../../../../src/spec/load.ts';
import { buildValidators } from '../../../../src/validators/index.ts';

let opts: PlanOptions;
beforeAll(async () => {
  const spec = await loadSpec('spec/openapi.yaml');
  opts = { spec, validators: buildValidators(spec), seed: 5, runs: 40 };
});

describe('the violation registry', () => {
  it('lists one kind per keyword, each with its own property', () => {
    expect(VIOLATIONS.map((k) => k.keyword)).toEqual(['required', 'type', 'enum', 'format', 'additionalProperties']);
    expect(new Set(VIOLATIONS.map((k) => k.property)).size).toBe(VIOLATIONS.length);
    expect(violationKind('enum')?.property).toBe('invalid/enum');
    expect(violationKind('minLength')).toBeUndefined();
  });

  it('orders the random phase: valid, then each kind the schema has, in registry order', () => {
    expect(randomProperties(opts)).toEqual(['valid', ...VIOLATIONS.map((k) => k.property)]);
  });

  it('sends the boundary violations grouped by kind, in registry order, each under its kind’s property', () => {
    const all = [...planCases(opts).cases()].filter((c) => c.phase === 'boundary' && c.violation);
    // Other dimensions may break a keyword too (depth: a nested array where a string is due); they keep their own place.
    const own = new Set(schemaViolations.classes.map((k) => k.label));
    const invalid = all.filter((c) => c.class !== undefined && own.has(c.class));
    for (const c of all) expect(c.label.startsWith(`${violationKind(c.violation!.keyword)!.property}/`)).toBe(true);
    const order = invalid.map((c) => c.violation!.keyword).filter((k, i, all) => all[i - 1] !== k);
    expect(order).toEqual(VIOLATIONS.map((k) => k.keyword));
    for (const c of invalid) expect(c.label.startsWith(`${violationKind(c.violation!.keyword)!.property}/`)).toBe(true);
  });

  it('maps every random draft of a kind back to that kind’s property (the shrink lookup)', () => {
    for (const kind of VIOLATIONS) {
      const drafts = fc.sample(randomArbitrary(opts, kind.property)!, { seed: 1, numRuns: 30 });
      for (const d of drafts) {
        expect(d.violation?.keyword).toBe(kind.keyword);
        expect(propertyKeyOf(d)).toBe(kind.property);
      }
    }
    expect(propertyKeyOf({ kind: 'malformed-json' })).toBeUndefined();
  });
});
