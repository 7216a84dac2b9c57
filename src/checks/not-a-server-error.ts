import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { caseAccepts, rulesOf } from './rules.ts';
import { fail, withResponse } from './util.ts';

/**
 * Whatever the request, the answer is never 5xx, but for a status the case's class names as an RFC's own answer: 501
 * to a method the server does not implement (RFC 9110 §9.1), the only one today.
 */
export function notAServerError(p: OperationProfile): Check {
  const rule = rulesOf(p).responses;
  return {
    name: 'not-a-server-error',
    description: 'no request is answered with a 5xx status',
    scope: 'request',
    applies: () => true,
    judge: withResponse((c, res) =>
      res.status >= 500 && !caseAccepts(c, res.status)
        ? fail('server-error', rule, `server error: Received: ${res.status}`, res.status)
        : undefined,
    ),
  };
}
