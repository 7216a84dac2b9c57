import { describe, expect, it } from 'vitest';
import { convertSchema, SPEC_BASE } from '../../../src/spec/convert.ts';

// [OpenAPI 3.0.4 rule, input Schema Object, expected JSON Schema]
const table: [string, unknown, unknown][] = [
  ['nullable with type adds null to the type', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
  ['nullable without type has no effect (any value)', { description: 'd', nullable: true }, { description: 'd' }],
  ['nullable: false is dropped', { type: 'string', nullable: false }, { type: 'string' }],
  [
    'nullable keeps enum as is (enum without null still rejects null)',
    { type: 'string', enum: ['a'], nullable: true },
    { type: ['string', 'null'], enum: ['a'] },
  ],
  [
    'property names are data, not keywords',
    {
      type: 'object',
      properties: { type: { type: 'string' }, properties: { nullable: true }, description: { type: 'string' } },
    },
    { type: 'object', properties: { type: { type: 'string' }, properties: {}, description: { type: 'string' } } },
  ],
  [
    '$ref siblings are ignored (§4.8.23)',
    { $ref: '#/components/schemas/X', description: 'd', nullable: true },
    { $ref: `${SPEC_BASE}/components/schemas/X` },
  ],
  [
    'boolean exclusiveMinimum is the draft-04 modifier',
    { type: 'number', minimum: 1, exclusiveMinimum: true },
    { type: 'number', exclusiveMinimum: 1 },
  ],
  [
    'exclusiveMaximum: false is dropped',
    { type: 'number', maximum: 1, exclusiveMaximum: false },
    { type: 'number', maximum: 1 },
  ],
  [
    'OpenAPI-only annotations are dropped',
    { type: 'string', example: 'x', xml: {}, externalDocs: {}, 'x-foo': 1 },
    { type: 'string' },
  ],
  [
    'additionalProperties schema is converted',
    { type: 'object', additionalProperties: { type: 'string', nullable: true } },
    { type: 'object', additionalProperties: { type: ['string', 'null'] } },
  ],
  [
    'items and allOf are converted',
    { type: 'array', items: { allOf: [{ type: 'integer', nullable: true }] } },
    { type: 'array', items: { allOf: [{ type: ['integer', 'null'] }] } },
  ],
];

describe('convertSchema', () => {
  it.each(table)('%s', (_rule, input, expected) => {
    expect(convertSchema(input)).toEqual(expected);
  });
  it('records where every converted object came from', () => {
    const origins = new WeakMap<object, string>();
    const out = convertSchema(
      { type: 'object', properties: { 'a/b': { type: 'string' } } },
      '/components/schemas/S',
      origins,
    ) as { properties: Record<string, object> };
    expect(origins.get(out)).toBe('/components/schemas/S');
    expect(origins.get(out.properties['a/b'])).toBe('/components/schemas/S/properties/a~1b');
  });
  it('refuses remote references', () => {
    expect(() => convertSchema({ $ref: 'other.yaml#/X' })).toThrow(/only local/);
  });
});
