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
    judge: statusIn(rulesOf(p).requestContent, 'an undeclared media type was not refused', rowStatuses(p)),
  };
}
