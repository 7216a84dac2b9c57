import type { Check } from './types.ts';
import { RULES } from './rules.ts';
import { statusIn } from './util.ts';

/** A media type the requestBody does not declare: 415 (400 accepted). */
export const mediaTypeIsEnforced: Check = {
  name: 'media-type-is-enforced',
  description: 'an undeclared request media type is answered 415 (400 accepted)',
  scope: 'row',
  applies: (c) => c.kind === 'media-type',
  judge: statusIn(RULES.requestContent, 'an undeclared media type was not refused'),
};
