// The order the boundary phase is sent in (runner/schedule.ts): a permutation of the plan, and within the first 100
// requests (`--max-requests 100`, preflight included) what a budget most needs: every check and row, a valid case in
// each declared request media type, and the second case of every error class whose cases differ in their header fields.
import { beforeAll, describe, expect, it } from 'vitest';
import { createChecks } from '../../../src/checks/index.ts';
import { profileFor } from '../../../src/checks/profile.ts';
import type { TestCase } from '../../../src/generators/case.ts';
import { planCases } from '../../../src/generators/index.ts';
import { VERDICT_ROWS } from '../../../src/report/verdict.ts';
import { headerOf, scheduled } from '../../../src/runner/schedule.ts';
import { DIMENSIONS } from '../../../src/generators/space/index.ts';
import { loadSpec } from '../../../src/spec/load.ts';
import { buildValidators, type Validators } from '../../../src/validators/index.ts';
import { matchMediaType, parseMediaType } from '../../../src/validators/media-type.ts';

const BUDGET = 100;

let validators: Validators;
let checks: ReturnType<typeof createChecks>;
let generated: TestCase[];
let sent: TestCase[];
let first: TestCase[];

beforeAll(async () => {
  const spec = await loadSpec('spec/openapi.yaml');
  validators = buildValidators(spec);
  checks = createChecks(profileFor(spec.operationRef));
  const opts = { spec, validators, seed: 1, runs: 0 };
  generated = [...planCases(opts).cases()];
  const plan = scheduled(planCases(opts), checks);
  sent = [...plan.cases()];
  first = sent.slice(0, BUDGET - plan.preflight.length);
});

describe('the breadth-first order', () => {
  it('sends every case of the plan exactly once, the valid case with every field first', () => {
    expect(sent.map((c) => c.id).sort()).toEqual(generated.map((c) => c.id).sort());
    expect(sent[0].label).toBe('valid/all-fields');
  });

  it(`reaches every check and every verdict-table row within ${BUDGET} requests`, () => {
    const rows = new Set(first.map((c) => c.kind));
    expect(VERDICT_ROWS.map((r) => r.row).filter((r) => !rows.has(r))).toEqual([]);
    expect(checks.filter((k) => !first.some((c) => k.applies(c))).map((k) => k.name)).toEqual([]);
  });

  it(`sends a valid case in each declared request media type within ${BUDGET} requests`, () => {
    const declared = [...validators.request.keys()];
    // A range (`application/*+json`) is reached by any media type it covers (OpenAPI 3.0.4 §4.8.14).
    const sentIn = new Set(
      first.filter((c) => c.kind === 'valid').map((c) => matchMediaType(parseMediaType(c.contentType), declared)),
    );
    expect(declared.length).toBeGreaterThan(1);
    expect(declared.filter((m) => !sentIn.has(m))).toEqual([]);
  });

  it('sends a variant class’s first case after the first case of every class it does not vary', () => {
    const variants = new Set(DIMENSIONS.flatMap((d) => d.classes).flatMap((k) => (k.variantOf ? [k.label] : [])));
    const firstPlace = new Map<string, number>();
    sent.forEach((c, i) => {
      if (c.class !== undefined && !firstPlace.has(c.class)) firstPlace.set(c.class, i);
    });
    const lastOther = Math.max(...[...firstPlace].filter(([k]) => !variants.has(k)).map(([, i]) => i));
    expect(variants.size).toBeGreaterThan(0);
    for (const v of variants) expect(firstPlace.get(v), v).toBeGreaterThan(lastOther);
  });

  it(`sends two cases of every error class whose cases differ in header fields within ${BUDGET} requests`, () => {
    const classes = new Map<string, TestCase[]>();
    for (const c of generated) if (c.class) classes.set(c.class, [...(classes.get(c.class) ?? []), c]);
    // A variant of another class (`variantOf`) waits for the second pass by design.
    const variants = new Set(DIMENSIONS.flatMap((d) => d.classes).flatMap((k) => (k.variantOf ? [k.label] : [])));
    const headerClasses = [...classes].filter(
      ([name, cases]) =>
        !variants.has(name) && cases[0].advisory === undefined && new Set(cases.map(headerOf)).size > 1,
    );
    // The request space has such classes (media types, their parameters, credentials, methods): else this tests nothing.
    expect(headerClasses.map(([name]) => name)).toEqual(
      expect.arrayContaining(['valid/<media>', 'valid/media/<spelling>', 'auth/<spelling>', 'valid/auth/<spelling>']),
    );
    for (const [name, cases] of headerClasses)
      expect(first.filter((c) => c.class === name).length, name).toBeGreaterThanOrEqual(Math.min(2, cases.length));
  });
});
