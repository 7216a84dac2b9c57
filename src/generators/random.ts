/**
 * The seeded random phase. One fast-check property per class: `valid` (any valid body, any declared media type) and
 * one per invalid class the schema has (`invalid/required`, `invalid/type`, `invalid/enum`, `invalid/format`,
 * `invalid/additionalProperties`). An invalid arbitrary draws its mutation before its base body, so that properties
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
import { typeAllows, type FieldModel, type RequestModel } from './model.ts';
import { enumNearMissArb, unknownNameArb, uuidNearMissArb } from './near-miss.ts';
import { fieldViolation, rootViolation } from './boundary.ts';
import { fieldValueArb, jsonValueArb, valueOfTypeArb } from './values.ts';

type Body = Record<string, unknown>;

/** The valid body of the request, driven by the model: required fields always, optional ones sometimes. */
export function bodyArb(model: RequestModel): fc.Arbitrary<Body> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of model.fields) shape[f.name] = fieldValueArb(f);
  const requiredKeys = model.fields.filter((f) => f.required).map((f) => f.name);
  return fc.record(shape, { requiredKeys, noNullPrototype: true });
}

function setField(body: Body, f: FieldModel, value: unknown): Body {
  return { ...body, [f.name]: value };
}

/** The property arbitraries of a model, by key (`valid`, `invalid/<keyword>`), in a stable order. */
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

  const invalid = (key: string, arb: fc.Arbitrary<Draft>) =>
    out.set(
      key,
      arb.filter((d) => certifyInvalid(validators, ct, d.body!, d.violation!)),
    );

  const present = model.required.filter((r) => model.fields.some((f) => f.name === r));
  if (present.length > 0) {
    invalid(
      'invalid/required',
      fc.tuple(fc.subarray(present, { minLength: 1 }), base).map(([missing, body]) => {
        const b = { ...body };
        for (const r of missing) delete b[r];
        return draft('schema-violation', `invalid/required/${missing.join('+')}`, JSON.stringify(b), {
          contentType: ct,
          lazyValue: true,
          violation: rootViolation(model, 'required'),
        });
      }),
    );
  }

  const typeBranches: fc.Arbitrary<Draft>[] = [];
  for (const t of ['array', 'string', 'number', 'boolean', 'null'] as const) {
    if (typeAllows(model.rootTypes, t)) continue;
    const value =
      t === 'array'
        ? fc.oneof(fc.array(base, { minLength: 1, maxLength: 2 }), valueOfTypeArb('array'))
        : valueOfTypeArb(t);
    typeBranches.push(
      value.map((v) =>
        draft('schema-violation', `invalid/type/root/${t}`, JSON.stringify(v), {
          contentType: ct,
          lazyValue: true,
          violation: rootViolation(model, 'type'),
        }),
      ),
    );
  }
  for (const f of model.fields) {
    // Every wrong type, formatted fields included (the boundary phase keeps to number there).
    const wrong =
      f.types === undefined
        ? []
        : (['number', 'boolean', 'array', 'object', 'string', 'null'] as const).filter(
            (t) => !typeAllows(f.types, t) && !(t === 'null' && f.nullable),
          );
    for (const t of wrong) {
      const value =
        t === 'number' && typeAllows(f.types, 'integer')
          ? valueOfTypeArb('number').filter((n) => !Number.isInteger(n))
          : valueOfTypeArb(t);
      typeBranches.push(
        fc.tuple(value, base).map(([v, body]) =>
          draft('schema-violation', `invalid/type/${f.name}/${t}`, JSON.stringify(setField(body, f, v)), {
            contentType: ct,
            lazyValue: true,
            violation: fieldViolation(f, 'type'),
          }),
        ),
      );
    }
  }
  if (typeBranches.length > 0) invalid('invalid/type', fc.oneof(...typeBranches));

  const enumBranches = model.fields.flatMap((f) => {
    const members = (f.enumValues ?? []).filter((m): m is string => typeof m === 'string');
    if (members.length === 0 || !typeAllows(f.types, 'string')) return [];
    return [
      fc.tuple(enumNearMissArb(members), base).map(([v, body]) =>
        draft('schema-violation', `invalid/enum/${f.name}`, JSON.stringify(setField(body, f, v)), {
          contentType: ct,
          lazyValue: true,
          violation: fieldViolation(f, 'enum'),
        }),
      ),
    ];
  });
  if (enumBranches.length > 0) invalid('invalid/enum', fc.oneof(...enumBranches));

  const formatBranches = model.fields
    .filter((f) => f.format === 'uuid')
    .map((f) =>
      fc.tuple(uuidNearMissArb, base).map(([v, body]) =>
        draft('schema-violation', `invalid/format/${f.name}`, JSON.stringify(setField(body, f, v)), {
          contentType: ct,
          lazyValue: true,
          violation: fieldViolation(f, 'format'),
        }),
      ),
    );
  if (formatBranches.length > 0) invalid('invalid/format', fc.oneof(...formatBranches));

  if (model.closed) {
    const known = model.fields.map((f) => f.name);
    invalid(
      'invalid/additionalProperties',
      fc.tuple(unknownNameArb(known), jsonValueArb(2), base).map(([key, v, body]) =>
        draft('schema-violation', 'invalid/additionalProperties', JSON.stringify({ ...body, [key]: v }), {
          contentType: ct,
          lazyValue: true,
          violation: rootViolation(model, 'additionalProperties'),
        }),
      ),
    );
  }
  return out;
}

/** The property a random case was drawn from. */
export function propertyKeyOf(c: Pick<TestCase, 'kind' | 'violation'>): string | undefined {
  if (c.kind === 'valid') return 'valid';
  if (c.kind === 'schema-violation' && c.violation) return `invalid/${c.violation.keyword}`;
  return undefined;
}

/** Enumerates the values of `fc.property(arb)` for a seed, from index 0 on, in chunks replayed with `fc.check`. */
export function valueStream<T>(arb: fc.Arbitrary<T>, seed: number): () => { value: T; index: number } {
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
