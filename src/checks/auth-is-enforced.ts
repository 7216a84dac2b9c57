import type { Check } from './types.ts';
import { RULES } from './rules.ts';
import { statusIn } from './util.ts';

/** No, wrong, empty or non-Bearer credentials: 401 (403 accepted); `security: [bearerAuth]` (OpenAPI 3.0.4 §4.8.30). */
export const authIsEnforced: Check = {
  name: 'auth-is-enforced',
  description: 'missing, wrong, empty or non-Bearer credentials are answered 401 (403 accepted)',
  applies: (c) => c.kind === 'auth',
  judge: statusIn('auth-is-enforced', [401, 403], RULES.security, 'credentials were not enforced'),
};
