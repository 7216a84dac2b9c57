import type { Check } from './types.ts';
import { fail, jsonBody, ofTheOperation, withResponse } from './util.ts';

/**
 * `application/json`, a `+json` suffix (RFC 6839 §3.1) or `text/json` (unregistered, but the spec declares it), parameters
 * and case aside (RFC 9110 §8.3.1).
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const essence = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return essence === 'application/json' || essence === 'text/json' || /^[\w.+-]+\/[\w.+-]+\+json$/.test(essence);
}

/**
 * Any answer the spec does not describe (another status, another method or path) that says it is JSON is a JSON text:
 * Content-Type states the representation's media type (RFC 9110 §8.3), and a client parses what it says. A Python
 * dict's repr or an HTML page under `application/json` breaks every client's error handling. A documented status is
 * `response-schema-conformance`'s; an empty body carries no representation to judge.
 */
export const labelledJsonIsJson: Check = {
  name: 'labelled-json-is-json',
  description: 'an answer whose Content-Type says JSON is a JSON text, whatever its status',
  scope: 'request',
  // A HEAD answer carries no body whatever its status (RFC 9110 §9.3.2).
  applies: (c) => c.method !== 'HEAD',
  judge: withResponse((c, res, ctx) => {
    const type = res.headers['content-type'];
    if (!isJsonMediaType(type)) return undefined;
    // A documented status is read by the schema check, unless the HTTP layer may have answered it (which that skips).
    const layer = c.httpLayer === true && res.status >= 400 && res.status < 500;
    if (ofTheOperation(c) && !layer && (ctx.validators.findResponse(res.status)?.content?.size ?? 0) > 0)
      return undefined;
    // A body cut at the read cap or in a coding it is not in cannot be read whole: other rules speak of those.
    if (res.truncated || res.undecodable === true || res.body.trim() === '') return undefined;
    const parsed = res.notUtf8 === true ? { ok: false as const, error: 'its bytes are not UTF-8' } : jsonBody(res);
    if (parsed.ok) return undefined;
    return fail(
      // One error renderer answers every status it is given: one problem whatever the status (src/report/cause.ts).
      'mislabelled-json',
      'RFC 9110 §8.3',
      // No status in it: the problem holds every status so answered (a 404 and a 405 from one renderer).
      `an answer labelled ${type ?? ''} is not JSON (${parsed.error})`,
      res.body.slice(0, 200),
      `a JSON text, as ${type ?? ''} says`,
    );
  }),
};
