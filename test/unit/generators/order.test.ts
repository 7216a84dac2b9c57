import { describe, expect, it } from 'vitest';
import { interleave, leadingFirst } from '../../../src/generators/order.ts';

describe('interleave', () => {
  it.each([
    { groups: [['a1', 'a2', 'a3'], ['b1'], ['c1', 'c2']], out: ['a1', 'b1', 'c1', 'a2', 'c2', 'a3'] },
    { groups: [[], ['b1', 'b2']], out: ['b1', 'b2'] },
    { groups: [['a1'], []], out: ['a1'] },
    { groups: [], out: [] },
  ])('takes one of each group in turn: $out', ({ groups, out }) => {
    expect(interleave(...groups)).toEqual(out);
  });
});

describe('leadingFirst', () => {
  const items = ['empty', 'ascii', 'cjk', 'long', 'padded'];
  it('puts the named items first, in the order named, and keeps the others in theirs', () => {
    expect(leadingFirst(items, ['long', 'empty', 'padded'], (s) => s)).toEqual([
      'long',
      'empty',
      'padded',
      'ascii',
      'cjk',
    ]);
  });
  it('ignores names that are not there and leaves the input alone', () => {
    expect(leadingFirst(items, ['absent'], (s) => s)).toEqual(items);
    expect(items).toEqual(['empty', 'ascii', 'cjk', 'long', 'padded']);
  });
});
