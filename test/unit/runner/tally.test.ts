// The tally's bookkeeping as a table: what was recorded, and what the report then says (counts, rows, untested
// checks, distinct failures, spec gaps, created ids, verdict).
import { describe, expect, it } from 'vitest';
import type { Check, Failure } from '../../../src/checks/types.ts';
import { judge } from '../../../src/checks/judge.ts';
import type { CaseKind, TestCase } from '../../../src/generators/case.ts';
import type { Report } from '../../../src/report/model.ts';
import { createWaiverBook } from '../../../src/report/waivers.ts';
import type { Waiver } from '../../../src/waivers.ts';
import type { Exchange } from '../../../src/types.ts';
import { createTally } from '../../../src/runner/tally.ts';
import type { Validators } from '../../../src/validators/index.ts';
import { reportMeta } from './tally-meta.ts';

const fail = (kind: string): Failure => ({ check: 'status', kind, severity: 'error', rule: '/r', message: kind });
/** Two checks: `status` judges every case (201 for valid, 4xx otherwise), `echo` only a valid case's 201. */
const CHECKS: readonly Check[] = [
  {
    name: 'status',
    description: 'status',
    scope: 'row',
    applies: () => true,
    judge: (c, ex) => {
      const s = ex.response?.status;
      if (s === undefined) return fail('no-answer');
      return (c.kind === 'valid') === (s === 201) ? undefined : fail(`unexpected-${s}`);
    },
  },
  {
    name: 'echo',
    description: 'echo',
    scope: 'request',
    applies: (c) => c.kind === 'valid',
    judge: (_c, ex) => (ex.response?.status === 201 ? undefined : { skip: 'not created' }),
  },
];

const kase = (kind: CaseKind, label = kind): TestCase => ({
  id: `b-${label}`,
  phase: 'boundary',
  kind,
  label,
  method: kind === 'method' ? 'GET' : 'POST',
  contentType: 'application/json',
  body: '{}',
  auth: 'valid',
});
const answer = (status: number, body = '{}'): Exchange => ({
  request: { method: 'POST', url: 'http://t/v1/onboarding/entities', headers: {}, body: '{}' },
  response: { status, headers: { 'content-type': 'application/json' }, body, truncated: false },
  durationMs: 1,
  rateLimited: 0,
});

type Row = [string, [TestCase, Exchange][], { complete?: boolean }, Partial<Report>];

function tallied(recorded: [TestCase, Exchange][], complete: boolean, waivers: Waiver[] = []): Report {
  const tally = createTally(CHECKS, 7, createWaiverBook(waivers, 'url', '2026-01-01'), (s) => s);
  let n = 0;
  for (const [c, ex] of recorded) {
    tally.noteCreated(ex);
    tally.record(c, ex, judge(CHECKS, c, ex, { validators: {} as Validators, mockTarget: false }), ++n); // no check here reads validators
  }
  return tally.report(
    reportMeta(n, { budgetExhausted: !complete, complete, stopReason: complete ? undefined : 'max-requests' }),
  );
}

describe('createTally', () => {
  it.each<Row>([
    [
      'every row answered as the profile says: conforms, nothing untested but the rows never sent',
      [
        [kase('valid'), answer(201, '{"id":"a"}')],
        [kase('auth'), answer(401)],
      ],
      {},
      {
        verdict: 'conforms',
        summary: expect.objectContaining({ cases: 2, passed: 2, failures: 0 }) as Report['summary'],
        untested: {
          checks: [],
          rows: ['schema-violation', 'malformed-json', 'empty-body', 'media-type', 'method', 'path'],
        },
        created: ['a'],
        specGaps: [expect.objectContaining({ status: 401, count: 1, example: 'auth' }) as Report['specGaps'][number]],
      },
    ],
    [
      'a check that applied to no case is untested; a stopped run without failures is incomplete',
      [[kase('auth'), answer(401)]],
      { complete: false },
      {
        verdict: 'incomplete',
        complete: false,
        stopReason: 'max-requests',
        untested: { checks: ['echo'], rows: expect.any(Array) as string[] },
        created: [],
      },
    ],
    [
      'the same failure twice is one distinct failure with two occurrences',
      [
        [kase('valid'), answer(500)],
        [kase('valid'), answer(500)],
        [kase('auth'), answer(201, '{"id":"b"}')],
      ],
      {},
      {
        verdict: 'fails',
        verdictReasons: ['2 distinct failures (3 in all)'],
        summary: expect.objectContaining({ cases: 3, passed: 0, failures: 3, firstFailureAt: 1 }) as Report['summary'],
        failures: [
          expect.objectContaining({ id: 'F1', kind: 'unexpected-500', occurrences: 2 }),
          expect.objectContaining({ id: 'F2', kind: 'unexpected-201', occurrences: 1 }),
        ] as Report['failures'],
        created: ['b'],
      },
    ],
  ])('%s', (_what, recorded, opts, expected) => {
    const r = tallied(recorded, opts.complete ?? true);
    expect(r).toMatchObject(expected);
    expect(r.rows!.reduce((n, x) => n + x.cases, 0)).toBe(recorded.length);
  });

  it('a waiver whose cases never ran is not exercised, not stale; one whose cases ran and matched nothing is stale', () => {
    const waiver: Waiver = { id: 'w', check: 'echo', case: 'valid*', reason: 'r', owner: 'o' };
    const unrun = tallied([[kase('auth'), answer(401)]], true, [waiver]).waivers[0];
    expect([unrun.stale, unrun.notExercised]).toEqual([false, true]);
    const ran = tallied([[kase('valid'), answer(201, '{"id":"a"}')]], true, [waiver]).waivers[0];
    expect([ran.stale, ran.notExercised]).toEqual([true, undefined]);
  });

  it('record says which checks a case failed, waived ones aside (a caller stops the run on them)', () => {
    const waiver: Waiver = { id: 'w', check: 'status', case: 'auth', reason: 'r', owner: 'o' };
    const tally = createTally(CHECKS, 7, createWaiverBook([waiver], 'url', '2026-01-01'), (s) => s);
    const record = (c: TestCase, ex: Exchange, place: number) =>
      tally.record(c, ex, judge(CHECKS, c, ex, { validators: {} as Validators, mockTarget: false }), place); // no check here reads validators
    expect(record(kase('valid'), answer(201, '{"id":"a"}'), 1)).toEqual([]);
    expect(record(kase('valid'), answer(500), 2)).toEqual(['status']);
    expect(record(kase('auth'), answer(201), 3)).toEqual([]);
  });
});
