import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { loadSpec, parseSpec } from '../../../src/spec/load.ts';
import { buildValidators, type Validators } from '../../../src/validators/index.ts';

const C = '/components/schemas/';
const UUID = '497f6eca-6276-4993-bfeb-53cbbbba6f08';
let validators: Validators;
beforeAll(async () => {
  validators = buildValidators(await loadSpec('spec/openapi.yaml'));
});

const entity = {
  id: UUID,
  owner: UUID,
  type: 'EV',
  information: { type: 'EV', brand: 'Audi' },
  properties: { a: 1 },
  systemProperties: [1],
};
// [what, status, body, undefined | rule expected among the errors]
const table: [string, number, unknown, string | undefined][] = [
  ['{} (no response property is required)', 201, {}, undefined],
  [
    'a full answer',
    201,
    {
      id: UUID,
      created: '2024-01-01T10:00:00Z',
      requestType: 'Entity',
      status: 'Pending',
      returnUrl: null,
      errors: [],
      action: { type: 'Redirect', redirectLink: 'https://example.com/x', documentationLink: null },
      data: { entity },
    },
    undefined,
  ],
  [
    'created must be a date-time',
    201,
    { created: '2024-01-01 10:00' },
    `${C}Connect.Service.Onboarding.App.Models.V1.OnboardingRequest/properties/created/format`,
  ],
  [
    'created has T between date and time (RFC 3339 date-time; ajv-formats alone takes a space)',
    201,
    { created: '2024-01-01 10:00:00.123456+00:00' },
    `${C}Connect.Service.Onboarding.App.Models.V1.OnboardingRequest/properties/created/format`,
  ],
  [
    'created has an offset with its colon (RFC 3339 time-numoffset; ajv-formats alone takes strftime %z)',
    201,
    { created: '2024-01-01T10:00:00+0000' },
    `${C}Connect.Service.Onboarding.App.Models.V1.OnboardingRequest/properties/created/format`,
  ],
  [
    'created with an offset of hours only is no date-time',
    201,
    { created: '2024-01-01T10:00:00+02' },
    `${C}Connect.Service.Onboarding.App.Models.V1.OnboardingRequest/properties/created/format`,
  ],
  [
    'created with a +02:00 offset and 7 fractional digits is a date-time',
    201,
    { created: '2024-01-01T10:00:00.1234567+02:00' },
    undefined,
  ],
  [
    'created with a lower-case t is a date-time (ABNF is case-insensitive)',
    201,
    { created: '2024-01-01t10:00:00Z' },
    undefined,
  ],
  [
    'id must be a uuid',
    201,
    { id: 'abc' },
    `${C}Connect.Service.Onboarding.App.Models.V1.OnboardingRequest/properties/id/format`,
  ],
  [
    'id is not nullable',
    201,
    { id: null },
    `${C}Connect.Service.Onboarding.App.Models.V1.OnboardingRequest/properties/id/type`,
  ],
  [
    'status enum is case-sensitive',
    201,
    { status: 'pending' },
    `${C}Connect.Service.Onboarding.Core.Models.OnboardingStatus/enum`,
  ],
  [
    'an undocumented field',
    201,
    { entityId: UUID },
    `${C}Connect.Service.Onboarding.App.Models.V1.OnboardingRequest/additionalProperties`,
  ],
  [
    'information has no owner',
    201,
    { data: { entity: { information: { owner: UUID } } } },
    `${C}Connect.Service.Onboarding.App.Models.V1.Data.EntityInformation/additionalProperties`,
  ],
  [
    'redirectLink must be a uri',
    201,
    { action: { redirectLink: 'not a uri' } },
    `${C}Connect.Service.Onboarding.App.Models.V1.OnboardingRequestAction/properties/redirectLink/format`,
  ],
  ['systemProperties (nullable, no type) is anything', 201, { data: { entity: { systemProperties: 'x' } } }, undefined],
  [
    'a reference field named "type" is a string here',
    201,
    { data: { entity: { reference: { type: 'Model S' } } } },
    undefined,
  ],
  ['error result', 400, { errors: [{ code: 'x', description: null, message: 'm' }] }, undefined],
  ['error result with null errors', 400, { errors: null }, undefined],
  [
    'ProblemDetails is not the documented error',
    400,
    { title: 'One or more validation errors occurred.', status: 400 },
    `${C}Connect.Errors.Results.ConnectApiErrorResult/additionalProperties`,
  ],
];

describe('response schemas', () => {
  it.each(table)('%s', (_what, status, body, rule) => {
    const errors = validators.responseFor(status, 'application/json; charset=utf-8')!.validate(body);
    if (rule === undefined) expect(errors).toEqual([]);
    else expect(errors.map((e) => e.rule)).toContain(rule);
  });
  it('knows the documented statuses only', () => {
    expect(validators.documentedStatuses).toEqual(['201', '400']);
    expect(validators.responseFor(401, 'application/json')).toBeUndefined();
    expect(validators.responseFor(201, 'text/plain')).toBeUndefined();
  });
});

describe('findResponse', () => {
  it('picks the explicit code, else its range, else default (OpenAPI 3.0.4 §4.8.16.2), or nothing', async () => {
    const text = (await readFile('spec/openapi.yaml', 'utf8')).replace(
      "        '400':",
      "        4XX:\n          description: Client error\n        default:\n          description: Anything else\n        '400':",
    );
    const ranged = buildValidators(parseSpec(text, 'ranged.yaml'));
    const found = (v: Validators, status: number) => v.findResponse(status)?.status;
    expect([201, 400, 404, 500].map((s) => found(validators, s))).toEqual(['201', '400', undefined, undefined]);
    expect([201, 400, 404, 500].map((s) => found(ranged, s))).toEqual(['201', '400', '4XX', 'default']);
    expect([...validators.findResponse(201)!.content.keys()]).toEqual(['application/json']);
    expect(ranged.findResponse(404)!.content.size).toBe(0);
  });
});
