import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { rulesOf } from './rules.ts';
import { fail, withResponse } from './util.ts';

/**
 * The same bytes under each declared media type are one request to the operation (OpenAPI 3.0.4 §4.8.12: one schema for
 * each): where the case sent under the primary media type was refused (4xx), its twin under another declared type
 * (`TestCase.agreeWith`) is not created. Lenient decoding is advice, but leniency on one branch only is a second
 * decoder, which reads what the first refused (a handler that decodes `text/json` itself). Judged when the reference
 * was answered first, as the plan sends it (its twins are variants, sent on the second pass).
 */
export function mediaTypesAgree(p: OperationProfile): Check {
  const rule = rulesOf(p).requestContent;
  // The reference cases' statuses by label: a handful per run.
  const answered = new Map<string, number>();
  return {
    name: 'media-types-agree',
    description: 'the same bytes refused under the primary media type are not created under another declared one',
    scope: 'request',
    applies: (c) => c.agreeWith !== undefined,
    judge: withResponse((c, res) => {
      if (c.agreeWith === c.label) {
        answered.set(c.label, res.status);
        return undefined;
      }
      const reference = c.agreeWith === undefined ? undefined : answered.get(c.agreeWith);
      if (reference === undefined || reference < 400 || reference >= 500 || res.status < 200 || res.status >= 300)
        return undefined;
      return fail(
        'media-types-disagree',
        rule,
        `${res.status} to the bytes that got ${reference} under the primary media type (${c.agreeWith}), sent as ${c.contentType ?? 'no media type'}: one request body under two declared media types, refused under one and created under the other (a second decoder on that branch?)`,
        res.status,
        reference,
      );
    }),
  };
}
