import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { planCases } from '../../../src/generators/index.ts';
import type { TestCase } from '../../../src/generators/case.ts';
import { fixtureApplier } from '../../../src/runner/fixtures.ts';
import { loadSpec } from '../../../src/spec/load.ts';
import { buildValidators } from '../../../src/validators/index.ts';

const COLLECTIVE = '3f1c2a8e-7b4d-4e0a-9c51-2d6b8f0e4a11';

describe('fixtureApplier', async () => {
  // Arrange: the bundled spec's boundary phase, and fixtures for one field and one combination.
  const spec = await loadSpec('spec/openapi.yaml');
  const validators = buildValidators(spec);
  const cases = [...planCases({ spec, validators, seed: 1, runs: 0 }).cases()];
  const find = (p: (c: TestCase) => boolean) => cases.find(p)!;
  const validator = validators.requestFor('application/json')!;
  const base = find((c) => c.kind === 'valid' && c.body?.includes('"collectiveId":"') === true);
  const applier = fixtureApplier(
    {
      file: 'fixtures.json',
      choices: [
        { name: 'collectiveId', options: [{ collectiveId: COLLECTIVE }] },
        { name: 'brand+type', options: [{ brand: 'Acme', type: 'EV' }] },
      ],
    },
    validator,
    base,
  );
  const body = (c: TestCase) => JSON.parse(applier.apply(c).body!) as Record<string, unknown>;

  it('a valid case sends the fixture values and stays valid', () => {
    expect(body(base)).toMatchObject({ collectiveId: COLLECTIVE, brand: 'Acme', type: 'EV' });
    expect(validator.validate(body(base))).toEqual([]);
  });

  it('a case that violates a field sends its generated value there, and fixtures elsewhere', () => {
    const c = find((x) => x.kind === 'schema-violation' && x.violation?.instancePath === '/collectiveId');
    const sent = body(c);
    expect(sent['collectiveId']).toBe((JSON.parse(c.body!) as Record<string, unknown>)['collectiveId']);
    expect(validator.validate(sent).length).toBeGreaterThan(0);
  });

  it('a body keeps its form (pretty-printed), and one that is not JSON is sent as it is', () => {
    const pretty = find((x) => x.label === 'valid/pretty-printed');
    expect(applier.apply(pretty).body).toMatch(/^\n\{\n {2}"/);
    expect(body(pretty)['brand']).toBe('Acme');
    const malformed = find((x) => x.kind === 'malformed-json');
    expect(applier.apply(malformed)).toBe(malformed);
  });

  it.each([
    ['valid/encoding/gzip', gunzipSync],
    ['valid/encoding/deflate', inflateSync],
    ['valid/encoding/br', brotliDecompressSync],
    ['valid/encoding/bom', (b: Buffer) => b.subarray(3)],
  ])('%s: the fixture values go in first, then the bytes are coded as the case sends them', (label, undo) => {
    const sent = applier.apply(find((x) => x.label === label));
    const bytes = Buffer.from(sent.wire!.bodyBase64!, 'base64');
    expect(undo(bytes).toString('utf8')).toBe(sent.body);
    expect(body(sent)).toMatchObject({ collectiveId: COLLECTIVE, brand: 'Acme', type: 'EV' });
    if (label.endsWith('bom')) expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('bytes that are not UTF-8 are sent as generated (their readable body is not what is sent)', () => {
    const c = find((x) => x.label.startsWith('malformed/invalid-utf8/'));
    expect(applier.apply(c)).toBe(c);
  });

  it('a value refused when probed is stale: reported, and no longer sent', () => {
    const [probe] = applier.probes();
    expect(JSON.parse(probe.probe.body!)).toMatchObject({ collectiveId: COLLECTIVE });
    applier.probed(probe.choice, probe.option, '404', true);
    expect(body(base)['collectiveId']).not.toBe(COLLECTIVE);
    expect(applier.report().stale).toEqual([{ field: 'collectiveId', value: COLLECTIVE, received: '404' }]);
  });
});
