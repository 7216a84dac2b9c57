import type { Check } from './types.ts';
import type { AuthMode } from '../types.ts';
import { caseValue } from '../generators/draft.ts';
import type { OperationProfile } from './profile.ts';
import { rowStatuses, rulesOf } from './rules.ts';
import { absent, fail, statusIn, warn } from './util.ts';

/** Whether an answer challenges with Bearer and the error code `invalid_request` (RFC 6750 §3, §3.1). */
function invalidRequest(headers: Readonly<Record<string, string>>): boolean {
  const challenge = headers['www-authenticate'] ?? '';
  return /(?:^|,)\s*bearer\s/i.test(challenge) && /\berror\s*=\s*"?invalid_request"?/i.test(challenge);
}

/** A tchar (RFC 9110 §5.6.2), and the characters of a token68 besides (RFC 9110 §11.2). */
const TCHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
const WORD = /[!#$%&'*+.^_`|~0-9A-Za-z/-]/;

/**
 * Whether a WWW-Authenticate value parses (RFC 9110 §11.6.1, §11.2): comma-separated challenges, each a scheme and
 * then a token68 or parameters, a parameter's value a token or a quoted string (§5.6.4). A scan, not a regular expression:
 * the grammar's optional parts backtrack without end on a long value that does not parse.
 */
export function challengeParses(v: string): boolean {
  const n = v.length;
  let i = 0;
  const space = (c: string | undefined) => c === ' ' || c === '\t';
  const skip = () => {
    while (i < n && space(v[i])) i++;
  };
  const run = (chars: RegExp) => {
    const from = i;
    while (i < n && chars.test(v[i])) i++;
    return i > from;
  };
  const quoted = () => {
    if (v[i] !== '"') return false;
    for (i++; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      // A quoted-pair: the next character stands for itself.
      if (c === 0x5c) i++;
      else if ((c < 0x20 && c !== 0x09) || c === 0x7f) return false;
    }
    return false;
  };
  const value = () => {
    skip();
    return quoted() || run(TCHAR);
  };
  for (;;) {
    skip();
    if (i < n && v[i] !== ',') {
      // A scheme, or a parameter of the challenge before.
      if (!run(TCHAR)) return false;
      skip();
      if (v[i] === '=') {
        i++;
        if (!value()) return false;
      } else if (i < n && v[i] !== ',') {
        // After the scheme and at least one space: a token68, or the first parameter.
        if (!space(v[i - 1]) || !run(WORD)) return false;
        const from = i;
        while (v[i] === '=') i++;
        const equals = i - from;
        skip();
        if (i < n && v[i] !== ',') {
          if (equals === 0 && v[i] === '=') i++;
          else if (equals !== 1) return false;
          if (!value()) return false;
        }
      }
    }
    skip();
    if (i >= n) return true;
    if (v[i] !== ',') return false;
    i++;
  }
}

/** The warning for a 400 with a Bearer `invalid_request` challenge, by the credentials that got it (none elsewhere). */
const INVALID_REQUEST_ADVICE: Partial<Record<AuthMode, { readonly kind: string; readonly message: string }>> = {
  basic: {
    kind: 'invalid-request-to-another-scheme',
    message:
      '400 invalid_request to credentials in another scheme (RFC 6750 §3.1: a request in an unsupported scheme lacks credentials, and gets 401 with the challenge and no error code)',
  },
  none: {
    kind: 'invalid-request-without-credentials',
    message:
      '400 invalid_request to a request without credentials (RFC 6750 §3: a request that lacks any authentication information gets 401 with the challenge and no error code)',
  },
};

/**
 * How many 401s must have carried a Bearer challenge before one without fails (`challenge-dropped`), not only warns:
 * one shows the server knows the rule (three until 2026-12-07 missed a challenge sent on the first 401s only).
 */
const CHALLENGED_BEFORE_DROP = 1;

/**
 * No, wrong, empty or non-Bearer credentials: 401 (403 accepted); `security: [bearerAuth]` (OpenAPI 3.0.4 §4.8.30).
 * A 401 without a WWW-Authenticate challenge breaks RFC 9110 §15.5.2, one that challenges another scheme only RFC 6750
 * §3, a 403 RFC 6750 §3.1: warnings, as the verdict profile does not list them; but a 401 without a challenge, or with
 * another scheme's only, where an earlier 401 challenged Bearer fails (the server sends one, not on every branch).
 * A 400 to an anonymous body the request schema refuses says that the body was validated before the credentials.
 */
export function authIsEnforced(p: OperationProfile): Check {
  const RULES = rulesOf(p);
  const judgeStatus = statusIn(RULES.security, 'credentials were not enforced', rowStatuses(p));
  // How many 401s carried a challenge: a server that sends one shows it knows the rule, so a 401 without one there is
  // a branch that forgot it (a challenge only where no Authorization was sent: Grape and Fastify blind probes).
  let challenged = 0;
  return {
    name: 'auth-is-enforced',
    description: 'missing, wrong, empty or non-Bearer credentials are answered 401 (403 accepted)',
    scope: 'row',
    applies: (c) => c.kind === 'auth',
    judge: (c, ex, ctx) => {
      const status = judgeStatus(c, ex, ctx);
      const res = ex.response;
      // RFC 6750 §3: a request without credentials, or in another scheme, gets the challenge with no error code (SHOULD
      // NOT); a 400 that challenges with `invalid_request` (Hono's bearerAuth, Elysia's bearer plugin as its docs use
      // it) keeps §3's MUST and breaks only that SHOULD NOT, so it is advice.
      const advice = INVALID_REQUEST_ADVICE[c.auth];
      if (advice !== undefined && status !== undefined && res?.status === 400 && invalidRequest(res.headers))
        return warn(advice.kind, RULES.bearerScheme, advice.message, 400, 401);
      if (status !== undefined && res?.status === 400) {
        const validator = ctx.validators.requestFor(c.contentType);
        if (validator !== undefined && validator.validate(caseValue(c)).length > 0)
          return fail(
            'validated-before-authenticating',
            RULES.security,
            '400 to an invalid body without credentials: Received: 400 / Due: 401, 403 (the body was validated before the credentials were checked, unless auth/none also got 400)',
            400,
            [401, 403],
          );
      }
      // RFC 6750 §3.1: a missing or invalid token is answered 401 with a challenge; 403 says that valid credentials
      // lack a right (insufficient_scope), so a client cannot tell "log in" from "not allowed". The profile accepts it.
      if (status === undefined && res?.status === 403)
        return warn(
          'forbidden-without-valid-credentials',
          RULES.bearerScheme,
          '403 where credentials are missing or not valid (RFC 6750 §3.1: 401 with a Bearer challenge; 403 is for valid credentials that lack a right)',
          403,
          401,
        );
      if (status !== undefined || res?.status !== 401) return status;
      const challenge = res.headers['www-authenticate'];
      // A challenge in another scheme only (Flask-RESTful's Basic) asks for credentials the operation does not take;
      // where other 401s challenged Bearer, it is a branch answering with its own (Pyramid blind probe: Basic).
      if (!absent(challenge) && !/(?:^|,)\s*bearer(?:\s|,|$)/i.test(challenge ?? ''))
        return challenged >= CHALLENGED_BEFORE_DROP
          ? fail(
              'challenge-scheme-changed',
              RULES.bearerScheme,
              '401 challenges another scheme than Bearer where other 401s challenged Bearer (RFC 6750 §3: a bearer-protected resource challenges with Bearer, RFC 9110 §11.6.1: a challenge applicable to the resource)',
              challenge,
              'Bearer, as the other 401s challenged',
            )
          : warn(
              'non-bearer-challenge',
              RULES.bearerScheme,
              '401 challenges another scheme than Bearer (RFC 6750 §3: a bearer-protected resource challenges with Bearer)',
              challenge,
              'Bearer',
            );
      // An empty challenge is no challenge (RFC 9110 §11.6.1: at least one), and is said as a missing one is.
      if (challenge !== undefined && !absent(challenge)) {
        if (!challengeParses(challenge))
          return (challenged >= CHALLENGED_BEFORE_DROP ? fail : warn)(
            'challenge-malformed',
            RULES.bearerScheme,
            `401 has a WWW-Authenticate challenge that does not parse (RFC 9110 §11.6.1, §11.2: a parameter's value is a token or a quoted string)${challenged >= CHALLENGED_BEFORE_DROP ? ', where the other 401s’ challenges parsed' : ''}`,
            challenge,
            'Bearer, its parameters each a token or a quoted string',
          );
        challenged++;
        return undefined;
      }
      if (challenged >= CHALLENGED_BEFORE_DROP)
        return fail(
          'challenge-dropped',
          RULES.bearerScheme,
          '401 has no WWW-Authenticate challenge where other 401s had one (RFC 9110 §11.6.1: every 401 MUST carry one)',
          null,
          'a WWW-Authenticate challenge, as the other 401s had',
        );
      return warn(
        'missing-www-authenticate',
        RULES.bearerScheme,
        '401 has no WWW-Authenticate challenge (RFC 9110 §15.5.2)',
      );
    },
  };
}
