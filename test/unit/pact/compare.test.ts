import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../../src/checks/profile.ts';
import { rulesOf } from '../../../src/checks/rules.ts';
import { comparePactWithSpec, crossCheckWithComparator } from '../../../src/pact/compare.ts';
import { PactFileError } from '../../../src/pact/pact-file.ts';
import { loadSpec, type LoadedSpec } from '../../../src/spec/load.ts';
import { buildValidators, type Validators } from '../../../src/validators/index.ts';
import { DEFAULT_PACT as PACT } from '../../../src/cli/verify-pact.ts';
import { FULL, MINIMAL, MISSING_BRAND, NO_CREDENTIALS, REDIRECT } from '../../../contracts/interactions.ts';

const RULES = rulesOf(DEFAULT_PROFILE);
const C = '/components/schemas/';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures: pact JSON, mutated freely
type Json = Record<string, any>;
let spec: LoadedSpec;
let validators: Validators;
const committed = (): Json => JSON.parse(readFileSync(PACT, 'utf8')) as Json;
/** The committed pact with one interaction changed. */
const broken = (description: string, change: (interaction: Json) => void): Json => {
  const pact = committed();
  const interaction = (pact['interactions'] as Json[]).find((i) => i['description'] === description);
  if (!interaction) throw new Error(`no interaction "${description}" in ${PACT}`);
  change(interaction);
  return pact;
};

beforeAll(async () => {
  spec = await loadSpec('spec/openapi.yaml');
  validators = buildValidators(spec);
});

describe('the committed pact', () => {
  it('is consistent with the spec (the suite’s own check)', () => {
    expect(comparePactWithSpec(committed(), spec, validators)).toEqual([]);
  });

  it('is consistent with the spec (openapi-pact-comparator), 401 aside as the verdict profile allows it', async () => {
    const { findings, ignored } = await crossCheckWithComparator(committed(), spec);
    expect(findings).toEqual([]);
    expect(ignored).toEqual([
      expect.objectContaining({
        interaction: NO_CREDENTIALS,
        code: 'response.status.unknown',
        reason: expect.stringContaining('verdict profile'),
      }),
    ]);
  });
});

// [what, interaction, change, rule the suite must cite, comparator code expected (undefined: none asserted)]
const table: [string, string, (i: Json) => void, string, string | undefined][] = [
  [
    'a 201 answered 200 instead',
    MINIMAL,
    (i) => (i['response']['status'] = 200),
    RULES.responses,
    'response.status.unknown',
  ],
  [
    'a request with type "Boat" in a 201 interaction',
    MINIMAL,
    (i) => (i['request']['body']['content']['type'] = 'Boat'),
    `${C}Connect.Service.Onboarding.Core.Models.Data.EntityType/enum`,
    'request.body.incompatible',
  ],
  [
    'a response with an undocumented field',
    FULL,
    (i) => (i['response']['body']['content']['entityId'] = 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f'),
    `${C}Connect.Service.Onboarding.App.Models.V1.OnboardingRequest/additionalProperties`,
    'response.body.incompatible',
  ],
  [
    'a matcher whose example breaks the enum',
    REDIRECT,
    (i) => (i['response']['body']['content']['status'] = 'pending'),
    `${C}Connect.Service.Onboarding.Core.Models.OnboardingStatus/enum`,
    'response.body.incompatible',
  ],
  [
    'an echo of the wrong kind (collectiveId not a uuid)',
    FULL,
    (i) => (i['response']['body']['content']['data']['entity']['collectiveId'] = 'collective-1'),
    `${C}Connect.Service.Onboarding.App.Models.V1.Data.Entity/properties/collectiveId/format`,
    'response.body.incompatible',
  ],
  [
    'a request with an undocumented field',
    FULL,
    (i) => (i['request']['body']['content']['colour'] = 'red'),
    `${C}Connect.Service.Onboarding.App.Models.V1.EntityOnboardingRequest/additionalProperties`,
    'request.body.incompatible',
  ],
  [
    'a 201 interaction without credentials',
    MINIMAL,
    (i) => delete i['request']['headers']['Authorization'],
    RULES.bearerScheme,
    'request.authorization.missing',
  ],
  [
    'a 201 answered text/plain',
    MINIMAL,
    (i) => (i['response']['headers']['Content-Type'] = ['text/plain']),
    `${RULES.created}/content`,
    'response.content-type.incompatible',
  ],
  [
    'a 400 interaction whose request is valid',
    MISSING_BRAND,
    (i) => (i['request']['body']['content']['brand'] = 'Tesla'),
    RULES.badRequest,
    undefined,
  ],
  [
    'a 400 answer that is not the documented error',
    MISSING_BRAND,
    (i) => (i['response']['body']['content'] = { title: 'Bad Request', status: 400 }),
    `${C}Connect.Errors.Results.ConnectApiErrorResult/additionalProperties`,
    'response.body.incompatible',
  ],
  [
    'another operation',
    MINIMAL,
    (i) => (i['request']['path'] = '/v1/onboarding/collectives'),
    '/paths',
    'request.path-or-method.unknown',
  ],
  [
    'an undocumented status the profile does not allow',
    NO_CREDENTIALS,
    (i) => (i['response']['status'] = 404),
    RULES.responses,
    'response.status.unknown',
  ],
];

describe('a broken pact fails, naming the interaction and the rule', () => {
  it.each(table)('%s', async (_what, description, change, rule, code) => {
    const pact = broken(description, change);
    const mismatches = comparePactWithSpec(pact, spec, validators);
    expect(mismatches.length).toBeGreaterThan(0);
    expect(mismatches.every((m) => m.interaction === description)).toBe(true);
    expect(mismatches.map((m) => m.rule)).toContain(rule);
    if (code !== undefined) {
      const { findings } = await crossCheckWithComparator(pact, spec);
      expect(findings).toContainEqual(expect.objectContaining({ interaction: description, code }));
    }
  });

  it('says what is wrong in the message', () => {
    const [m] = comparePactWithSpec(
      broken(FULL, (i) => (i['response']['body']['content']['entityId'] = 'x')),
      spec,
      validators,
    );
    expect(m).toEqual({
      interaction: FULL,
      part: 'response',
      rule: `${C}Connect.Service.Onboarding.App.Models.V1.OnboardingRequest/additionalProperties`,
      message: expect.stringContaining('entityId'),
    });
  });

  it('reads V3 pacts too (bodies and headers as plain values)', () => {
    const v3 = {
      consumer: { name: 'c' },
      provider: { name: 'p' },
      interactions: [
        {
          description: 'v3 created',
          request: {
            method: 'POST',
            path: '/v1/onboarding/entities',
            headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
            body: { brand: 'Tesla', type: 'Boat' },
          },
          response: { status: 201, headers: { 'Content-Type': 'application/json' }, body: { id: 'x' } },
        },
      ],
      metadata: { pactSpecification: { version: '3.0.0' } },
    };
    const rules = comparePactWithSpec(v3, spec, validators).map((m) => m.rule);
    expect(rules).toContain(`${C}Connect.Service.Onboarding.Core.Models.Data.EntityType/enum`);
    expect(rules).toContain(`${C}Connect.Service.Onboarding.App.Models.V1.OnboardingRequest/properties/id/format`);
  });

  it('throws a PactFileError for what is not a pact', () => {
    expect(() => comparePactWithSpec({ hello: 'world' }, spec, validators)).toThrow(PactFileError);
    expect(() =>
      comparePactWithSpec({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions: [] }, spec, validators),
    ).toThrow(/no interactions/);
  });
});
