import type { Check, Finding } from './types.ts';
import { at } from './echo.ts';
import type { OperationProfile } from './profile.ts';
import { rulesOf } from './rules.ts';
import { answered, warn } from './util.ts';

/** How many answers of a status must have had a member before one without it is worth a word. */
const WATCHED_AFTER = 3;

/**
 * A success answer keeps the members other success answers of its status had (three at least): the top-level ones
 * and the ids the server assigns, which the answer's schema all defines. It requires none of them, so a member some
 * answers leave out (`status` for one entity type or wherever a `returnUrl` is sent, `created` on every n-th answer,
 * `requestType` wherever a collective is named: Spring, h3, Symfony, Mono, gorilla/mux, Fastify and nginx blind
 * probes) is advice, a warning, whichever answers came first; the members that echo the request are the echo
 * checks' (a server may leave one out where nothing was sent). One finding a member a run.
 */
export function membersAreKept(p: OperationProfile): Check {
  const rule = rulesOf(p).created;
  const echoed = new Set(p.echoes.flatMap((g) => g.fields.map((f) => JSON.stringify(f.response))));
  const assigned = (p.assignedIds ?? []).filter((path) => path.length > 1);
  // Per status: how many answers it had, and how many of them had each member (keyed by its path as JSON).
  const seen = new Map<number, { answers: number; had: Map<string, { path: readonly string[]; n: number }> }>();
  const told = new Set<string>();
  return {
    name: 'members-are-kept',
    description:
      "a success answer keeps the members other success answers had (advice: the schema requires none; the echoes are the echo checks')",
    scope: 'request',
    applies: (c) => c.kind === 'valid',
    judge: answered((_c, body, res) => {
      let s = seen.get(res.status);
      if (s === undefined) seen.set(res.status, (s = { answers: 0, had: new Map() }));
      const findings: Finding[] = [];
      for (const [key, { path, n }] of s.had)
        if (n >= WATCHED_AFTER && at(body, ...path) === undefined) {
          if (told.has(`${res.status} ${key}`)) continue;
          told.add(`${res.status} ${key}`);
          findings.push({
            ...warn(
              'member-dropped',
              rule,
              `${res.status} leaves out ${path.join('.')}, which other ${res.status}s had (the schema requires nothing: a member only some answers have?)`,
              null,
              path.join('.'),
            ),
            at: `/${path.join('/')}`,
          });
        }
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
