/** Credentials (`security: [bearerAuth]`, RFC 6750 §2.1, RFC 9110 §11): how the Authorization header is spelt. */
import { authorizationFor } from '../../secrets.ts';
import {
  WIRE_TOKEN,
  WIRE_TOKEN_BASIC_PASSWORD,
  WIRE_TOKEN_BASIC_USERNAME,
  WIRE_TOKEN_SWAPPED,
  WIRE_TOKEN_TRUNCATED,
} from '../case.ts';
import type { AuthMode } from '../../types.ts';
import { certifyValid } from '../certify.ts';
import { CODINGS } from './codings.ts';
import type { Draft } from '../draft.ts';
import { emit, SPEC, requestClass, type Dimension, type RequestClass } from './class.ts';
import { VALID_AUTHORIZATION, wire } from './wire.ts';

/** The valid token, spelt as RFC 9110 §11.4 and §5.5 allow. */
const VALID_SPELLINGS: readonly (readonly [string, string, { readonly family?: string }])[] = [
  // One family with the scheme's case: a reader of the field by a literal (`startsWith('Bearer ')` and `slice(7)`)
  // refuses both, one problem (Bun and Deno probes: two). A trailing space is the HTTP layer's to strip: its own.
  ['two-spaces', `Bearer  ${WIRE_TOKEN}`, { family: 'valid/auth-lowercase-scheme' }],
  ['trailing-space', `Bearer ${WIRE_TOKEN} `, {}],
];
/**
 * The valid token with one more character after or before it, with its letters' case swapped, or without its last
 * character: another token, which a comparison by prefix, suffix or substring, a case-insensitive one (a whole header
 * lower-cased), or one by the expected token's prefix (`expected.startsWith(given)`) takes for the valid one. (The
 * swapped and the truncated token are spellings the run's secrets redaction knows, so an echo of them never shows.)
 */
const NEAR_TOKENS: readonly (readonly [string, string])[] = [
  ['suffix', `Bearer ${WIRE_TOKEN}0`],
  ['case', `Bearer ${WIRE_TOKEN_SWAPPED}`],
  ['prefix', `Bearer 0${WIRE_TOKEN}`],
  ['truncated', `Bearer ${WIRE_TOKEN_TRUNCATED}`],
  // Base64 padding after it: a comparison that strips trailing `=` first (tokens are often base64url without padding:
  // Sails blind probe) takes it for the valid one.
  ['padded', `Bearer ${WIRE_TOKEN}=`],
];
/**
 * The valid token under another scheme or none: a provider that takes whatever follows the first space, or strips an
 * optional `Bearer ` prefix, takes it for a Bearer credential; one that tests the scheme by prefix
 * (`startsWith('Bearer')`, LoopBack's tutorial) takes `Bearer:` (no auth-scheme: `:` is not a tchar) or `BearerX`.
 */
const OTHER_SCHEMES: readonly (readonly [string, string])[] = [
  ['basic', `Basic ${WIRE_TOKEN}`],
  ['none', WIRE_TOKEN],
  ['bearer-colon', `Bearer: ${WIRE_TOKEN}`],
  ['token', `Token ${WIRE_TOKEN}`],
  ['bearer-prefixed-scheme', `BearerX ${WIRE_TOKEN}`],
  // Feathers' JWT strategy and passport-jwt's fromAuthHeaderWithScheme('JWT') take `JWT` beside `Bearer`.
  ['jwt', `JWT ${WIRE_TOKEN}`],
  // Seven characters before the token, as in `Bearer `: a reader that cuts them without looking at them (Effect's
  // HttpApiSecurity.bearer, a hand-written `slice(7)`) takes the token out of either.
  ['digest', `Digest ${WIRE_TOKEN}`],
  ['bearer-colon-no-space', `Bearer:${WIRE_TOKEN}`],
  // Basic credentials (RFC 7617) holding the token: Laravel's token guard reads the password, Stripe-style APIs the
  // user name.
  ['basic-password', `Basic ${WIRE_TOKEN_BASIC_PASSWORD}`],
  ['basic-username', `Basic ${WIRE_TOKEN_BASIC_USERNAME}`],
];
/**
 * Authorization values that are not a Bearer credential (RFC 6750 §2.1: "Bearer" 1*SP b64token), though they hold
 * the token: a parser of the general auth-param syntax (Rails' token_and_options) or one that cuts at a comma
 * (Laravel's bearerToken()) takes it out of them.
 */
