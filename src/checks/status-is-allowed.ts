import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { isLargeContent, PROFILE_ONLY_STATUSES, rulesOf } from './rules.ts';
import { fail, withResponse } from './util.ts';

/** Never a status that the spec does not document and the verdict profile does not allow. */
export function statusIsAllowed(p: OperationProfile): Check {
  const rule = rulesOf(p).responses;
  return {
    name: 'status-is-allowed',
    description: 'every status is documented by the spec or allowed by the verdict profile',
    scope: 'request',
    applies: () => true,
    judge: withResponse((c, res, ctx) => {
      // A status the case's class accepts (an RFC's choice, e.g. 411 to a body without framing) is allowed for it, and
      // so is 413 to large content (RFC 9110 §15.5.14).
      const ok =
        ctx.validators.findResponse(res.status) !== undefined ||
        PROFILE_ONLY_STATUSES.includes(res.status) ||
        (c.accept?.includes(res.status) ?? false) ||
        (res.status === 413 && isLargeContent(c));
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
  };
}
