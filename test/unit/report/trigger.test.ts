// What a valid request carries, member by member, and the trigger most problems share: the rules that merge the
// problems of one bug met by many classes (src/report/trigger.ts).
import { describe, expect, it } from 'vitest';
import {
  commonTrigger,
  featuresOf,
  hasFloatLiteral,
  isTriggerScope,
  sizeScope,
  triggerScope,
} from '../../../src/report/trigger.ts';

/** The shape of a string member named brand. */
const STRING_BRAND = ['brand that is not an object', 'brand that is null or not an object'];

describe('featuresOf', () => {
  it.each<[string, unknown, string[]]>([
    ['not an object: nothing', [1, 2], []],
    ['null: nothing', null, []],
    [
      'each member’s own type and shape',
      { brand: 'b', n: null, a: [] },
      [
        'a string in brand',
        'brand that is not an object',
        'brand that is null or not an object',
        'null in n',
        'n that is null or not an object',
        'an array in a',
        'a as an array',
        'a that is not an object',
        'a that is null or not an object',
      ],
    ],
    [
      'every type inside a member, at any depth',
      { properties: { a: [1, { b: true }] } },
      [
        'an object in properties',
        'an array in properties',
        'an object in properties',
        'a boolean in properties',
        'a member named a',
        'a member named b',
      ].concat('a number in properties'),
    ],
    ['an empty string', { brand: '' }, ['a string in brand', 'an empty string in brand', ...STRING_BRAND]],
    [
      'text that is not ASCII, in its member and anywhere',
      { brand: 'café' },
      ['a string in brand', 'text that is not ASCII in brand', 'text that is not ASCII', ...STRING_BRAND],
    ],
    [
      'a character beyond U+FFFF (a 3-byte utf8 column cannot hold it)',
      { name: 'a😀' },
      [
        'a string in name',
        'text that is not ASCII in name',
        'text that is not ASCII',
        'a character beyond U+FFFF',
        'name that is not an object',
        'name that is null or not an object',
      ],
    ],
    [
      'a member name that is not ASCII, inside',
      { properties: { ключ: 1 } },
      [
        'an object in properties',
        'text that is not ASCII in properties',
        'text that is not ASCII',
        'a number in properties',
        'a member named ключ',
      ],
    ],
  ])('%s', (_what, body, expected) => {
    expect(featuresOf(body).sort()).toEqual([...new Set(expected)].sort());
  });

  it('reads a number’s spelling from the text, outside strings: a fraction or an exponent', () => {
    expect(featuresOf({ n: 100 }, '{"n":1E2}')).toContain('a number written with a fraction or an exponent');
    expect(hasFloatLiteral('{"n":42.5}')).toBe(true);
    expect(hasFloatLiteral('{"n":1e400}')).toBe(true);
    expect(hasFloatLiteral('{"n":100,"s":"1.5 e2 \\" 2.5"}')).toBe(false);
    expect(hasFloatLiteral('{"type":"EV"}')).toBe(false);
  });

  it('reads a value nested 10,000 levels deep without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(featuresOf({ properties: deep })).toContain('a number in properties');
  });
});

describe('commonTrigger', () => {
  const of = (m: Record<string, string[]>) => (k: string) => m[k] ?? [];

  it('picks the feature the most candidates share, ties in code-point order, at least two', () => {
    const features = of({ a: ['x', 'y'], b: ['y'], c: ['x', 'y'], d: ['z'] });
    expect(commonTrigger(['a', 'b', 'c', 'd'], features)).toEqual({ feature: 'y', covered: ['a', 'b', 'c'] });
    expect(commonTrigger(['a', 'c'], features)).toEqual({ feature: 'x', covered: ['a', 'c'] });
    expect(commonTrigger(['b', 'd'], features)).toBeUndefined();
  });

  it('names its scope so that a report and a baseline tell it apart', () => {
    expect(triggerScope('a number in properties')).toBe('valid requests with a number in properties');
    expect(isTriggerScope(triggerScope('null in brand'))).toBe(true);
    expect(isTriggerScope('valid/any')).toBe(false);
  });
});

describe('sizeScope', () => {
  it.each<[number, number, string]>([
    [9_800, 10_500, 'requests with a body over 10 KiB'],
    [10_300, 10_400, 'requests with a body over 10300 bytes'],
    [0, 20_000, 'requests with a body over 1 KiB'],
    [40, 900, 'requests with a body over 40 bytes'],
  ])('over %i bytes, the smallest %i: %s', (under, over, scope) => {
    expect(sizeScope(under, over)).toBe(scope);
    expect(isTriggerScope(scope)).toBe(true);
  });
});