const REFUSED_SPELLINGS: readonly (readonly [string, string])[] = [
  // The field with an empty value (field-value = *field-content, RFC 9110 §5.5): present, yet no credentials; a check
  // for the field's presence alone, or a branch of its own for it, answers otherwise (a Next.js blind probe dropped
  // the challenge there).
  ['empty', ''],
  ['scheme-only', 'Bearer'],
  // No space between scheme and token (RFC 6750 §2.1: `"Bearer" 1*SP b64token`): a parser that strips the word Bearer
  // and trims takes the token.
  ['no-space', `Bearer${WIRE_TOKEN}`],
  ['words-after-token', `Bearer ${WIRE_TOKEN} conformance`],
  ['quoted-token', `Bearer "${WIRE_TOKEN}"`],
  ['token-parameter', `Bearer token=${WIRE_TOKEN}`],
  ['parameter-after-token', `Bearer ${WIRE_TOKEN}, realm="conformance"`],
  // Two credentials on one line, a wrong one first, as a proxy joins two lines (RFC 9110 §5.3): a server that splits
  // at the comma and takes the last (Mono's HttpListener keeps the last line, a handler the last item) creates.
  ['joined-after-wrong', `Bearer conformance-wrong, Bearer ${WIRE_TOKEN}`],
];
/**
 * Tokens the provider did not issue, in forms an authenticator reads before it compares them (the run's wrong token
 * is itself an unsigned JSON Web Token, `secrets.ts`): three dot-separated parts that are not base64url JSON (a logger
 * that decodes the payload of any dotted token raises: 500), and every character a b64token may hold (RFC 6750 §2.1),
 * `=` padding included.
 */
const TOKEN_FORMS: readonly (readonly [string, string])[] = [
  ['jwt-not-json', 'Bearer conformance.not-json.signature'],
  ['b64token-characters', 'Bearer conformance-._~+/Token09=='],
];

