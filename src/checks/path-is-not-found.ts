import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { pointer } from '../spec/load.ts';
import { rowStatuses } from './rules.ts';
import { statusIn } from './util.ts';

/**
 * A valid request to a path the spec does not define, next to the operation's (`…/entities/x`, `…/entitiesx`): 404,
 * or what its class accepts. The Paths Object lists the API's paths (OpenAPI 3.0.4 §4.8.8): a 201 there is a handler
 * routed by prefix (a subtree mount, `startsWith`), creating entities at addresses no client was given.
 */
export function pathIsNotFound(p: OperationProfile): Check {
  return {
    name: 'path-is-not-found',
    description: 'a path the spec does not define, next to the operation, is not found (404)',
    scope: 'row',
    applies: (c) => c.kind === 'path',
    judge: statusIn(
      pointer('paths'),
      (c) =>
        `${p.operation.method} to ${c.pathSpelling ?? p.operation.path}${c.pathSuffix ?? ''}, a path the spec does not define, was not refused${c.auth === 'none' ? ' without credentials (where a router takes it for the operation’s path, the operation’s security must guard it)' : ''}`,
      rowStatuses(p),
    ),
  };
}
