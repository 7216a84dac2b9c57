import type { Check } from './types.ts';
import { RULES } from './rules.ts';
import { fail, withResponse } from './util.ts';

/** Whatever the request, the answer is never 5xx. */
export const notAServerError: Check = {
  name: 'not-a-server-error',
  description: 'no request is answered with a 5xx status',
  scope: 'request',
  applies: () => true,
  judge: withResponse((_c, res) =>
    res.status >= 500
      ? fail('server-error', RULES.responses, `server error: Received: ${res.status}`, res.status)
      : undefined,
  ),
};
