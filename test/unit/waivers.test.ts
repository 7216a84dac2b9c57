import { describe, expect, it } from 'vitest';
import { parseWaivers, WaiverError } from '../../src/waivers.ts';

const base = { id: 'w1', check: 'valid-is-created', reason: 'known', owner: 'team' };

describe('parseWaivers', () => {
  it('takes {"waivers": [...]} and a bare array, and keeps only the fields it knows', () => {
    const w = {
      ...base,
      rule: '#/paths',
      case: 'valid/*',
      kind: 'unexpected-status',
      target: 'url',
      expires: '2030-01-01',
    };
    expect(parseWaivers({ waivers: [w] }, 'f')).toEqual([w]);
    expect(parseWaivers([base], 'f')).toEqual([base]);
  });

  // Each bad file gives one WaiverError line that names the file, the waiver and the field.
  it.each<[string, unknown, string]>([
    ['not a list', { waivers: 5 }, 'f: expected {"waivers": [...]}'],
    ['null', null, 'f: expected {"waivers": [...]}'],
    ['a waiver that is not an object', [7], 'f: waiver #1 must be an object, got 7'],
    ['a missing required field', [{ ...base, owner: undefined }], 'f: waiver #1 needs a "owner" string'],
    ['an empty required field', [{ ...base, id: '' }], 'f: waiver #1 needs "id" as a non-empty string, got ""'],
    [
      'a wrongly typed optional field',
      [{ ...base, case: 5 }],
      'f: waiver #1 needs "case" as a non-empty string, got 5',
    ],
    [
      'a wrongly typed rule',
      [{ ...base, rule: ['#/x'] }],
      'f: waiver #1 needs "rule" as a non-empty string, got ["#/x"]',
    ],
    [
      'a date that is not YYYY-MM-DD',
      [{ ...base, expires: '31.12.2030' }],
      'f: waiver #1 (w1) "expires" must be YYYY-MM-DD, got "31.12.2030"',
    ],
    [
      'an unknown target',
      [{ ...base, target: 'staging' }],
      'f: waiver #1 (w1) "target" must be "prism" or "url", got "staging"',
    ],
    [
      'a typo in a field name',
      [{ ...base, expiry: '2030-01-01' }],
      'f: waiver #1 has an unknown field "expiry" (known: id, check, reason, owner, rule, case, kind, target, expires)',
    ],
    ['the second waiver', [base, { ...base, check: 1 }], 'f: waiver #2 needs "check" as a non-empty string, got 1'],
  ])('refuses %s', (_name, json, message) => {
    expect(() => parseWaivers(json, 'f')).toThrow(new WaiverError(message));
  });

  it.each([
    ['a dropped letter', 'valid-is-create', 'valid-is-created'],
    ['a swapped word', 'server-error-not-a', 'not-a-server-error'],
    ['upper case', 'UNIQUE-ID', 'unique-id'],
  ])('refuses a check that names no check (%s), naming the nearest', (_name, check, meant) => {
    const checks = ['not-a-server-error', 'valid-is-created', 'unique-id'];
    expect(() => parseWaivers([{ ...base, check }], 'f', checks)).toThrow(
      new WaiverError(
        `f: waiver #1 (w1) names no check "${check}"; did you mean "${meant}"? (checks: ${checks.join(', ')})`,
      ),
    );
    expect(parseWaivers([base], 'f', checks)).toEqual([base]);
  });
});
