import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { operationPointer } from '../spec/load.ts';
import { allowedStatuses, rowStatuses } from './rules.ts';
import { fail, withResponse } from './util.ts';

/**
 * The operation's own method on its own path is never answered 405, whatever the request's fields: 405 says the
 * target resource does not support the method (RFC 9110 §15.5.6), and the spec says it does. A router that matches
 * on Accept or Content-Type (Pyramid's view predicates) and falls through to its 405 fails here on advisory classes
 * too, where the row's own finding is only advice, and is one problem whatever the class.
 */
export function operationMethodIsAllowed(p: OperationProfile): Check {
  const { method, path } = p.operation;
  const rule = operationPointer(p.operation);
  const rows = rowStatuses(p);
  return {
    name: 'operation-method-is-allowed',
    description: `${method} to ${path} is never answered 405`,
    scope: 'request',
    // Not a message the HTTP layer may answer for itself: after a body without framing, the answer read may be to the
    // bytes that follow it, parsed as a request of their own.
    applies: (c) =>
      c.method === method &&
      c.pathSuffix === undefined &&
      c.pathSpelling === undefined &&
      c.kind !== 'path' &&
      c.httpLayer !== true,
    judge: withResponse((c, res) =>
      res.status === 405
        ? fail(
            'method-refused',
            rule,
            `405 to ${method}, the method ${path} defines (RFC 9110 §15.5.6)`,
            res.status,
            allowedStatuses(c, rows),
          )
        : undefined,
    ),
  };
}
