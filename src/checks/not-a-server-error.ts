import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { rulesOf } from './rules.ts';
import { fail, withResponse } from './util.ts';

/** Whatever the request, the answer is never 5xx. */
export function notAServerError(p: OperationProfile): Check {
  const rule = rulesOf(p).responses;
  return {
    name: 'not-a-server-error',
    description: 'no request is answered with a 5xx status',
    scope: 'request',
    applies: () => true,
    judge: withResponse((_c, res) =>
      res.status >= 500 ? fail('server-error', rule, `server error: Received: ${res.status}`, res.status) : undefined,
    ),
  };
}
