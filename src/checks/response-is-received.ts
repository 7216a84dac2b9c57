import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { rulesOf } from './rules.ts';

/**
 * Every request gets an answer in time: a timeout, a reset or a refused connection is a failure of its own kind. A
 * message the server's HTTP layer may refuse itself (`TestCase.httpLayer`) that it answers by closing the connection
 * is a warning: RFC 9112 §2.2 says a server SHOULD answer an unparseable message with 400, then close.
 */
export function responseIsReceived(p: OperationProfile): Check {
  const rule = rulesOf(p).responses;
  return {
    name: 'response-is-received',
    description: 'every request is answered (no timeout, reset or refused connection)',
    scope: 'request',
    applies: () => true,
    judge: (c, ex) =>
      ex.error
        ? {
            kind: ex.error.kind,
            severity: c.httpLayer && ex.error.kind === 'connection-reset' ? 'warning' : 'error',
            rule,
            message: ex.error.message,
            received: ex.error.kind,
          }
        : undefined,
  };
}
