import type { Check } from './types.ts';
import { at } from './echo.ts';
import { isNilUuid } from './ids-are-assigned.ts';
import type { OperationProfile } from './profile.ts';
import { rulesOf } from './rules.ts';
import { SeenIds } from './seen-ids.ts';
import { answered, fail } from './util.ts';

/**
 * Every created request (any 2xx) has its own id (at the profile's `idPath`) across the whole run (stateful: one
 * instance per run).
 */
export function createUniqueIdCheck(p: OperationProfile): Check {
  const seen = new SeenIds();
  const rule = rulesOf(p).created;
  const where = p.idPath.join('.');
  return {
    name: 'unique-id',
    description: 'every created request has an id not seen before in the run',
    scope: 'request',
    applies: (c) => c.kind === 'valid',
    judge: answered((c, body, res) => {
      const id = at(body, ...p.idPath);
      // The nil UUID is no id (ids-are-assigned says so): given to every request, it is one bug, not two.
      if (typeof id !== 'string' || isNilUuid(id)) return undefined;
      // The same case sent again (a retry, a shrink step) may get its own id back.
      const first = seen.firstOrAdd(id, c.id);
      if (first !== c.id)
        // The id as a value, not in the words: a problem's title must read the same every run.
        return fail(
          'duplicate-id',
          rule,
          `${res.status} ${where} was already returned to an earlier request: one id for two onboarding requests`,
          id,
          'an id of its own',
        );
      return undefined;
    }),
  };
}
