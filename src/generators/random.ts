/**
 * The seeded random phase. One fast-check property per class: `valid` (any valid body, any declared media type) and
 * one per violation kind the schema has (`./violations/index.ts`, in its order: `invalid/required`, `invalid/type`,
 * `invalid/enum`, `invalid/format`, `invalid/additionalProperties`). An invalid arbitrary draws its mutation before its base body, so that properties
 * sharing the run's seed do not share their bodies. Every arbitrary ends with a certification `.filter(...)`, so a
 * value, and every value fast-check shrinks it to, is valid (or invalid for exactly its label) on the bytes sent.
 *
 * Reproducibility: the k-th value of a property is, by construction, the value that
 * `fc.check(fc.property(arb, p), {seed, path: String(k)})` replays, because the values are enumerated with `fc.check`
 * itself (chunks replayed from `path`), the way `shrinkCase` replays them. (`fc.sample` agrees only when given the bare
 * arbitrary: given a property, it wraps it in another and biases the sizes differently.)
 */
import fc from 'fast-check';
import type { TestCase } from './case.ts';
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
      .tuple(base, fc.constantFrom(...model.media))
      .map(([body, m]) =>
        draft('valid', `valid/random/${m.slug}`, JSON.stringify(body), { contentType: m.contentType, lazyValue: true }),
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

/** Enumerates the values of `fc.property(arb)` for a seed, from index 0 on, in chunks replayed with `fc.check`. */
function valueStream<T>(arb: fc.Arbitrary<T>, seed: number): () => { value: T; index: number } {
  let buffer: T[] = [];
  let bufferStart = 0;
  let next = 0;
  return () => {
    if (next >= bufferStart + buffer.length) {
      // Replaying from `path` skips `next` random-generator jumps; growing chunks keep that linear overall.
      // 1,024 buffered drafts per property bound the memory; the skipped jumps cost ~0.5 µs each.
      const size = Math.min(1024, Math.max(64, next));
      const chunk: T[] = [];
      fc.check(
        fc.property(arb, (v) => {
          chunk.push(v);
          return true;
        }),
        { seed, path: String(next), numRuns: size },
      );
      buffer = chunk;
      bufferStart = next;
    }
    const value = buffer[next - bufferStart];
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