const lowercaseScheme = requestClass(
  'valid',
  'valid/auth-lowercase-scheme',
  'RFC 9110 §11.1',
  'the auth scheme is case-insensitive (RFC 9110 §11.1; RFC 6750 §2.1 writes it as an ABNF string, which RFC 5234 §2.3 makes case-insensitive): `bearer` and the valid token are valid credentials, 201 is due',
);
/** Refused credentials, each on an otherwise valid request. */
const REFUSED: readonly { readonly auth: AuthMode; readonly why: string; readonly accept?: readonly number[] }[] = [
  { auth: 'none', why: 'no Authorization header' },
  { auth: 'wrong', why: 'a Bearer token the provider did not issue' },
  {
    auth: 'basic',
    why: 'another scheme (Basic) with a user and password the provider did not issue: no Bearer credentials, so 401 with the challenge and no error code is due (RFC 6750 §3.1); a 400 with a Bearer challenge `error="invalid_request"` (Hono’s bearerAuth) is a warning, a 400 without a challenge fails (RFC 6750 §3: the challenge is a MUST)',
  },
  {
    auth: 'empty-bearer',
    why: '`Bearer` with no token: a malformed credential, which RFC 6750 §3.1 answers 400 (invalid_request)',
    accept: [401, 403, 400],
  },
];
const refused: readonly RequestClass[] = REFUSED.map((r) =>
  requestClass('auth', `auth/${r.auth}`, SPEC.security, r.why, r.accept ? { accept: r.accept } : {}),
);
/** Valid credentials spelt another way: written byte by byte, so that no client library tidies them. */
const validSpelling = requestClass(
  'valid',
  'valid/auth/<spelling>',
  'RFC 9110 §11.4',
  'the valid token spelt as the grammar allows: `Bearer` and the token separated by more than one space (credentials = auth-scheme [ 1*SP token68 ]), or followed by white space, which is not part of a field value (RFC 9110 §5.5)',
);
const upperScheme = requestClass(
  'valid',
  'valid/auth/scheme-upper-case',
  'RFC 9110 §11.1',
  'the auth scheme is case-insensitive (RFC 9110 §11.1): `BEARER` and the valid token are valid credentials, 201 is due',
  // One family with the lower-case scheme: one comparison that minds the case, one problem.
  { variantOf: 'valid/auth-lowercase-scheme', family: 'valid/auth-lowercase-scheme' },
);
const wrongSchemeCase = requestClass(
  'auth',
  'auth/wrong-scheme-case/<spelling>',
  'RFC 9110 §11.6.1',
  'a Bearer token the provider did not issue, the scheme written `bearer` or `BEARER` (the same scheme, RFC 9110 §11.1): refused as under `Bearer`, 401 with its challenge due (403 accepted); an authenticator that matches the scheme as written takes another branch for it, whose 401 may drop the challenge a 401 MUST carry (RFC 9110 §11.6.1)',
  { variantOf: 'auth/wrong' },
);
const refusedSpelling = requestClass(
  'auth',
  'auth/<spelling>',
  'RFC 6750 §2.1',
  'not a Bearer credential: the field empty, the scheme alone, the token followed by more words (a token68 has no spaces, RFC 9110 §11.2), quoted, as a `token=` parameter or followed by one, or after a wrong one and a comma on one line; 401 is due, and a 400 to a malformed header is also right',
  { accept: [401, 400, 403] },
);
const tabSpelling = requestClass(
  'auth',
  'auth/tab',
  'RFC 9110 §11.4',
  'a tab between `Bearer` and the valid token, which `1*SP` does not admit (RFC 9110 §11.4, RFC 6750 §2.1): a malformed credential, 401 due (400 and 403 accepted); but a parser that splits at any white space (Flask-HTTPAuth, a `\\s+` pattern: Sails blind probe and two audits) takes the valid token from it, a leniency that lets no one in who lacks it, hence advice',
  { advisory: true, accept: [401, 400, 403], variantOf: 'auth/<spelling>' },
);
const nonAsciiToken = requestClass(
  'auth',
  'auth/non-ascii-after-token',
  'RFC 6750 §2.1',
  'the token followed by `é` in UTF-8: a b64token is ASCII, so 401 is due (a comparison of text that refuses other characters, Python’s hmac.compare_digest on two str, raises instead: 500), and a 400 to a malformed header is also right; a field value that is not ASCII may be refused by the HTTP layer first, in its own format (Kore’s empty 400; Kestrel refuses such values by default)',
  { accept: [401, 400, 403], httpLayer: true, variantOf: 'auth/<spelling>' },
);
const nearToken = requestClass(
  'auth',
  'auth/near-token/<variant>',
  SPEC.security,
  'the valid token with one more character after or before it, with its letters in the other case, without its last character, or with base64 padding after it, is another token (RFC 6750 §2.1): refused like any token the provider did not issue (a comparison by prefix, suffix or substring, one ignoring case, one testing that the expected token starts with the one given, or one that strips padding first, takes it)',
);
const tokenForm = requestClass(
  'auth',
  'auth/token-form/<form>',
  'RFC 6750 §2.1',
  'a Bearer token the provider did not issue, in a form an authenticator may parse before comparing it: three dot-separated parts that are not base64url JSON, every character a b64token may hold: 401 is due (a 400 to a token it cannot read, and 403, accepted); a parse that raises answers 500',
  { accept: [401, 400, 403], variantOf: 'auth/wrong' },
);
const otherScheme = requestClass(
  'auth',
  'auth/valid-token-scheme/<scheme>',
  'RFC 6750 §2.1',
  'the valid token under another scheme (Basic, Token, JWT, Digest, `Bearer:`, `BearerX`), as a Basic password or user name, or with no scheme: no Bearer credential (credentials = "Bearer" 1*SP b64token), so 401 is due, and a 400 to a malformed header is also right',
  { accept: [401, 400, 403] },
);
/**
 * Query parameters a token is looked for in beside the header: Laravel's token guard reads `api_token`, custom
 * getters (express-jwt's `getToken` examples, FastAPI's `APIKeyQuery`) `token` or `api_key`, go-chi/jwtauth's
 * `TokenFromQuery` `jwt`.
 */
