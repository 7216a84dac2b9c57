import type { Check } from './types.ts';
import { PROFILE_ONLY_STATUSES, RULES } from './rules.ts';
import { fail, withResponse } from './util.ts';

/** Never a status that the spec does not document and the verdict profile does not allow. */
export const statusIsAllowed: Check = {
  name: 'status-is-allowed',
  description: 'every status is documented by the spec or allowed by the verdict profile',
  scope: 'request',
  applies: () => true,
  judge: withResponse((_c, res, ctx) => {
    const documented = ctx.validators.documentedStatuses;
    const ok =
      documented.includes(String(res.status)) ||
      documented.includes(`${String(res.status)[0]}XX`) ||
      documented.includes('default') ||
      PROFILE_ONLY_STATUSES.includes(res.status);
    const allowed = [...documented, ...PROFILE_ONLY_STATUSES.map(String)];
    return ok
      ? undefined
      : fail(
          'undocumented-status',
          RULES.responses,
          `Received: ${res.status} / Documented: ${allowed.join(', ')}`,
          res.status,
          allowed,
        );
  }),
};
