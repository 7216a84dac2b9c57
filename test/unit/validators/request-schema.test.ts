import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/spec/load.ts';
import { buildValidators, type Validators } from '../../../src/validators/index.ts';

const REQ = '/components/schemas/Connect.Service.Onboarding.App.Models.V1.EntityOnboardingRequest';
const ENTITY_TYPE = '/components/schemas/Connect.Service.Onboarding.Core.Models.Data.EntityType';
const UUID = '497f6eca-6276-4993-bfeb-53cbbbba6f08';
const base = { brand: 'Audi', type: 'EV' };

let validators: Validators;
beforeAll(async () => {
  validators = buildValidators(await loadSpec('spec/openapi.yaml'));
});

// Each row pins one point of OpenAPI 3.0.4 as this spec uses it: [what, body, undefined | [keyword, rule]].
const table: [string, unknown, undefined | [string, string]][] = [
  ['the two required fields', base, undefined],
  ['brand is required AND nullable: null is valid', { ...base, brand: null }, undefined],
  ['brand missing', { type: 'EV' }, ['required', `${REQ}/required`]],
  ['type missing', { brand: 'Audi' }, ['required', `${REQ}/required`]],
  ['type null: $ref to a non-nullable enum', { ...base, type: null }, ['type', `${ENTITY_TYPE}/type`]],
  ['type in another casing', { ...base, type: 'ev' }, ['enum', `${ENTITY_TYPE}/enum`]],
  ['every enum value', { ...base, type: 'RetrofitMeter' }, undefined],
  ['nullable string with type admits null', { ...base, name: null }, undefined],
  ['nullable string rejects a number', { ...base, name: 5 }, ['type', `${REQ}/properties/name/type`]],
  ['"properties" (nullable, no type) admits an object', { ...base, properties: { a: { b: [1] } } }, undefined],
  ['"properties" admits an array', { ...base, properties: [1, 'x'] }, undefined],
  ['"properties" admits a string', { ...base, properties: 'x' }, undefined],
  ['"properties" admits a number', { ...base, properties: 4.5 }, undefined],
  ['"properties" admits a boolean', { ...base, properties: false }, undefined],
  ['"properties" admits null', { ...base, properties: null }, undefined],
  [
    'a property named "description" is not a keyword: unknown here',
    { ...base, description: 'x' },
    ['additionalProperties', `${REQ}/additionalProperties`],
  ],
  ['additionalProperties: false', { ...base, surplus: 1 }, ['additionalProperties', `${REQ}/additionalProperties`]],
  [
    'property names are case-sensitive',
    { type: 'EV', Brand: 'Audi', brand: 'Audi' },
    ['additionalProperties', `${REQ}/additionalProperties`],
  ],
  ['uuid lower case', { ...base, owner: UUID }, undefined],
  ['uuid upper case', { ...base, owner: UUID.toUpperCase() }, undefined],
  ['uuid urn form (ajv-formats accepts it)', { ...base, owner: `urn:uuid:${UUID}` }, undefined],
  ['uuid null (nullable)', { ...base, collectiveId: null }, undefined],
  ['uuid without hyphens', { ...base, owner: UUID.replaceAll('-', '') }, ['format', `${REQ}/properties/owner/format`]],
  ['uuid in braces', { ...base, collectiveId: `{${UUID}}` }, ['format', `${REQ}/properties/collectiveId/format`]],
  ['uuid with a trailing newline', { ...base, owner: `${UUID}\n` }, ['format', `${REQ}/properties/owner/format`]],
  ['uuid as a number', { ...base, owner: 5 }, ['type', `${REQ}/properties/owner/type`]],
  ['a body that is an array', [base], ['type', `${REQ}/type`]],
  ['a body that is null', null, ['type', `${REQ}/type`]],
];

describe('request schema as OpenAPI 3.0.4 means it', () => {
  it.each(table)('%s', (_what, body, expected) => {
    for (const [mediaType, v] of validators.request) {
      const errors = v.validate(body);
      if (expected === undefined) expect(errors, mediaType).toEqual([]);
      else
        expect(
          errors.map((e) => [e.keyword, e.rule]),
          mediaType,
        ).toContainEqual(expected);
    }
  });
});

describe('media types', () => {
  it.each([
    ['application/json', 'application/json'],
    ['application/json; charset=utf-8', 'application/json'],
    ['Text/JSON', 'text/json'],
    ['application/vnd.connect+json', 'application/*+json'],
    ['application/merge-patch+json; charset=utf-8', 'application/*+json'],
  ])('%s is declared as %s', (sent, declared) => {
    expect(validators.requestFor(sent)?.mediaType).toBe(declared);
  });
  it.each(['text/plain', 'application/xml', 'application/+json', 'json', undefined])('%s is not declared', (sent) => {
    expect(validators.requestFor(sent)).toBeUndefined();
  });
});
