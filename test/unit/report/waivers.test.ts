import { describe, expect, it } from 'vitest';
import type { Failure } from '../../../src/checks/types.ts';
import type { TestCase } from '../../../src/generators/case.ts';
import { createWaiverBook } from '../../../src/report/waivers.ts';
import type { Waiver } from '../../../src/waivers.ts';

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
