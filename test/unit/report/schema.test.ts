// schemas/report.schema.json: it accepts the reports the suite writes and refuses what breaks the format.
import { describe, expect, it } from 'vitest';
import { assertValidReport } from '../../setup/report-schema.ts';
import { conformingReport, fixtureReport } from './fixture.ts';

describe('report.schema.json', () => {
  it('accepts the fixture reports (failing and conforming)', () => {
    expect(() => assertValidReport(fixtureReport())).not.toThrow();
    expect(() => assertValidReport(conformingReport())).not.toThrow();
  });
  it('accepts a report of an older version, without an operation', () => {
    const { operation, ...older } = fixtureReport();
    expect(operation).toEqual({ method: 'POST', path: '/v1/onboarding/entities', operationId: expect.any(String) });
    expect(() => assertValidReport(older)).not.toThrow();
  });
  it.each([
    ['an unknown verdict', { verdict: 'ok' }, '/verdict must be equal to one of the allowed values'],
    ['a missing seed', { seed: undefined }, "/ must have required property 'seed'"],
    ['a sha256 that is not one', { spec: { path: 'x', sha256: 'abc' } }, '/spec/sha256 must match pattern'],
    ['a shard of 0', { shard: { index: 0, count: 2 } }, '/shard/index must be >= 1'],
    ['an undocumented field', { surplus: 1 }, '/surplus is not in schemas/report.schema.json'],
    ['an operation without a path', { operation: { method: 'POST' } }, "/operation must have required property 'path'"],
    ['a lower-case method', { operation: { method: 'post', path: '/v1/x' } }, '/operation/method must match pattern'],
  ])('refuses %s', (_, change, message) => {
    expect(() => assertValidReport({ ...fixtureReport(), ...change })).toThrow(message);
  });
});
