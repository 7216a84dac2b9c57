import type { Check } from './types.ts';
import { RULES } from './rules.ts';

/** Every request gets an answer in time: a timeout, a reset or a refused connection is a failure of its own kind. */
export const responseIsReceived: Check = {
  name: 'response-is-received',
  description: 'every request is answered (no timeout, reset or refused connection)',
  scope: 'request',
  applies: () => true,
  judge: (_c, ex) =>
    ex.error
      ? {
          kind: ex.error.kind,
          severity: 'error',
          rule: RULES.responses,
          message: ex.error.message,
          received: ex.error.kind,
        }
      : undefined,
};
