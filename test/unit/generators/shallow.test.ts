import { describe, expect, it } from 'vitest';
import { SHOWN_DEPTH, TOO_DEEP, shallow } from '../../../src/generators/shallow.ts';

const nested = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}"bottom"${']'.repeat(levels)}`);

describe('shallow', () => {
  it('returns a value within the depth as it is (the same object)', () => {
    const v = { a: [1, { b: null }], s: 'x' };
    expect(shallow(v)).toBe(v);
    const edge = nested(SHOWN_DEPTH - 1);
    expect(shallow(edge)).toBe(edge);
  });

  it('cuts a value nested 10,000 deep at the depth, so that JSON.stringify can write it', () => {
    const deep = nested(10_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const cut = shallow(deep);
    const text = JSON.stringify(cut);
    expect(text.startsWith('['.repeat(SHOWN_DEPTH))).toBe(true);
    expect(text).toContain(JSON.stringify(TOO_DEEP));
    expect(text.split('[').length - 1).toBe(SHOWN_DEPTH);
  });

  it('keeps the shallow siblings of a deep member whole', () => {
    expect(shallow({ keep: { a: 1 }, deep: nested(3) }, 2)).toEqual({ keep: { a: 1 }, deep: [TOO_DEEP] });
  });
});
