/** Credentials (`security: [bearerAuth]`, RFC 6750 §2.1, RFC 9110 §11): how the Authorization header is spelt. */
import type { AuthMode } from '../case.ts';
import { certifyValid } from '../certify.ts';
import type { Draft } from '../draft.ts';
import { emit, SPEC, requestClass, type Dimension, type RequestClass } from './class.ts';

const lowercaseScheme = requestClass(
  'valid',
  'valid/auth-lowercase-scheme',
  'RFC 9110 §11.1',
  'the auth scheme is case-insensitive (RFC 9110 §11.1), but the verdict profile does not list it',
  { advisory: true },
);
/** Refused credentials, each on an otherwise valid request. */
const REFUSED: readonly { readonly auth: AuthMode; readonly why: string; readonly accept?: readonly number[] }[] = [
  { auth: 'none', why: 'no Authorization header' },
  { auth: 'wrong', why: 'a Bearer token the provider did not issue' },
  { auth: 'basic', why: 'another scheme (Basic) with the valid token' },
  {
    auth: 'empty-bearer',
    why: '`Bearer` with no token: a malformed credential, which RFC 6750 §3.1 answers 400 (invalid_request)',
    accept: [401, 403, 400],
  },
];
const refused: readonly RequestClass[] = REFUSED.map((r) =>
  requestClass('auth', `auth/${r.auth}`, SPEC.security, r.why, r.accept ? { accept: r.accept } : {}),
);
const noneInvalidBody = requestClass(
  'auth',
  'auth/none-invalid-body',
  SPEC.security,
  'an anonymous invalid body matches both the 401 and the 400 row; the verdict profile does not say which wins',
  { advisory: true },
);

export const credentials: Dimension = {
  name: 'credentials',
  title: 'Credentials',
  summary:
    'Valid credentials spelt another way the RFCs allow (201 due), and missing, wrong, empty or non-Bearer ones on an otherwise valid request (401 due, 403 accepted).',
  classes: [lowercaseScheme, ...refused, noneInvalidBody],
  drafts(ctx) {
    const m = JSON.stringify(ctx.minimal);
    const out: Draft[] = [...emit(ctx, lowercaseScheme, {}, m, { auth: 'lowercase-scheme' })];
    REFUSED.forEach((r, i) => out.push(...emit(ctx, refused[i], {}, m, { auth: r.auth })));
    // Credentials come before the body: an anonymous request with an invalid body is still 401, not 400.
    const anonymousInvalid = JSON.stringify({});
    if (!certifyValid(ctx.model.validators, ctx.ct, anonymousInvalid))
      out.push(...emit(ctx, noneInvalidBody, {}, anonymousInvalid, { auth: 'none' }));
    return out;
  },
};
