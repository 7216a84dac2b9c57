// Waivers applied: the book that matches a run's failures against its waivers and counts them for the report.
import type { Failure } from '../checks/types.ts';
import type { TestCase } from '../generators/case.ts';
import type { Waiver } from '../waivers.ts';
import type { WaiverStatus } from './model.ts';

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    '^' +
      glob
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );
}

/** Matches failures against waivers for one target kind and date; keeps the counts for the report. */
export function createWaiverBook(waivers: readonly Waiver[], targetKind: 'prism' | 'url', today: string) {
  const entries = waivers
    .filter((w) => w.target === undefined || w.target === targetKind)
    .map((w) => ({
      waiver: w,
      caseRe: w.case === undefined ? undefined : globToRegExp(w.case),
      matched: 0,
      exercised: false,
      expired: w.expires !== undefined && w.expires < today,
    }));
  return {
    /** A case its checks judged (`checks`: the names of those that did not skip): the waivers it exercises. */
    exercise(c: TestCase, checks: readonly string[]): void {
      for (const e of entries)
        if (!e.exercised && checks.includes(e.waiver.check) && (!e.caseRe || e.caseRe.test(c.label)))
          e.exercised = true;
    },
    /** The waiver that covers this failure, if an unexpired one does (an expired one still counts its match). */
    match(c: TestCase, f: Failure): Waiver | undefined {
      for (const e of entries) {
        const w = e.waiver;
        if (w.check !== f.check) continue;
        if (w.kind !== undefined && w.kind !== f.kind) continue;
        if (w.rule !== undefined && !f.rule.startsWith(w.rule)) continue;
        if (e.caseRe && !e.caseRe.test(c.label)) continue;
        e.matched++;
        if (!e.expired) return w;
      }
      return undefined;
    },
    statuses(): WaiverStatus[] {
      return entries.map((e) => ({
        ...e.waiver,
        matched: e.matched,
        expired: e.expired,
        stale: e.matched === 0 && e.exercised,
        ...(e.exercised || e.matched > 0 ? {} : { notExercised: true }),
      }));
    },
  };
}
