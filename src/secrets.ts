/**
 * Secrets, in one place: the placeholder, the collector (built once per run), the one redactor for every spelling,
 * and the deep pass over every output. Redaction is by structure first: `Authorization`, `Proxy-Authorization`,
 * `Cookie` and `Set-Cookie` values are always shown redacted, whatever they hold, so a token of any length is
 * safe there; the value-based pass then catches secrets a provider echoed anywhere else.
 */
import type { AuthMode } from './types.ts';

/** The replacement of every secret in every output. */
export const REDACTED = '[REDACTED]';

/** How a valid bearer credential appears in every report, log and curl line. */
export const REDACTED_BEARER = `Bearer ${REDACTED}`;

/** How the run's token with its letters' case swapped (`swapCase`) appears where a probe sent it. */
export const REDACTED_SWAPPED = '[REDACTED:swapped-case]';

/** How the run's token without its last character (`truncate`) appears where a probe sent it. */
export const REDACTED_TRUNCATED = '[REDACTED:truncated]';

/** How Basic credentials with the run's token as the password (`basicPassword`) appear where a probe sent them. */
export const REDACTED_BASIC_PASSWORD = '[REDACTED:basic-password]';

/** How Basic credentials with the run's token as the user name (`basicUsername`) appear where a probe sent them. */
export const REDACTED_BASIC_USERNAME = '[REDACTED:basic-username]';

/** Basic credentials (RFC 7617) of the user `conformance` with the token as its password: Laravel's token guard reads it. */
export function basicPassword(token: string): string {
  return Buffer.from(`conformance:${token}`, 'utf8').toString('base64');
}

/** Basic credentials with the token as the user name and no password, as Stripe-style APIs take an API key. */
export function basicUsername(token: string): string {
  return Buffer.from(`${token}:`, 'utf8').toString('base64');
}

/**
 * The token without its last character: another token, which a comparison by prefix (`expected.startsWith(given)`)
 * takes for the valid one.
 */
export function truncate(token: string): string {
  return token.slice(0, -1);
}

/**
 * The token with every ASCII letter's case swapped: another token, which a case-insensitive comparison takes for the
 * valid one (RFC 6750 §2.1: a b64token is compared as it is). A token without letters gets a `0` after it instead,
 * so that it is never the valid one.
 */
export function swapCase(token: string): string {
  const swapped = token.replace(/[A-Za-z]/g, (ch) => (ch <= 'Z' ? ch.toLowerCase() : ch.toUpperCase()));
  return swapped === token ? `${token}0` : swapped;
}

/** Headers whose values are credentials by definition (RFC 9110 §11.6.2, §11.7.2; RFC 6265 §4). */
const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * Secrets shorter than this are redacted by structure only: replacing every occurrence of a 1-character token in a
 * report would erase that character from the whole report, and tell the reader the token besides.
 */
const MIN_VALUE_LENGTH = 4;

/**
 * The suite's own credentials for the auth probes: public constants of this source, not secrets, shown in curl lines
 * so that a probe replays as it was sent.
 */
const PROBE_CREDENTIALS = {
  wrongToken: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJjb25mb3JtYW5jZS13cm9uZy10b2tlbiJ9.',
  basic: Buffer.from('conformance:wrong-password').toString('base64'),
} as const;

/** The Authorization header a case sends, with `token` for the run's own token; undefined when it sends none. */
export function authorizationFor(auth: AuthMode, token: string): string | undefined {
  switch (auth) {
    case 'valid':
      return `Bearer ${token}`;
    case 'lowercase-scheme':
      return `bearer ${token}`;
    case 'wrong':
      return `Bearer ${PROBE_CREDENTIALS.wrongToken}`;
    case 'basic':
      return `Basic ${PROBE_CREDENTIALS.basic}`;
    case 'empty-bearer':
      return 'Bearer ';
    case 'none':
      return undefined;
  }
}

/**
 * Whether an Authorization value is one of the suite's own probe credentials (a wrong Bearer token, Basic with a wrong
 * password): public constants, shown as they are so that a line that repeats the field replays what was sent.
 */
export function isProbeCredential(value: string): boolean {
  return value === authorizationFor('wrong', '') || value === authorizationFor('basic', '');
}

/** Auth schemes of the IANA registry (RFC 9110 §16.4) a value may be alone, with nothing after them. */
const SCHEMES_ALONE = /^\s*(?:basic|bearer|digest|negotiate|ntlm|token)\s*$/i;

/** A credential header's value as shown: its auth scheme kept (`Bearer [REDACTED]`), everything else redacted. */
export function redactHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (!SECRET_HEADERS.has(lower)) return value;
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    // A registered scheme alone holds no credentials (auth/scheme-only): shown, or a curl line sends the token instead.
    if (SCHEMES_ALONE.test(value)) return value;
    const scheme = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s/.exec(value)?.[1];
    return scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
  }
  return REDACTED;
}

/**
 * Every spelling a writer or a server may give a secret: as is, URL-encoded (RFC 3986 and form), base64 and base64url
 * (RFC 4648 §4, §5; padded or not, standalone or inside a longer encoding), its letters' case swapped, it without its last character, and each of those JSON-escaped once and
 * twice, markup-escaped, and both; and the base64 of the `Authorization` value it makes (`Bearer <secret>`), whole.
 */