const QUERY_PARAMETERS = ['api_token', 'token', 'api_key', 'jwt'] as const;
const tokenInQuery = requestClass(
  'auth',
  'auth/token-in-query/<parameter>',
  SPEC.security,
  'the valid token in a query parameter and no Authorization header: the spec’s one scheme, HTTP Bearer, is carried by the Authorization header (OpenAPI 3.0.4 §4.8.27, `type: http`), so the request has no credentials and 401 is due; a 400 to a query parameter the operation does not define, or a 404 to the URI with it (RFC 9110 §15.5.5), is also right',
  { accept: [401, 403, 400, 404] },
);
const accessTokenInQuery = requestClass(
  'auth',
  'auth/access-token-in-query',
  'RFC 6750 §2.3',
  'the valid token as RFC 6750 §2.3’s `access_token` query parameter and no Authorization header: the spec’s scheme is the Authorization header, so 401 is due, but the RFC lets a resource server accept it (passport-http-bearer does), hence advice',
  { advisory: true, accept: [401, 403, 400, 404], variantOf: 'auth/token-in-query/<parameter>' },
);
/**
 * Cookies a token is looked for in beside the header (a Nuxt or session-style fallback): `token`, and one Cookie
 * field with the token under every other name an auth or session library uses (Next.js apps' `session`, Auth.js',
 * express-session's `connect.sid`…), so that a fallback to any of them creates the request.
 */
const SESSION_COOKIES = [
  'access_token',
  'session',
  '__session',
  'sid',
  'connect.sid',
  'jwt',
  'auth',
  'auth_token',
  'authToken',
  'accessToken',
  'id_token',
  'authjs.session-token',
  'next-auth.session-token',
  '__Secure-next-auth.session-token',
] as const;
const COOKIES: readonly (readonly [string, string])[] = [
  ['token', `token=${WIRE_TOKEN}`],
  ['session-names', SESSION_COOKIES.map((n) => `${n}=${WIRE_TOKEN}`).join('; ')],
];
const tokenInCookie = requestClass(
  'auth',
  'auth/token-in-cookie/<name>',
  SPEC.security,
  'the valid token in a cookie and no Authorization header: the spec’s one scheme is the Authorization header, so the request has no credentials and 401 is due (a fallback to a session cookie, as Nuxt apps write it, creates it)',
  { accept: [401, 403, 400], variantOf: 'auth/token-in-query/<parameter>' },
);
const twoLines = requestClass(
  'auth',
  'auth/two-authorization',
  'RFC 9110 §5.3',
  'two Authorization lines, a wrong token then the valid one: Authorization is not a list field, so a sender MUST NOT repeat it (RFC 9110 §5.3); a server that takes the last line answers 201, hence advice; a 400 may be the HTTP layer’s own (nginx’s HTML page)',
  { advisory: true, accept: [400, 401, 403], httpLayer: true, variantOf: 'auth/two-authorization-none-valid' },
);
const twoWrongLines = requestClass(
  'auth',
  'auth/two-authorization-none-valid',
  'RFC 9110 §5.3',
  'two Authorization lines, neither of them valid (a wrong Bearer token, Basic): whatever a server makes of repeated lines, nothing in them authenticates; a 400 may be the HTTP layer’s own (nginx’s HTML page)',
  { accept: [400, 401, 403], httpLayer: true },
);

const noneInvalidBody = requestClass(
  'auth',
  'auth/none-invalid-body',
  SPEC.security,
  'an anonymous invalid body matches both the 401 and the 400 row; the verdict profile does not say which wins',
  { advisory: true },
);

