import type { Check } from './types.ts';
import { at } from './echo.ts';
import { isNilUuid } from './ids-are-assigned.ts';
import type { OperationProfile } from './profile.ts';
import { rulesOf } from './rules.ts';
import { SeenIds } from './seen-ids.ts';
import { answered, fail } from './util.ts';

/** How many entity ids the check remembers (about 200 KB at most): a request id taken from one is a recent one. */
const ENTITIES_KEPT = 4096;

/**
 * Every created request (any 2xx) has its own id (at the profile's `idPath`) across the whole run (stateful: one
 * instance per run).
 */
export function createUniqueIdCheck(p: OperationProfile): Check {
  const seen = new SeenIds();
  // The entity ids of the latest answers, with the case that first got each (a window: the run's ids are kept whole).
  const entities = new Map<string, string>();
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
      // This answer's entity id kept, after its own id was looked up among the earlier entity ids.
      const asEntity = entities.get(id.toLowerCase());
      const entityId = p.entityId === undefined ? undefined : at(body, ...p.entityId.path);
      if (typeof entityId === 'string' && !isNilUuid(entityId) && !entities.has(entityId.toLowerCase())) {
        entities.set(entityId.toLowerCase(), c.id);
        if (entities.size > ENTITIES_KEPT) entities.delete(entities.keys().next().value ?? '');
      }
      // An earlier answer's entity id for this request's id (oRPC blind probe: each request's id taken from the entity
      // created before): an id an earlier answer gave, naming no request of its own.
      if (first === c.id && asEntity !== undefined && asEntity !== c.id)
        return fail(
          'duplicate-id',
          rule,
          `${res.status} ${where} is the ${p.entityId?.path.join('.') ?? 'entity id'} an earlier answer gave: an entity's id for an onboarding request`,
          id,
          'an id of its own',
        );
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
