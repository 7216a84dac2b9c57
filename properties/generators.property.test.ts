/**
 * Properties of the generators themselves: what they build by construction is what the validator says, and
 * certification survives serialisation and every shrink step.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { minimalBody } from '../src/generators/boundary.ts';
import { toCase, type Draft } from '../src/generators/draft.ts';
import { randomArbitrary, randomProperties, type PlanOptions } from '../src/generators/index.ts';
import { modelFor, type RequestModel } from '../src/generators/model.ts';
import { enumNearMissArb, homoglyph, unknownNameArb, uuidNearMissArb } from '../src/generators/near-miss.ts';
import { bodyArb } from '../src/generators/random.ts';
import { fieldValueArb, freeStringArb, jsonValueArb, safeNumberArb } from '../src/generators/values.ts';
import { loadSpec } from '../src/spec/load.ts';
import { buildValidators } from '../src/validators/index.ts';

let opts: PlanOptions;
let model: RequestModel;
const RUNS = 200;

beforeAll(async () => {
  const spec = await loadSpec('spec/openapi.yaml');
  opts = { spec, validators: buildValidators(spec), seed: 0, runs: 0 };
  model = modelFor(spec, opts.validators);
});

const errorsOf = (d: Pick<Draft, 'contentType' | 'body'>) =>
  opts.validators.requestFor(d.contentType)!.validate(JSON.parse(d.body!));

/** Independent of the generators' own certification: the draft is what its label says, on the bytes. */
function checkDraft(draft: Draft): void {
  const d = toCase(draft, 'x', 'random');
  expect(d.value, d.label).toEqual(JSON.parse(d.body!));
  expect(d.contentType).not.toContain('*');
  if (d.kind === 'valid') {
    expect(errorsOf(d), d.body).toEqual([]);
    return;
  }
  const v = d.violation!;
  const [, keyword, where] = d.label.split('/');
  expect(keyword).toBe(v.keyword);
  expect(v.instancePath === '' ? ['root', ...model.required, undefined] : [v.instancePath.slice(1)]).toContain(
    where === undefined ? undefined : where.split('+')[0],
  );
  const errors = errorsOf(d);
  expect(errors.length, d.body).toBeGreaterThan(0);
  expect(
    errors.some((e) => e.keyword === v.keyword && e.rule === v.rule),
    d.body,
  ).toBe(true);
  for (const e of errors) {
    expect(e.instancePath, d.body).toBe(v.instancePath);
    // Only the labelled keyword, or the enum of the same schema when the type is wrong.
    if (e.keyword !== v.keyword) expect([v.keyword, e.keyword]).toEqual(['type', 'enum']);
  }
}

describe('schema-driven valid generation (before any filter)', () => {
  it('the body arbitrary builds only valid bodies', () => {
    fc.assert(
      fc.property(bodyArb(model), (body) => {
        expect(opts.validators.request.get('application/json')!.validate(JSON.parse(JSON.stringify(body)))).toEqual([]);
        for (const r of model.required) expect(Object.hasOwn(body, r)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('each field arbitrary builds values its schema accepts, null included exactly where nullable', () => {
    for (const f of model.fields) {
      let nulls = 0;
      fc.assert(
        fc.property(fieldValueArb(f), (value) => {
          if (value === null) nulls++;
          expect(
            opts.validators.request.get('application/json')!.validate({ ...minimalBody(model), [f.name]: value }),
            `${f.name}: ${JSON.stringify(value)}`,
          ).toEqual([]);
        }),
        { numRuns: 100, seed: 1 },
      );
      if (!f.nullable) expect(nulls, f.name).toBe(0);
    }
  });

  it('JSON values and numbers round-trip through JSON exactly', () => {
    fc.assert(
      fc.property(jsonValueArb(), safeNumberArb, (value, n) => {
        expect(JSON.parse(JSON.stringify(value))).toEqual(value);
        expect(Object.is(JSON.parse(JSON.stringify(n)), n)).toBe(true);
        expect(Number.isSafeInteger(n) || !Number.isInteger(n) || Math.abs(n) <= 1e12).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('free strings are well-formed UTF-16 and never contain @', () => {
    fc.assert(
      fc.property(freeStringArb, (s) => {
        expect(s.isWellFormed()).toBe(true);
        expect(s).not.toContain('@');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('near misses', () => {
  it('enum near misses are never members', () => {
    const members = model.fields.find((f) => f.enumValues)!.enumValues as string[];
    fc.assert(
      fc.property(enumNearMissArb(members), (s) => {
        expect(members).not.toContain(s);
      }),
      { numRuns: RUNS },
    );
    expect(homoglyph('EV')).toBe('\u0415V');
  });

  it('uuid near misses are mostly rejected by format: uuid (certification drops the rest)', () => {
    const owner = model.fields.find((f) => f.name === 'owner')!;
    let rejected = 0;
    fc.assert(
      fc.property(uuidNearMissArb, (s) => {
        const errors = opts.validators.request.get('application/json')!.validate({ ...minimalBody(model), owner: s });
        if (errors.length > 0) {
          rejected++;
          expect(errors.map((e) => e.rule)).toEqual([`${owner.pointer}/format`]);
        }
      }),
      { numRuns: RUNS, seed: 3 },
    );
    expect(rejected / RUNS).toBeGreaterThan(0.9);
  });

  it('unknown names are never declared properties', () => {
    const known = model.fields.map((f) => f.name);
    fc.assert(
      fc.property(unknownNameArb(known), (n) => {
        expect(known).not.toContain(n);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('random-phase properties', () => {
  it('has a valid property and one per invalid class of the schema', () => {
    expect(randomProperties(opts)).toEqual([
      'valid',
      'invalid/required',
      'invalid/type',
      'invalid/enum',
      'invalid/format',
      'invalid/additionalProperties',
    ]);
  });

  it('valid ⇒ accepted; invalid ⇒ rejected for exactly its label (on the bytes sent)', () => {
    for (const key of randomProperties(opts)) {
      fc.assert(fc.property(randomArbitrary(opts, key)!, checkDraft), { numRuns: RUNS });
    }
  });

  it('every value met while shrinking stays certified', () => {
    // A predicate that always fails forces fast-check to shrink as far as it can; every value it tries is recorded.
    for (const key of randomProperties(opts)) {
      for (const seed of [1, 2, 3, 4]) {
        const seen: Draft[] = [];
        const out = fc.check(
          fc.property(randomArbitrary(opts, key)!, (d) => {
            seen.push(d);
            return false;
          }),
          { seed, numRuns: 1 },
        );
        expect(out.failed).toBe(true);
        expect(seen.length).toBe(out.numShrinks + 1);
        for (const d of seen) checkDraft(d);
        const last = out.counterexample![0];
        // Shrinking keeps the class: a valid case stays valid, an invalid one keeps its keyword.
        expect(last.kind).toBe(key === 'valid' ? 'valid' : 'schema-violation');
        if (key !== 'valid') expect(`invalid/${last.violation!.keyword}`).toBe(key);
      }
    }
  });

  it('shrinking gets somewhere: minimal counterexamples are small', () => {
    for (const key of randomProperties(opts)) {
      const out = fc.check(
        fc.property(randomArbitrary(opts, key)!, (d) => d.body!.length < 40),
        { seed: 11, numRuns: 100 },
      );
      expect(out.failed, key).toBe(true);
      expect(out.counterexample![0].body!.length, key).toBeLessThan(120);
    }
  });
});
