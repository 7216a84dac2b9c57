import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { rowStatuses, rulesOf } from './rules.ts';
import { statusIn } from './util.ts';

/** A schema-valid body with valid credentials and a declared media type is created: the profile's success (201). */
export function validIsCreated(p: OperationProfile): Check {
  return {
    name: 'valid-is-created',
    description: `a schema-valid request is answered ${p.success}`,
    scope: 'row',
    applies: (c) => c.kind === 'valid',
    judge: statusIn(rulesOf(p).created, 'a valid request was not created', rowStatuses(p)),
  };
}
