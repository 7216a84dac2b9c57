import type { Check, Finding } from './types.ts';
import { at } from './echo.ts';
import type { OperationProfile } from './profile.ts';
import { rulesOf } from './rules.ts';
import { answered, fail } from './util.ts';

/** How many answers of a status must have had a member before one without it is worth a word. */
const WATCHED_AFTER = 3;

/**
 * A success answer keeps the members every success answer of its status before it had: the top-level ones and the ids
 * the server assigns. The schema requires none of them, so a member some answers leave out (`status` dropped for one
 * entity type, `created` on every n-th answer: Spring, h3, Symfony and Mono blind probes) is advice, a warning; the
 * members that echo the request are the echo checks' (a server may leave one out where nothing was sent). One finding
 * a member a run: once left out, it is no longer one that every answer had.
 */
export function membersAreKept(p: OperationProfile): Check {
  const rule = rulesOf(p).created;
  const echoed = new Set(p.echoes.flatMap((g) => g.fields.map((f) => JSON.stringify(f.response))));
  const assigned = (p.assignedIds ?? []).filter((path) => path.length > 1);
  // Per status: how many answers it had, and how many of them had each member (keyed by its path as JSON).
  const seen = new Map<number, { answers: number; had: Map<string, { path: readonly string[]; n: number }> }>();
  return {
    name: 'members-are-kept',
    description:
      "a success answer keeps the members every success answer before it had (advice: the schema requires none; the echoes are the echo checks')",
    scope: 'request',
    applies: (c) => c.kind === 'valid',
    judge: answered((_c, body, res) => {
      let s = seen.get(res.status);
      if (s === undefined) seen.set(res.status, (s = { answers: 0, had: new Map() }));
      const findings: Finding[] = [];
      if (s.answers >= WATCHED_AFTER)
        for (const { path, n } of s.had.values())
          if (n === s.answers && at(body, ...path) === undefined)
            findings.push({
              ...fail(
                'member-dropped',
                rule,
                `${res.status} leaves out ${path.join('.')}, which every ${res.status} before it had (the schema requires nothing: a member only some answers have?)`,
                null,
                path.join('.'),
              ),
              at: `/${path.join('/')}`,
              severity: 'warning' as const,
            });
      s.answers++;
      for (const path of [...Object.keys(body).map((k) => [k]), ...assigned]) {
        const key = JSON.stringify(path);
        if (echoed.has(key) || at(body, ...path) === undefined) continue;
        const member = s.had.get(key);
        if (member) member.n++;
        else s.had.set(key, { path, n: 1 });
      }
      return findings;
    }),
  };
}
