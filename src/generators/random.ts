/**
 * The seeded random phase. One fast-check property per class: `valid` (any valid body, any declared media type) and
 * one per violation kind the schema has (`./violations/index.ts`, in its order: `invalid/required`, `invalid/type`,
 * `invalid/enum`, `invalid/format`, `invalid/additionalProperties`). An invalid arbitrary draws its mutation before its base body, so that properties
 * sharing the run's seed do not share their bodies. Every arbitrary ends with a certification `.filter(...)`, so a
 * value, and every value fast-check shrinks it to, is valid (or invalid for exactly its label) on the bytes sent.
 *
 * Reproducibility: the k-th value of a property is the value that `fc.check(fc.property(arb, p), {seed, path:
 * String(k)})` replays, the way `shrinkCase` replays it: the values are drawn as fast-check's runner draws them (a unit
 * test compares the two). (`fc.sample` agrees only when given the bare arbitrary: given a property, it wraps it in
 * another and biases the sizes differently.)
 */
import fc from 'fast-check';
import { xorshift128plus } from 'pure-rand/generator/xorshift128plus';
import { MEDIA_FAMILY, type TestCase } from './case.ts';
import { certifyInvalid, certifyValid } from './certify.ts';
import { draft, toCase, type Draft } from './draft.ts';
import type { RequestModel } from './model.ts';
import { fieldValueArb } from './values.ts';
import { VIOLATIONS, violationKind } from './violations/index.ts';
import type { Body } from './violations/kind.ts';

/** The valid body of the request, driven by the model: required fields always, optional ones sometimes. */
export function bodyArb(model: RequestModel): fc.Arbitrary<Body> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of model.fields) shape[f.name] = fieldValueArb(f);
  const requiredKeys = model.fields.filter((f) => f.required).map((f) => f.name);
  return fc.record(shape, { requiredKeys, noNullPrototype: true });
}

/** The property arbitraries of a model, by key (`valid`, then each violation kind's property), in registry order. */
export function propertyArbitraries(model: RequestModel): Map<string, fc.Arbitrary<Draft>> {
  const { validators } = model;
  const ct = model.primary.contentType;
  const base = bodyArb(model);
  const out = new Map<string, fc.Arbitrary<Draft>>();

  out.set(
    'valid',
    fc
      // The primary media type (application/json) first: fast-check's constantFrom shrinks towards its first value.
      .tuple(base, fc.constantFrom(model.primary, ...model.media.filter((m) => m !== model.primary)))
      .map(([body, m]) =>
        draft('valid', `valid/random/${m.slug}`, JSON.stringify(body), {
          contentType: m.contentType,
          lazyValue: true,
          ...(m === model.primary ? {} : { family: MEDIA_FAMILY }),
        }),
      )
      .filter((d) => certifyValid(validators, d.contentType!, d.body!)),
  );
  for (const kind of VIOLATIONS) {
    const arb = kind.arbitrary({ model, base });
    if (arb !== undefined)
      out.set(
        kind.property,
        arb.filter((d) => certifyInvalid(validators, ct, d.body!, d.violation!)),
      );
  }
  return out;
}

/** The property a random case was drawn from: `valid`, or the property of the kind its violation belongs to. */
export function propertyKeyOf(c: Pick<TestCase, 'kind' | 'violation'>): string | undefined {
  if (c.kind === 'valid') return 'valid';
  if (c.kind === 'schema-violation' && c.violation) return violationKind(c.violation.keyword)?.property;
  return undefined;
}

/** fast-check's bias for run `k` (`runIdToFrequency`, fast-check 4.10): wider values as a run goes on. */
const biasOf = (k: number) => 2 + Math.floor(Math.log(k + 1) * 0.4342944819032518);

/**
 * Enumerates the values of `fc.property(arb)` for a seed, from index 0 on, as `fc.check` draws them: the k-th from
 * fast-check's default generator (xorshift128+) after k + 1 jumps, with the bias of run k. One generator goes on for
 * the whole run, so a value costs the same at any index; chunks replayed from `path` skipped k jumps each, quadratic
 * over a run (1.2 ms a value at k = 2.5M). A unit test (plan.test.ts) holds this equal to `fc.check` with `path`.
 */
function valueStream<T>(arb: fc.Arbitrary<T>, seed: number): () => { value: T; index: number } {
  // A seed is a 31-bit integer (cli/run.ts), which fast-check's `readSeed` takes as it is.
  const rng = xorshift128plus(seed);
  let next = 0;
  return () => {
    rng.jump();
    // `fc.Random` clones the generator: what the arbitrary draws does not move the stream, as in fast-check's toss.
    const value = arb.generate(new fc.Random(rng), biasOf(next)).value;
    return { value, index: next++ };
  };
}

/** The random phase: `runs` valid cases interleaved with `runs` invalid ones, spread round-robin over the invalid classes. */
export function* randomCases(
  arbs: Map<string, fc.Arbitrary<Draft>>,
  seed: number,
  runs: number,
  firstOrdinal = 1,
  withValue = true,
): Generator<TestCase> {
  const streams = new Map<string, () => { value: Draft; index: number }>();
  const stream = (key: string) => {
    let s = streams.get(key);
    if (!s) streams.set(key, (s = valueStream(arbs.get(key)!, seed)));
    return s;
  };
  const classes = [...arbs.keys()].filter((k) => k !== 'valid');
  let ordinal = firstOrdinal;
  const id = () => `r${String(ordinal++).padStart(5, '0')}`;
  for (let i = 0; i < runs; i++) {
    if (arbs.has('valid')) {
      const { value, index } = stream('valid')();
      yield toCase(value, id(), 'random', String(index), withValue);
    }
    if (classes.length > 0) {
      const { value, index } = stream(classes[i % classes.length])();
      yield toCase(value, id(), 'random', String(index), withValue);
    }
  }
}

/** How many random cases each property gets (the per-class split of `randomCases`). */
export function randomCounts(arbs: Map<string, fc.Arbitrary<Draft>>, runs: number): Map<string, number> {
  const out = new Map<string, number>();
  const classes = [...arbs.keys()].filter((k) => k !== 'valid');
  if (arbs.has('valid')) out.set('valid', runs);
  classes.forEach((k, i) => out.set(k, Math.floor(runs / classes.length) + (i < runs % classes.length ? 1 : 0)));
  return out;
}
