import type { Failure } from '../checks/types.ts';
import type { TestCase } from '../generators/case.ts';

/**
 * A known, accepted deviation: failures it matches are reported as waived, not failed.
 * `check` is exact; `rule` a JSON pointer prefix; `case` a glob over case labels (`*` any run of characters).
 */
export interface Waiver {
  readonly id: string;
  readonly check: string;
  readonly rule?: string;
  readonly case?: string;
  readonly kind?: string;
  /** `prism`, `url` or absent for every target. */
  readonly target?: 'prism' | 'url';
  readonly reason: string;
  readonly owner: string;
  /** ISO date (YYYY-MM-DD) after which the waiver no longer applies and fails the run. */
  readonly expires?: string;
}

/**
 * A waiver as reported: how often it matched, whether it is expired, stale (its cases ran and it matched nothing) or
 * not exercised (none of its cases ran: the run says nothing about it, so it is not stale).
 */
export interface WaiverStatus extends Waiver {
  readonly matched: number;
  readonly expired: boolean;
  readonly stale: boolean;
  /** True when no case its check judged and its `case` glob covers was sent; absent in older reports. */
  readonly notExercised?: boolean;
}

/** A waivers file that cannot be used. */
export class WaiverError extends Error {
  override readonly name = 'WaiverError';
}

/** Validates the parsed content of a waivers file (`{ "waivers": [...] }` or a bare array). */
export function parseWaivers(json: unknown, source: string): Waiver[] {
  const list = Array.isArray(json) ? json : (json as { waivers?: unknown } | null)?.waivers;
  if (!Array.isArray(list)) throw new WaiverError(`${source}: expected {"waivers": [...]}`);
  return list.map((w: Record<string, unknown>, i) => {
    for (const key of ['id', 'check', 'reason', 'owner'] as const) {
      if (typeof w?.[key] !== 'string' || w[key] === '')
        throw new WaiverError(`${source}: waiver #${i + 1} needs a "${key}" string`);
    }
    if (w['expires'] !== undefined && (typeof w['expires'] !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(w['expires']))) {
      throw new WaiverError(`${source}: waiver ${String(w['id'])} "expires" must be YYYY-MM-DD`);
    }
    if (w['target'] !== undefined && w['target'] !== 'prism' && w['target'] !== 'url') {
      throw new WaiverError(`${source}: waiver ${String(w['id'])} "target" must be "prism" or "url"`);
    }
    return w as unknown as Waiver;
  });
}

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
