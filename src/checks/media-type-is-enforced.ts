import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { rowStatuses, rulesOf } from './rules.ts';
import { statusIn } from './util.ts';

/** A media type the requestBody does not declare: 415 (400 accepted). */
export function mediaTypeIsEnforced(p: OperationProfile): Check {
  return {
    name: 'media-type-is-enforced',
    description: 'an undeclared request media type is answered 415 (400 accepted)',
    scope: 'row',
    applies: (c) => c.kind === 'media-type',
    // A declared media type in a content coding that cannot be undone is the coding's refusal (RFC 9110 §15.5.16).
    judge: statusIn(
      rulesOf(p).requestContent,
      (c) =>
        c.wire?.headers.some(([name]) => name.toLowerCase() === 'content-encoding')
          ? 'a content coding that cannot be undone was not refused'
          : 'an undeclared media type was not refused',
      rowStatuses(p),
    ),
  };
}
