// The spec's quirks as the lint reports them: each once, with every place it occurs.
import { beforeAll, describe, expect, it } from 'vitest';
import { lintSpec } from '../../../src/spec/lint.ts';
import { loadSpec, type LoadedSpec } from '../../../src/spec/load.ts';

const S = '/components/schemas/Connect.Service.Onboarding.App.Models.V1.';
const RESPONSES = '/paths/~1v1~1onboarding~1entities/post/responses';
let spec: LoadedSpec;
beforeAll(async () => {
  spec = await loadSpec('spec/openapi.yaml');
});

describe('lintSpec', () => {
  it('reports each quirk of the spec once, nullable-without-type with its four places', () => {
    const untyped = [
      `${S}EntityOnboardingRequest/properties/properties`,
      `${S}Data.Collective/properties/properties`,
      `${S}Data.Entity/properties/properties`,
      `${S}Data.Entity/properties/systemProperties`,
    ];
    expect(lintSpec(spec, [401, 403, 405, 415, 429])).toEqual([
      {
        code: 'required-nullable',
        rule: `${S}EntityOnboardingRequest/properties/brand`,
        message:
          '"brand" is required and nullable: a body must carry the key, but null is a valid value (a provider that refuses null is wrong by the spec)',
      },
      {
        code: 'nullable-without-type',
        rule: untyped[0],
        message: `nullable without type has no effect: the schema admits any JSON value (some tools fail open on it; Ajv 8, and the validators built on it, refuse to load the document), at ${untyped.join(', ')}`,
        pointers: untyped,
      },
      {
        code: 'undocumented-status',
        rule: RESPONSES,
        message:
          'statuses a real server sends are not documented: 401, 403, 405, 415, 429 (allowed by the verdict profile, reported as spec gaps)',
      },
      ...['201', '400'].map((status) => ({
        code: 'response-without-required',
        rule: `${RESPONSES}/${status}/content/application~1json/schema`,
        message: `the ${status} application/json schema requires no property: even {} is a valid answer, ${
          status === '201'
            ? 'so echo checks can only judge what is present'
            : 'so an error answer may say nothing of what was wrong'
        }`,
      })),
    ]);
  });

  it('takes the profile statuses as given: only those the spec does not document are a gap', () => {
    const gaps = (statuses: number[]) => lintSpec(spec, statuses).filter((w) => w.code === 'undocumented-status');
    expect(gaps([400, 401])).toEqual([
      expect.objectContaining({ message: expect.stringContaining('documented: 401 (') }),
    ]);
    expect(gaps([201, 400])).toEqual([]);
  });
});
