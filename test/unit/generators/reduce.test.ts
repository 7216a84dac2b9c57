import { beforeAll, describe, expect, it } from 'vitest';
import { planCases, shrinkCase, type PlanOptions } from '../../../src/generators/index.ts';
import { reduceCase, reducible } from '../../../src/generators/reduce.ts';
import type { TestCase } from '../../../src/generators/case.ts';
import { loadSpec } from '../../../src/spec/load.ts';
import { buildValidators } from '../../../src/validators/index.ts';

let opts: PlanOptions;
let boundary: TestCase[];
beforeAll(async () => {
  const spec = await loadSpec('spec/openapi.yaml');
  opts = { spec, validators: buildValidators(spec), seed: 1, runs: 1 };
  boundary = [...planCases(opts).cases()].filter((c) => c.phase === 'boundary');
});

const byLabel = (label: string): TestCase => {
  const c = boundary.find((x) => x.label === label);
  if (c === undefined) throw new Error(`no boundary case ${label}`);
  return c;
};

type Properties = Record<string, unknown> | undefined;
const propertiesOf = (c: TestCase): Properties => (c.value as { properties?: Record<string, unknown> }).properties;

describe('reducible', () => {
  it.each([
    ['valid/any/properties/nested', true],
    ['valid/all-fields', true],
    // The text form is the class: pretty-printed, whitespace and escapes are not what JSON.stringify writes.
    ['valid/pretty-printed', false],
    ['valid/json-text/whitespace-everywhere', false],
    // Written byte by byte, or bodies whose size is their class.
    ['valid/framing/chunked', false],
    ['valid/depth/10000/arrays', false],
  ])('%s → %s', (label, expected) => {
    expect(reducible(byLabel(label))).toBe(expected);
  });

  it('takes no preflight or random case', () => {
    const c = byLabel('valid/any/properties/nested');
    expect(reducible({ ...c, phase: 'random' })).toBe(false);
    expect(reducible({ ...c, phase: 'preflight' })).toBe(false);
  });
});

describe('reduceCase', () => {
  it('leaves out every member the problem shows without, and keeps the required ones', async () => {
    const c = byLabel('valid/any/properties/nested');
    // The problem: a null inside properties.nulls comes back stripped.
    const stillFails = async (x: TestCase) => {
      const nulls = propertiesOf(x)?.nulls as Record<string, unknown> | undefined;
      return nulls !== undefined && Object.values(nulls).includes(null);
    };
    const reduced = await reduceCase(c, opts.validators, stillFails, 60);
    // The entity type the case carries is kept (a per-type bug needs it).
    const { type } = c.value as { type: string };
    expect(reduced.value).toEqual({ brand: 'conformance-brand', type, properties: { nulls: { a: null } } });
    expect(reduced.body).toBe(JSON.stringify(reduced.value));
    expect({ id: reduced.id, label: reduced.label, phase: reduced.phase }).toEqual({
      id: c.id,
      label: c.label,
      phase: 'boundary',
    });
  });

  it('sends only certified bodies, at most maxAttempts of them, and returns the case when nothing smaller fails', async () => {
    const c = byLabel('valid/all-fields');
    const sent: TestCase[] = [];
    const never = async (x: TestCase) => {
      sent.push(x);
      return false;
    };
    expect(await reduceCase(c, opts.validators, never, 5)).toBe(c);
    expect(sent).toHaveLength(5);
    for (const x of sent) {
      expect(opts.validators.requestFor(x.contentType)?.validate(JSON.parse(x.body ?? '')) ?? ['none']).toEqual([]);
      expect(x.body?.length).toBeLessThan(c.body?.length ?? 0);
    }
  });

  it('keeps an invalid case’s one violation', async () => {
    const c = boundary.find(
      (x) => x.kind === 'schema-violation' && reducible(x) && Object.keys(x.value as object).length > 3,
    );
    if (c === undefined) throw new Error('no reducible invalid case with optional members');
    const reduced = await reduceCase(c, opts.validators, async () => true, 60);
    expect(Object.keys(reduced.value as object).length).toBeLessThan(Object.keys(c.value as object).length);
    const errors = opts.validators.requestFor(reduced.contentType)?.validate(reduced.value) ?? [];
    expect(errors.map((e) => [e.keyword, e.instancePath])).toContainEqual([
      c.violation?.keyword,
      c.violation?.instancePath,
    ]);
  });

  it('keeps a `__proto__` member a member in every smaller body', async () => {
    const c = byLabel('valid/member-name/__proto__');
    expect(reducible(c)).toBe(true);
    // The problem: the `__proto__` member inside properties (an echo that drops it).
    const own = (x: TestCase) => Object.hasOwn(propertiesOf(x) ?? {}, '__proto__');
    const reduced = await reduceCase(c, opts.validators, async (x) => own(x), 60);
    expect(own(reduced)).toBe(true);
    expect(Object.keys(propertiesOf(reduced) ?? {})).toEqual(['__proto__']);
    expect(reduced.body).toBe(JSON.stringify(reduced.value));
  });

  it('is what shrinkCase does with a boundary case', async () => {
    const c = byLabel('valid/any/properties/nested');
    const reduced = await shrinkCase(c, opts, async (x) => propertiesOf(x) !== undefined, 60);
    expect(reduced.value).toEqual({
      brand: 'conformance-brand',
      type: (c.value as { type: string }).type,
      properties: {},
    });
  });
});