const noneMalformedBody = requestClass(
  'auth',
  'auth/none-malformed-body',
  SPEC.security,
  'an anonymous body that is not JSON matches both the 401 and the 400 row, as an anonymous invalid one does: a body parser mounted before the credentials check answers it 400 (Express, Polka, tinyhttp probes), where `{}` parses and reaches the check',
  { advisory: true, variantOf: 'auth/none-invalid-body' },
);

/** What a valid request of another shape without valid credentials may get: 401, 403, or a refusal of its shape first. */
const SHAPE_REFUSALS: readonly number[] = [401, 403, 400, 411, 413, 415, 426];

/** Characters of the large shape's string: over the buffer sizes a reader branches on (8 and 16 KiB), under body limits (100 KiB). */
const LARGE_SHAPE = 48 * 1024;
const anonymousShape = requestClass(
  'auth',
  'auth/none/<shape>',
  SPEC.security,
  'no Authorization header on a valid request of another shape than the plainest: each other declared media type and spelling, a chunked body, a gzip body, `Expect: 100-continue`, HTTP/1.0, a body of 48 KiB, `X-Requested-With: XMLHttpRequest` as a browser’s script sends it: the spec’s security applies to every request of the operation, so 401 is due (403 accepted, and a refusal before the credentials are read: 400, 411 to a body without Content-Length, 413 to a body over a limit, 415 to a type or coding the server does not take, 426 to HTTP/1.0); a credentials check on one branch of a handler (one media type, the Content-Length path) lets the others through',
  { accept: SHAPE_REFUSALS, variantOf: 'auth/none' },
);
const wrongShape = requestClass(
  'auth',
  'auth/wrong/<shape>',
  SPEC.security,
  'a Bearer token the provider did not issue on a valid request of each of those shapes: 401 is due as on the plainest (403, and a refusal before the credentials are read, accepted as there); a check that only asks for the header on one branch (express-openapi-validator’s security handler left to a text/json branch that never compares the token) lets a wrong one through; a 401 to a script’s request must challenge as any other (RFC 9110 §11.6.1: a framework that leaves the challenge out for scripts, so that a browser shows no login box, drops it)',
  { accept: SHAPE_REFUSALS, variantOf: 'auth/wrong' },
);

// The token in the headers API-key schemes use (Azure's api-key, OpenStack's X-Auth-Token), no Authorization: a
// strategy left from development that takes any such header (LoopBack blind probe: X-Api-Key) lets it in.
const tokenInHeader = requestClass(
  'auth',
  'auth/token-in-header/<name>',
  SPEC.security,
  'the valid token in the header fields API-key schemes use (X-API-Key, api-key, X-Auth-Token, X-Access-Token) and no Authorization header: the spec’s one scheme is Bearer in the Authorization header, so the request has no credentials and 401 is due (403 and 400 accepted); an API-key strategy besides the documented one (left from development, or the framework’s default) creates it',
  { accept: [401, 403, 400], variantOf: 'auth/token-in-query/<parameter>' },
);

const forwardedInternal = requestClass(
  'auth',
  'auth/none/forwarded-internal',
  SPEC.security,
  'no Authorization header on the plainest valid request, which says it was forwarded for the loopback address (X-Forwarded-For, X-Real-IP and RFC 7239 Forwarded naming 127.0.0.1): a client writes these fields as it likes, so 401 is due (403 accepted); a credentials check skipped for "internal" callers by a forwarded address lets anyone in',
  { accept: [401, 403], variantOf: 'auth/none' },
);

