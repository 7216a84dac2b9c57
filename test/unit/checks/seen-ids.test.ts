// The unique-id check's memory: ids kept as 16 bytes in typed arrays, each with the case that first got it.
import { describe, expect, it } from 'vitest';
import { idKey, SeenIds } from '../../../src/checks/seen-ids.ts';

const uuid = (n: number) => `9b2e0c1d-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('idKey', () => {
  it.each([
    [
      'a uuid in either letter case',
      '9B2E0C1D-0000-4000-8000-00000000000A',
      '9b2e0c1d-0000-4000-8000-00000000000a',
      true,
    ],
    ['two uuids', uuid(10), uuid(11), false],
    ['any other id in either letter case', 'Order-42', 'order-42', true],
    ['two other ids', 'order-42', 'order-43', false],
    ['a urn:uuid and its plain uuid (the spec documents the plain form)', `urn:uuid:${uuid(10)}`, uuid(10), false],
  ])('%s: same key %s / %s → %s', (_what, a, b, same) => {
    expect(idKey(a)).toHaveLength(4);
    expect(idKey(a).join() === idKey(b).join()).toBe(same);
  });

  it('keeps a uuid as its own 16 bytes', () => {
    expect(idKey('00000001-0002-0003-0004-000000000005')).toEqual([1, 0x00020003, 0x00040000, 5]);
  });
});

describe('SeenIds', () => {
  it('gives the case that first got an id, and remembers a new one', () => {
    const seen = new SeenIds();
    expect(seen.firstOrAdd(uuid(1), 'b0007')).toBe('b0007');
    expect(seen.firstOrAdd(uuid(1).toUpperCase(), 'r00012')).toBe('b0007');
    expect(seen.firstOrAdd('Order-1', 'r00013')).toBe('r00013');
    expect(seen.firstOrAdd('ORDER-1', 'r00014')).toBe('r00013');
    expect(seen.size).toBe(2);
  });

  it.each(['b0012', 'r00345', 'r1234567', 'r123456789', 'shrunk:b0012', ''])(
    'gives case id %j back as it was',
    (id) => {
      const seen = new SeenIds();
      seen.firstOrAdd(uuid(1), id);
      expect(seen.firstOrAdd(uuid(1), 'other')).toBe(id);
    },
  );

  it('finds every id again once its block is sealed, and no id it was not given', () => {
    const seen = new SeenIds();
    const n = 2 * 131_072 + 17; // two sealed blocks of 2^17 ids and an open one
    const caseId = (i: number) => `r${String(i).padStart(7, '0')}`;
    const firsts = Array.from({ length: n }, (_, i) => seen.firstOrAdd(uuid(i * 7919), caseId(i)));
    expect(firsts.every((f, i) => f === caseId(i))).toBe(true);
    expect(seen.size).toBe(n);
    for (const i of [0, 1, 131_071, 131_072, 200_000, n - 1])
      expect(seen.firstOrAdd(uuid(i * 7919), 'again')).toBe(caseId(i));
    expect(seen.firstOrAdd(uuid(1), 'new')).toBe('new');
  });
});
