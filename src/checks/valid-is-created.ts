import type { Check } from './types.ts';
import { RULES } from './rules.ts';
import { statusIn } from './util.ts';

/** A schema-valid body with valid credentials and a declared media type is created: 201. */
export const validIsCreated: Check = {
  name: 'valid-is-created',
  description: 'a schema-valid request is answered 201',
  scope: 'row',
  applies: (c) => c.kind === 'valid',
  judge: statusIn(RULES.created, 'a valid request was not created'),
};