export const credentials: Dimension = {
  name: 'credentials',
  title: 'Credentials',
  summary:
    'Valid credentials spelt another way the RFCs allow (201 due), and missing, wrong, empty or non-Bearer ones on an otherwise valid request (401 due, 403 accepted).',
  classes: [
    lowercaseScheme,
    upperScheme,
    validSpelling,
    ...refused,
    wrongSchemeCase,
    refusedSpelling,
    nonAsciiToken,
    nearToken,
    tabSpelling,
    tokenForm,
    otherScheme,
    tokenInQuery,
    accessTokenInQuery,
    tokenInCookie,
    twoLines,
    twoWrongLines,
    noneInvalidBody,
    noneMalformedBody,
    anonymousShape,
    wrongShape,
    forwardedInternal,
    tokenInHeader,
  ],
  drafts(ctx) {
    const m = JSON.stringify(ctx.minimal);
    const out: Draft[] = [...emit(ctx, lowercaseScheme, {}, m, { auth: 'lowercase-scheme' })];
    const raw = (authorization: readonly string[]) =>
      wire({ contentType: ctx.ct, authorization }, undefined, Buffer.from(m));
    out.push(...emit(ctx, upperScheme, {}, m, { wire: raw([`BEARER ${WIRE_TOKEN}`]) }));
    for (const [spelling, value, o] of VALID_SPELLINGS)
      out.push(...emit(ctx, validSpelling, { spelling }, m, { wire: raw([value]), ...o }));
    REFUSED.forEach((r, i) => out.push(...emit(ctx, refused[i], {}, m, { auth: r.auth })));
    // The wrong token's header (every mode but `none` has one), its scheme then respelt in another case.
    const wrong = authorizationFor('wrong', '') ?? '';
    for (const [spelling, scheme] of [
      ['lower-case', 'bearer'],
      ['upper-case', 'BEARER'],
    ] as const)
      out.push(
        ...emit(ctx, wrongSchemeCase, { spelling }, m, {
          auth: 'wrong',
          wire: raw([`${scheme}${wrong.slice('Bearer'.length)}`]),
        }),
      );
    // A refused spelling is sent as `wrong` credentials: a 401 to it is not a reason to refresh the token.
    for (const [spelling, value] of REFUSED_SPELLINGS)
      out.push(...emit(ctx, refusedSpelling, { spelling }, m, { auth: 'wrong', wire: raw([value]) }));
    // The token then `é` in UTF-8 (a wire value is a byte string).
    out.push(...emit(ctx, nonAsciiToken, {}, m, { auth: 'wrong', wire: raw([`Bearer ${WIRE_TOKEN}\u00c3\u00a9`]) }));
    for (const [variant, value] of NEAR_TOKENS)
      out.push(...emit(ctx, nearToken, { variant }, m, { auth: 'wrong', wire: raw([value]) }));
    for (const [form, value] of TOKEN_FORMS)
      out.push(...emit(ctx, tokenForm, { form }, m, { auth: 'wrong', wire: raw([value]) }));
    for (const [scheme, value] of OTHER_SCHEMES)
      out.push(...emit(ctx, otherScheme, { scheme }, m, { auth: 'wrong', wire: raw([value]) }));
    // A token outside the Authorization header: no credentials by the spec, so sent as `none`.
    for (const parameter of QUERY_PARAMETERS)
      out.push(...emit(ctx, tokenInQuery, { parameter }, m, { auth: 'none', query: `${parameter}=${WIRE_TOKEN}` }));
    out.push(...emit(ctx, accessTokenInQuery, {}, m, { auth: 'none', query: `access_token=${WIRE_TOKEN}` }));
    for (const [name, cookie] of COOKIES)
      out.push(
        ...emit(ctx, tokenInCookie, { name }, m, {
          auth: 'none',
          wire: wire(
            { contentType: ctx.ct, authorization: [], extra: [['Cookie', cookie]] },
            undefined,
            Buffer.from(m),
          ),
        }),
      );
    const basic = authorizationFor('basic', '');
    out.push(...emit(ctx, twoLines, {}, m, { auth: 'wrong', wire: raw([wrong, VALID_AUTHORIZATION]) }));
    out.push(...emit(ctx, twoWrongLines, {}, m, { auth: 'wrong', wire: raw([wrong, basic!]) }));
    // Credentials come before the body: an anonymous request with an invalid body is still 401, not 400.
    const anonymousInvalid = JSON.stringify({});
    if (!certifyValid(ctx.model.validators, ctx.ct, anonymousInvalid))
      out.push(...emit(ctx, noneInvalidBody, {}, anonymousInvalid, { auth: 'none' }));
    out.push(...emit(ctx, noneMalformedBody, {}, m.slice(0, -1), { auth: 'none' }));
    // The valid request without credentials, and with a wrong token, in each other shape a handler may branch on.
    const gzip = CODINGS.find((c) => c.name === 'gzip');
    const [text] = ctx.strings;
    const large = text && JSON.stringify({ ...ctx.minimal, [text.name]: 'x'.repeat(LARGE_SHAPE) });
    // The shaped requests without credentials and with a wrong token: their class, auth mode and Authorization lines.
    const refusedShapes = [
      [anonymousShape, 'none', []],
      [wrongShape, 'wrong', wrong === undefined ? [] : [wrong]],
    ] as const;
    for (const [cls, auth, lines] of refusedShapes) {
      for (const media of ctx.model.media.filter((x) => x.contentType !== ctx.ct))
        out.push(...emit(ctx, cls, { shape: media.slug }, m, { auth, contentType: media.contentType }));
      const raw = (extra: readonly (readonly [string, string])[], f: Parameters<typeof wire>[1], bytes: Buffer) =>
        wire({ contentType: ctx.ct, authorization: lines, extra }, f, bytes);
      const shapes: readonly (readonly [string, ReturnType<typeof wire>])[] = [
        ['chunked', raw([], { framing: 'chunked' }, Buffer.from(m))],
        ...(gzip
          ? [['gzip', raw([['Content-Encoding', 'gzip']], undefined, gzip.encode(Buffer.from(m)))] as const]
          : []),
        ['expect-continue', raw([['Expect', '100-continue']], { framing: 'length', awaitClose: true }, Buffer.from(m))],
        ['http-1.0', raw([], { framing: 'length', version: '1.0', awaitClose: true }, Buffer.from(m))],
      ];
      for (const [shape, w] of shapes) out.push(...emit(ctx, cls, { shape }, m, { auth, wire: w }));
      // A large body: a reader that spools it (nginx and PHP past 8 or 16 KiB, a stream past a high-water mark) may
      // take another path to the handler, where a check placed on the buffered one is not.
      if (large !== undefined) out.push(...emit(ctx, cls, { shape: 'large' }, large, { auth }));
    }
    const loopback: readonly (readonly [string, string])[] = [
      ['X-Forwarded-For', '127.0.0.1'],
      ['X-Real-IP', '127.0.0.1'],
      ['Forwarded', 'for=127.0.0.1'],
    ];
    out.push(
      ...emit(ctx, forwardedInternal, {}, m, {
        auth: 'none',
        wire: wire({ contentType: ctx.ct, authorization: [], extra: loopback }, undefined, Buffer.from(m)),
      }),
    );
    // Last, so that the cases before keep their places.
    const apiKeys = ['X-API-Key', 'api-key', 'X-Auth-Token', 'X-Access-Token'].map((n): [string, string] => [
      n,
      WIRE_TOKEN,
    ]);
    out.push(
      ...emit(ctx, tokenInHeader, { name: 'api-key-fields' }, m, {
        auth: 'none',
        wire: wire({ contentType: ctx.ct, authorization: [], extra: apiKeys }, undefined, Buffer.from(m)),
      }),
    );
    // As a browser's script sends it (jQuery, Angular's old default): a framework that answers such a request without
    // a challenge, lest the browser show its login box (Spring Security's and AdonisJS's XHR branch), drops it.
    const xhr: readonly (readonly [string, string])[] = [['X-Requested-With', 'XMLHttpRequest']];
    for (const [cls, auth, lines] of refusedShapes)
      out.push(
        ...emit(ctx, cls, { shape: 'xhr' }, m, {
          auth,
          wire: wire({ contentType: ctx.ct, authorization: lines, extra: xhr }, undefined, Buffer.from(m)),
        }),
      );
    // A tab for the space after the scheme, sent as `wrong`: a 401 to it is not a reason to refresh the token.
    out.push(...emit(ctx, tabSpelling, {}, m, { auth: 'wrong', wire: raw([`Bearer\t${WIRE_TOKEN}`]) }));
    return out;
  },
};