function spellings(s: string): string[] {
  const out = new Set<string>();
  // Its swapped case and its truncation too: the suite sends them (auth/near-token/…), and a provider may echo them.
  for (const plain of [
    s,
    swapCase(s),
    ...(s.length > MIN_VALUE_LENGTH ? [truncate(s)] : []),
    encodeURIComponent(s),
    formEncode(s),
    ...encodings(s),
    ...encodings(`Bearer ${s}`),
  ]) {
    const json = JSON.stringify(plain).slice(1, -1);
    for (const x of [plain, json, JSON.stringify(json).slice(1, -1)]) {
      out.add(x);
      out.add(x.replace(/[&<>"']/g, (ch) => MARKUP[ch]));
      out.add(x.replace(/[&<>]/g, (ch) => MARKUP[ch]));
    }
  }
  return [...out];
}

/** Shortest encoded fragment redacted: 6 bytes of the secret; a shorter one could match unrelated text. */
const MIN_FRAGMENT_LENGTH = 8;

/**
 * The base64 and base64url spellings of `s`: standalone (padded and not), and the three fragments it leaves inside a
 * longer encoding. Base64 encodes 3 bytes at a time, so a secret at byte offset k of a longer string is spelled by
 * the encoding of its bytes from the next multiple of 3: the whole groups of `s` from byte 0, 1 or 2 (the few
 * characters around them also depend on the neighbouring bytes and say at most 2 bytes of the secret).
 */
function encodings(s: string): string[] {
  const bytes = Buffer.from(s, 'utf8');
  const out: string[] = [];
  for (const alphabet of ['base64', 'base64url'] as const) {
    const bare = bytes.toString(alphabet).replace(/=+$/, '');
    out.push(bare, bare.padEnd(Math.ceil(bare.length / 4) * 4, '='));
    for (let k = 0; k < 3; k++) {
      const from = bytes.subarray(k);
      const fragment = from.subarray(0, from.length - (from.length % 3)).toString(alphabet);
      if (fragment.length >= MIN_FRAGMENT_LENGTH) out.push(fragment);
    }
  }
  return out;
}

/** application/x-www-form-urlencoded (a space as `+`), as a form or a query string carries a value. */
function formEncode(s: string): string {
  return new URLSearchParams({ v: s }).toString().slice(2);
}

const MARKUP: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The secrets of one run and the one redactor built on them. */
export interface Secrets {
  /** Adds known secret values (empty and undefined ones are ignored). */
  add(...values: readonly (string | undefined)[]): void;
  /** Also asks `source` on every use: OAuth2 issues new tokens mid-run. */
  track(source: () => readonly string[]): void;
  /** Every secret known now. */
  values(): readonly string[];
  /** `s` with every spelling of every secret (of `MIN_VALUE_LENGTH` or more) replaced, longest first. */
  readonly redact: (s: string) => string;
  /**
   * A copy of a JSON-like value with every string redacted (keys included) and every credential header value
   * redacted by structure, at any depth: the last guard before any output.
   */
  deep<T>(value: T): T;
}

/** The collector: a run's secrets, from the values given and the sources tracked. */
export function createSecrets(initial: readonly (string | undefined)[] = []): Secrets {
  const known = new Set<string>();
  const sources: (() => readonly string[])[] = [];
  let cached: { key: string; list: string[] } | undefined;
  const values = () => [...new Set([...known, ...sources.flatMap((s) => s())])];
  // The spellings, longest first, rebuilt only when the secrets change.
  const list = () => {
    const all = values().filter((s) => s.length >= MIN_VALUE_LENGTH);
    const key = all.join('\n');
    if (cached?.key !== key) {
      cached = { key, list: [...new Set(all.flatMap(spellings))].sort((a, b) => b.length - a.length) };
    }
    return cached.list;
  };
  const redactWith = (spellings: readonly string[], s: string) => {
    let out = s;
    for (const x of spellings) if (out.includes(x)) out = out.replaceAll(x, REDACTED);
    return out;
  };
  const redact = (s: string) => redactWith(list(), s);
  const secrets: Secrets = {
    add(...vs) {
      for (const v of vs) if (v) known.add(v);
    },
    track(source) {
      sources.push(source);
    },
    values,
    redact,
    deep(value) {
      // The secrets are looked up once for the whole walk, not once for each of a report's many strings.
      const spellings = list();
      const walk = (v: unknown, key?: string): unknown => {
        if (typeof v === 'string') return redactWith(spellings, key === undefined ? v : redactHeaderValue(key, v));
        if (Array.isArray(v)) return v.map((x) => walk(x));
        if (v !== null && typeof v === 'object')
          return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactWith(spellings, k), walk(x, k)]));
        return v;
      };
      return walk(value) as typeof value;
    },
  };
  secrets.add(...initial);
  return secrets;
}

/** `text` with every spelling of every secret replaced (for callers of the public API that hold a plain list). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return createSecrets(secrets).redact(text);
}

/**
 * The secrets the environment and the command line hold: `--token`, `CONNECT_TOKEN`, `CONNECT_CLIENT_SECRET`, and the
 * OAuth2 client's `client_id:client_secret` pair as HTTP Basic carries it (RFC 6749 §2.3.1: raw and form-encoded), so
 * that its base64 (the Basic credentials a debugging server may echo) is redacted as well.
 */
export function secretsFrom(
  token: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): (string | undefined)[] {
  const id = env['CONNECT_CLIENT_ID'];
  const secret = env['CONNECT_CLIENT_SECRET'];
  const pairs = id && secret ? [`${id}:${secret}`, `${formEncode(id)}:${formEncode(secret)}`] : [];
  return [token, env['CONNECT_TOKEN'], secret, ...pairs];
}
