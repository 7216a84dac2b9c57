import { beforeAll, describe, expect, it } from 'vitest';
import { createCoverage, planCases, type PlanOptions } from '../../../src/generators/index.ts';
import { loadSpec } from '../../../src/spec/load.ts';
import { buildValidators } from '../../../src/validators/index.ts';

const REQ = '/components/schemas/Connect.Service.Onboarding.App.Models.V1.EntityOnboardingRequest';
const ENTITY_TYPE = '/components/schemas/Connect.Service.Onboarding.Core.Models.Data.EntityType';

let opts: PlanOptions;
beforeAll(async () => {
  const spec = await loadSpec('spec/openapi.yaml');
  opts = { spec, validators: buildValidators(spec), seed: 1, runs: 0 };
});

describe('createCoverage', () => {
  it('lists every constraint of the request schema, by spec pointer and keyword', () => {
    const rows = createCoverage(opts).rows();
    const keys = rows.map((r) => `${r.pointer} ${r.keyword}`).sort();
    const field = (name: string) => `${REQ}/properties/${name}`;
    expect(keys).toEqual(
      [
        `${REQ} required`,
        `${REQ} type`,
        `${REQ} additionalProperties`,
        ...[
          'collectiveId',
          'pairingCode',
          'associatedEmail',
          'brand',
          'name',
          'owner',
          'identifier',
          'returnUrl',
          'track',
        ].map((f) => `${field(f)} type`),
        `${field('collectiveId')} format`,
        `${field('owner')} format`,
        `${ENTITY_TYPE} enum`,
        `${ENTITY_TYPE} type`,
      ].sort(),
    );
    // `properties` has no constraint (nullable without type admits anything): no row.
    expect(rows.some((r) => r.pointer === field('properties'))).toBe(false);
    expect(rows.every((r) => r.valid === 0 && r.invalid === 0)).toBe(true);
  });

  it('over the boundary phase, every constraint is exercised by valid and by invalid cases', () => {
    const coverage = createCoverage(opts);
    for (const c of planCases(opts).cases()) coverage.record(c);
    const zero = coverage.rows().filter((r) => r.valid === 0 || r.invalid === 0);
    expect(zero).toEqual([]);
  });

  it('counts a valid case only where the keyword applied, and an invalid case at its rule only', () => {
    const coverage = createCoverage(opts);
    const base = {
      id: 'x',
      phase: 'random' as const,
      method: 'POST',
      contentType: 'application/json',
      auth: 'valid' as const,
    };
    coverage.record({
      ...base,
      kind: 'valid',
      label: 'valid/x',
      body: '',
      value: { brand: null, type: 'EV', owner: null },
    });
    coverage.record({
      ...base,
      kind: 'schema-violation',
      label: 'invalid/type/type/number',
      body: '',
      value: { brand: null, type: 2 },
      violation: { keyword: 'type', rule: `${ENTITY_TYPE}/type`, instancePath: '/type' },
    });
    coverage.record({ ...base, kind: 'auth', label: 'auth/none', body: '', value: { brand: null, type: 'EV' } });
    const row = (p: string, k: string) => coverage.rows().find((r) => r.pointer === p && r.keyword === k)!;
    expect(row(REQ, 'required')).toMatchObject({ valid: 1, invalid: 0 });
    expect(row(`${REQ}/properties/owner`, 'type')).toMatchObject({ valid: 1, invalid: 0 });
    // owner is null: format does not apply to it.
    expect(row(`${REQ}/properties/owner`, 'format')).toMatchObject({ valid: 0, invalid: 0 });
    expect(row(`${REQ}/properties/name`, 'type')).toMatchObject({ valid: 0, invalid: 0 });
    expect(row(ENTITY_TYPE, 'type')).toMatchObject({ valid: 1, invalid: 1 });
    expect(row(ENTITY_TYPE, 'enum')).toMatchObject({ valid: 1, invalid: 0 });
  });
});
