import { describe, expect, it } from 'vitest';
import type { Failure } from '../../../src/checks/types.ts';
import type { TestCase } from '../../../src/generators/case.ts';
import { createWaiverBook, parseWaivers, WaiverError, type Waiver } from '../../../src/report/waivers.ts';

const base = { id: 'w1', check: 'valid-is-created', reason: 'known', owner: 'team' };

function testCase(label: string): TestCase {
  return {
    id: 'b0001',
    phase: 'boundary',
    kind: 'valid',
    label,
    method: 'POST',
    contentType: 'application/json',
    body: '{}',
    auth: 'valid',
  };
}
function failure(over: Partial<Failure> = {}): Failure {
  return {
    check: 'valid-is-created',
    kind: 'unexpected-status',
    severity: 'error',
    rule: '#/paths/~1v1~1onboarding~1entities/post/responses/201',
    message: 'm',
    ...over,
  };
}

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

describe('createWaiverBook', () => {
  const today = '2026-12-02';
  // [waiver fields, case label, failure fields, waived?]
  it.each<[string, Partial<Waiver>, string, Partial<Failure>, boolean]>([
    ['check alone', {}, 'valid/minimal', {}, true],
    ['another check', { check: 'not-a-server-error' }, 'valid/minimal', {}, false],
    ['kind equal', { kind: 'unexpected-status' }, 'valid/minimal', {}, true],
    ['kind different', { kind: 'schema-violation' }, 'valid/minimal', {}, false],
    ['rule as a pointer prefix', { rule: '#/paths/~1v1~1onboarding~1entities' }, 'valid/minimal', {}, true],
    ['rule not a prefix', { rule: '#/components' }, 'valid/minimal', {}, false],
    ['glob with a star', { case: 'valid/*' }, 'valid/text-json', {}, true],
    ['glob star in the middle', { case: 'valid/*json' }, 'valid/text-json', {}, true],
    ['glob is anchored', { case: 'text-json' }, 'valid/text-json', {}, false],
    ['glob dots are literal', { case: 'valid.text-json' }, 'valid/text-json', {}, false],
    ['glob star does not match a prefix', { case: 'valid/*' }, 'invalid/valid/x', {}, false],
    ['expires today: still in force', { expires: today }, 'valid/minimal', {}, true],
    ['expired yesterday', { expires: '2026-12-01' }, 'valid/minimal', {}, false],
  ])('%s', (_name, over, label, failureOver, waived) => {
    const book = createWaiverBook([{ ...base, ...over }], 'url', today);
    expect(book.match(testCase(label), failure(failureOver)) !== undefined).toBe(waived);
  });

  it('applies a target-bound waiver to that target only', () => {
    const w: Waiver = { ...base, target: 'prism' };
    expect(createWaiverBook([w], 'prism', today).match(testCase('valid/x'), failure())).toEqual(w);
    expect(createWaiverBook([w], 'url', today).match(testCase('valid/x'), failure())).toBeUndefined();
    expect(createWaiverBook([w], 'url', today).statuses()).toEqual([]);
  });

  it('counts matches, marks an expired waiver expired (its matches still counted) and an unmatched one stale', () => {
    const book = createWaiverBook(
      [
        { ...base, id: 'used' },
        { ...base, id: 'old', check: 'not-a-server-error', expires: '2020-01-01' },
        { ...base, id: 'unused', check: 'method-is-not-allowed' },
      ],
      'url',
      today,
    );
    book.exercise(testCase('valid/a'), ['valid-is-created', 'method-is-not-allowed']);
    book.match(testCase('valid/a'), failure());
    book.match(testCase('valid/b'), failure());
    expect(book.match(testCase('valid/c'), failure({ check: 'not-a-server-error' }))).toBeUndefined();
    expect(
      book
        .statuses()
        .map(({ id, matched, expired, stale, notExercised }) => ({ id, matched, expired, stale, notExercised })),
    ).toEqual([
      { id: 'used', matched: 2, expired: false, stale: false, notExercised: undefined },
      { id: 'old', matched: 1, expired: true, stale: false, notExercised: undefined },
      { id: 'unused', matched: 0, expired: false, stale: true, notExercised: undefined },
    ]);
  });

  it('calls a waiver whose cases never ran not exercised, not stale', () => {
    const book = createWaiverBook([{ ...base, check: 'method-is-not-allowed', case: 'method/*' }], 'url', today);
    book.exercise(testCase('method/GET'), ['valid-is-created']); // its check did not judge this case
    book.exercise(testCase('valid/a'), ['method-is-not-allowed']); // not its case class
    expect(book.statuses()[0]).toMatchObject({ matched: 0, stale: false, notExercised: true });
    book.exercise(testCase('method/GET'), ['method-is-not-allowed']);
    expect(book.statuses()[0]).toMatchObject({ matched: 0, stale: true });
    expect(book.statuses()[0]?.notExercised).toBeUndefined();
  });

  it('lets the first matching waiver take the failure', () => {
    const book = createWaiverBook(
      [
        { ...base, id: 'first' },
        { ...base, id: 'second' },
      ],
      'url',
      today,
    );
    expect(book.match(testCase('valid/a'), failure())?.id).toBe('first');
    expect(book.statuses().map((s) => s.matched)).toEqual([1, 0]);
  });
});
