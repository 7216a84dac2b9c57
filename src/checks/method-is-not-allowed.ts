import type { Check } from './types.ts';
import { allowedStatuses, RULES } from './rules.ts';
import { fail, withResponse } from './util.ts';

/** Another method on the path: 405, with an `Allow` header (RFC 9110 §15.5.6; its absence is a warning). */
export const methodIsNotAllowed: Check = {
  name: 'method-is-not-allowed',
  description: 'another method on the path is answered 405 (a missing Allow header is a warning)',
  scope: 'row',
  applies: (c) => c.kind === 'method',
  judge: withResponse((c, res) => {
    const allowed = allowedStatuses(c);
    if (!allowed.includes(res.status)) {
      return fail(
        'unexpected-status',
        RULES.pathItem,
        `${c.method} was not refused: Received: ${res.status} / Documented: ${allowed.join(', ')}`,
        res.status,
        allowed,
      );
    }
    if (res.status === 405 && res.headers['allow'] === undefined) {
      return {
        ...fail('missing-allow-header', RULES.pathItem, `405 to ${c.method} has no Allow header (RFC 9110 §15.5.6)`),
        severity: 'warning',
      };
    }
    return undefined;
  }),
};
