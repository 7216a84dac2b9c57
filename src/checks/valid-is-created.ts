import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { rowStatuses, rulesOf } from './rules.ts';
import { statusIn, warn } from './util.ts';

/** A schema-valid body with valid credentials and a declared media type is created: the profile's success (201). */
export function validIsCreated(p: OperationProfile): Check {
  // A class may take the refusal for due where the validator takes the body (the urn:uuid: form): its success is the departure.
  const what = (_c: unknown, status: number) =>
    status === p.success
      ? `a request the validator takes, whose refusal its class says is due, was answered ${p.success}`
      : 'a valid request was not created';
  const judge = statusIn(rulesOf(p).created, what, rowStatuses(p));
  return {
    name: 'valid-is-created',
    description: `a schema-valid request is answered ${p.success}`,
    scope: 'row',
    applies: (c) => c.kind === 'valid',
    judge: (c, ex, ctx) => {
      const judged = judge(c, ex, ctx);
      // RFC 9112 §6.3 lets a server refuse a body without Content-Length (411), which its row accepts; but a client
      // that streams a body (a gateway from HTTP/2, `curl -T -`) cannot give one, and §6.1 has chunked parsed: advice.
      return judged === undefined && ex.response?.status === 411
        ? warn(
            'length-required',
            'RFC 9112 §6.3',
            '411 to a valid request without Content-Length (chunked): allowed (RFC 9112 §6.3), but a client that streams its body cannot be created, where every HTTP/1.1 recipient can read chunked (RFC 9112 §6.1)',
            411,
          )
        : judged;
    },
  };
}
