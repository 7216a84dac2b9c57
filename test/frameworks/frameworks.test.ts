// The self-test tier on real frameworks: providers written as teams write them (Fastify 5, Express 5 +
// express-openapi-validator), started for real on 127.0.0.1 and judged by the suite at a small budget. Each
// framework's default configuration must fail with the checks named here; the corrected one must conform.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.ts';
import { startExpress, type ExpressConfig } from './express.ts';
import { startFastify, type FastifyConfig } from './fastify.ts';
import { failedChecks, failingLabels, judge } from './judge.ts';
import type { RunningFramework } from './running.ts';

async function verdictOn(start: () => Promise<RunningFramework>): Promise<Report> {
  const provider = await start();
  try {
    return await judge(provider.url);
  } finally {
    await provider.close();
  }
}

const fastify = (config: FastifyConfig) => verdictOn(() => startFastify(config));
const express = (config: ExpressConfig) => verdictOn(() => startExpress(config));

describe('Fastify 5', () => {
  it('with its default options fails invalid-is-rejected (coercion, removeAdditional) and valid-is-created (__proto__)', async () => {
    const report = await fastify('default');
    expect(report.verdict).toBe('fails');
    expect(failedChecks(report)).toEqual(['invalid-is-rejected', 'valid-is-created']);
    const accepted = failingLabels(report)['invalid-is-rejected'];
    // coerceTypes 'array': a number, a boolean, [0], [true], [null] become strings, ["EV"] becomes "EV".
    expect(accepted).toEqual(
      expect.arrayContaining([
        'invalid/type/brand/number',
        'invalid/type/track/boolean',
        'invalid/type/brand/array-of-number',
        'invalid/type/name/array-of-boolean',
        'invalid/type/pairingCode/array-of-null',
        'invalid/type/type/array',
      ]),
    );
    // removeAdditional: an unknown member is dropped and the rest created.
    expect(accepted).toContain('invalid/additionalProperties/unknown');
    // onProtoPoisoning and onConstructorPoisoning 'error': a valid body with such keys in `properties` gets 400.
    expect([...new Set(failingLabels(report)['valid-is-created'])]).toEqual([
      'valid/any/properties/constructor-prototype',
      'valid/any/properties/proto-key',
      'valid/member-name/__proto__',
    ]);
    // The rest it gets right: no 5xx, no wrong status elsewhere, the 201s are what the spec documents.
    for (const f of report.failures) expect(f.response?.status).toBe(f.check === 'valid-is-created' ? 400 : 201);
  });

  it('with strict options (no coercion, no removal, __proto__ as data) conforms', async () => {
    const report = await fastify('strict');
    expect(report.failures).toEqual([]);
    expect(report.verdict).toBe('conforms');
  });
});

describe('Express 5 + express-openapi-validator 5', () => {
  it('fed spec/openapi.yaml as is, answers 500 to everything (other paths too): Ajv refuses a nullable without type', async () => {
    const report = await express('default');
    expect(report.verdict).toBe('fails');
    expect(failedChecks(report)).toEqual([
      'auth-is-enforced',
      'invalid-is-rejected',
      'media-type-is-enforced',
      'method-is-not-allowed',
      'not-a-server-error',
      'path-is-not-found',
      'status-is-allowed',
      'valid-is-created',
    ]);
    const crash = report.failures.find((f) => f.check === 'not-a-server-error');
    expect(crash?.response?.body).toContain('nullable');
  });

  it('with the crash patched, refuses the declared text/json and application/*+json: fails valid-is-created', async () => {
    const report = await express('spec-patched');
    expect(report.verdict).toBe('fails');
    expect(failedChecks(report)).toEqual(['valid-is-created']);
    const refused = failingLabels(report)['valid-is-created'];
    // express.json() parses application/json only (400: no body); the validator knows no `+json` wildcard (415).
    expect(refused).toEqual(expect.arrayContaining(['valid/text-json', 'valid/application-vnd-connect-json']));
    expect(
      refused.every((label) =>
        /text-json|\+json|vnd-connect-json|conformance-json|conformance-test-2-v1-json/.test(label),
      ),
    ).toBe(true);
  });

  it('configured for the spec (its media types parsed, +json mapped, no coercion) conforms', async () => {
    const report = await express('strict');
    expect(report.failures).toEqual([]);
    expect(report.verdict).toBe('conforms');
  });
});
