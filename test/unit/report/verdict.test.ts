// The verdict table: one function decides every verdict, for the runner and for merge-reports alike.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/model.ts';
import { untestedOf, verdictOf, type VerdictInput } from '../../../src/report/verdict.ts';
import { conformingReport, fixtureReport } from './fixture.ts';

const ok = conformingReport();
const failing = fixtureReport();
const { complete: _complete, ...older } = ok;
const gaveUp = { after: 8, message: 'the target gave no usable answer' };

describe('verdictOf', () => {
  it.each<[string, VerdictInput, Report['verdict'], string[]]>([
    ['a complete run without failures', ok, 'conforms', []],
    ['a complete run with failures', failing, 'fails', failing.verdictReasons as string[]],
    [
      'a run cut by --max-requests that found nothing',
      { ...ok, complete: false, stopReason: 'max-requests', budgetExhausted: true },
      'incomplete',
      ['--max-requests was reached before every case was sent'],
    ],
    [
      'a run cut by --time-limit that found nothing',
      { ...ok, complete: false, stopReason: 'time-limit' },
      'incomplete',
      ['--time-limit was reached before every case was sent'],
    ],
    [
      'a partial run with failures still fails',
      { ...failing, complete: false, stopReason: 'max-requests', budgetExhausted: true },
      'fails',
      [...failing.verdictReasons, '--max-requests was reached before every case was sent'],
    ],
    [
      'an interrupted run, whatever it found',
      { ...failing, interrupted: true, complete: false, stopReason: 'interrupted' },
      'interrupted',
      [...failing.verdictReasons, 'the run was interrupted'],
    ],
    [
      'a run that gave up on its target',
      { ...failing, complete: false, stopReason: 'gave-up', gaveUp },
      'unusable',
      [gaveUp.message, ...failing.verdictReasons],
    ],
    [
      'a run that gave up on a target that had answered, with failures: it went down, and fails',
      { ...failing, complete: false, stopReason: 'gave-up', gaveUp: { ...gaveUp, answered: 120 } },
      'fails',
      [gaveUp.message, ...failing.verdictReasons],
    ],
    [
      'a run that gave up on a target that had answered, without failures (429s for ever): unusable',
      { ...ok, complete: false, stopReason: 'gave-up', gaveUp: { ...gaveUp, answered: 120 } },
      'unusable',
      [gaveUp.message],
    ],
    [
      'a run that gave up on a target that never answered (503 to everything): unusable',
      { ...failing, complete: false, stopReason: 'gave-up', gaveUp: { ...gaveUp, answered: 0 } },
      'unusable',
      [gaveUp.message, ...failing.verdictReasons],
    ],
    [
      'a run that gave up on a target that took a connection, then refused them (a crash on its first request): fails',
      { ...failing, complete: false, stopReason: 'gave-up', gaveUp: { ...gaveUp, answered: 0, wentDown: true } },
      'fails',
      [gaveUp.message, ...failing.verdictReasons],
    ],
    [
      'a complete run whose budget ran out while shrinking',
      { ...ok, complete: true, budgetExhausted: true },
      'conforms',
      [],
    ],
    [
      'an older report (no `complete`) whose budget ran out',
      { ...older, budgetExhausted: true },
      'incomplete',
      ['--max-requests was reached before every case was sent'],
    ],
  ])('%s', (_what, input, verdict, reasons) => {
    expect(verdictOf(input)).toEqual({ verdict, verdictReasons: reasons });
  });
});

describe('untestedOf', () => {
  it('names the checks that judged nothing (skips do not count) and the rows no case was sent for', () => {
    const checks = [
      { name: 'a', description: '', passed: 1, failed: 0, waived: 0, skipped: 0 },
      { name: 'b', description: '', passed: 0, failed: 0, waived: 1, skipped: 0 },
      { name: 'c', description: '', passed: 0, failed: 0, waived: 0, skipped: 9 },
    ];
    expect(
      untestedOf(checks, [
        { row: 'valid', cases: 3 },
        { row: 'method', cases: 0 },
      ]),
    ).toEqual({ checks: ['c'], rows: ['method'] });
  });
});
