import type { Check } from './types.ts';
import { RULES } from './rules.ts';
import { fail, statusIn } from './util.ts';

const judgeStatus = statusIn('auth-is-enforced', [401, 403], RULES.security, 'credentials were not enforced');

/**
 * No, wrong, empty or non-Bearer credentials: 401 (403 accepted); `security: [bearerAuth]` (OpenAPI 3.0.4 §4.8.30).
 * A 401 without a WWW-Authenticate challenge breaks RFC 9110 §15.5.2: a warning, as the verdict profile does not list it.
 */
export const authIsEnforced: Check = {
  name: 'auth-is-enforced',
  description: 'missing, wrong, empty or non-Bearer credentials are answered 401 (403 accepted)',
  scope: 'row',
  applies: (c) => c.kind === 'auth',
  judge: (c, ex, ctx) => {
    const status = judgeStatus(c, ex, ctx);
    if (status !== undefined || ex.response?.status !== 401 || ex.response.headers['www-authenticate'] !== undefined)
      return status;
    return {
      ...fail(
        'auth-is-enforced',
        'missing-www-authenticate',
        RULES.bearerScheme,
        '401 has no WWW-Authenticate challenge (RFC 9110 §15.5.2)',
      ),
      severity: 'warning',
    };
  },
};
