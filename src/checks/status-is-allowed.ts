import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { caseAccepts, PROFILE_ONLY_STATUSES, rulesOf } from './rules.ts';
import { fail, unlessRefusedByHttpLayer, withResponse } from './util.ts';

/**
 * Never a status that the spec does not document and the verdict profile does not allow; a 4xx to a message the HTTP
 * layer may refuse before the operation sees it (uvicorn's 404 to a target in absolute form) is the row's to judge.
 */
export function statusIsAllowed(p: OperationProfile): Check {
  const rule = rulesOf(p).responses;
  return {
    name: 'status-is-allowed',
    description: 'every status is documented by the spec or allowed by the verdict profile',
    scope: 'request',
    applies: () => true,
    judge: unlessRefusedByHttpLayer(
      withResponse((c, res, ctx) => {
        const ok =
          ctx.validators.findResponse(res.status) !== undefined ||
          PROFILE_ONLY_STATUSES.includes(res.status) ||
          caseAccepts(c, res.status);
        const allowed = [...ctx.validators.documentedStatuses, ...PROFILE_ONLY_STATUSES.map(String)];
        return ok
          ? undefined
          : fail(
              'undocumented-status',
              rule,
              `Received: ${res.status} / Documented: ${allowed.join(', ')}`,
              res.status,
              allowed,
            );
      }),
    ),
  };
}
