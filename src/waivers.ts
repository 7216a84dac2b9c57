// The waivers file: its format and its parser. A leaf, since two stages read waivers: the Prism target brings its own
// (its known departures from the spec) and the runner reads the team's; the report stage matches failures against them.

import { isObject } from './types.ts';

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

/** A waivers file that cannot be used. */
export class WaiverError extends Error {
  override readonly name = 'WaiverError';
}

const REQUIRED = ['id', 'check', 'reason', 'owner'] as const;
const OPTIONAL = ['rule', 'case', 'kind', 'target', 'expires'] as const;
const KNOWN: ReadonlySet<string> = new Set([...REQUIRED, ...OPTIONAL]);

/**
 * Validates the parsed content of a waivers file (`{ "waivers": [...] }` or a bare array): every field is checked
 * for its type, and an unknown field (a typo such as "expiry") is refused rather than silently ignored; so is a
 * `check` that is not among `checks` (the profile's check names), when they are given.
 */
export function parseWaivers(json: unknown, source: string, checks?: readonly string[]): Waiver[] {
  const list = Array.isArray(json) ? json : isObject(json) ? json['waivers'] : undefined;
  if (!Array.isArray(list)) throw new WaiverError(`${source}: expected {"waivers": [...]}`);
  return list.map((w: unknown, i) => parseWaiver(w, `${source}: waiver #${i + 1}`, checks));
}

/**
 * The known name nearest to `name` by edit distance (Levenshtein), so that a typo is answered with what was meant;
 * ties go to the earlier name in `known` (the profile's order).
 */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (best === undefined || d < best.d) best = { name: k, d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

function parseWaiver(w: unknown, where: string, checks: readonly string[] | undefined): Waiver {
  if (!isObject(w)) throw new WaiverError(`${where} must be an object, got ${JSON.stringify(w)}`);
  for (const key of Object.keys(w)) {
    if (!KNOWN.has(key))
      throw new WaiverError(`${where} has an unknown field "${key}" (known: ${[...KNOWN].join(', ')})`);
  }
  const optional = (key: (typeof OPTIONAL)[number] | (typeof REQUIRED)[number]): string | undefined => {
    const v = w[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '')
      throw new WaiverError(`${where} needs "${key}" as a non-empty string, got ${JSON.stringify(v)}`);
    return v;
  };
  const required = (key: (typeof REQUIRED)[number]): string => {
    const v = optional(key);
    if (v === undefined) throw new WaiverError(`${where} needs a "${key}" string`);
    return v;
  };
  const waiver = { id: required('id'), check: required('check'), reason: required('reason'), owner: required('owner') };
  const named = `${where} (${waiver.id})`;
  // A waiver naming no check would silently waive nothing: refused, with the check most likely meant.
  if (checks !== undefined && !checks.includes(waiver.check))
    throw new WaiverError(
      `${named} names no check "${waiver.check}"; did you mean "${nearest(waiver.check, checks)}"? (checks: ${checks.join(', ')})`,
    );
  const [rule, glob, kind, target, expires] = OPTIONAL.map(optional);
  if (expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(expires))
    throw new WaiverError(`${named} "expires" must be YYYY-MM-DD, got "${expires}"`);
  if (target !== undefined && target !== 'prism' && target !== 'url')
    throw new WaiverError(`${named} "target" must be "prism" or "url", got "${target}"`);
  return {
    ...waiver,
    ...(rule === undefined ? {} : { rule }),
    ...(glob === undefined ? {} : { case: glob }),
    ...(kind === undefined ? {} : { kind }),
    ...(target === undefined ? {} : { target }),
    ...(expires === undefined ? {} : { expires }),
  };
}
