/**
 * Secrets, in one place: the placeholder, the collector (built once per run), the one redactor for every spelling,
 * and the deep pass over every output. Redaction is by structure first: `Authorization`, `Proxy-Authorization`,
 * `Cookie` and `Set-Cookie` values are always shown redacted, whatever they hold, so a token of any length is
 * safe there; the value-based pass then catches secrets a provider echoed anywhere else.
 */
import type { AuthMode } from './generators/case.ts';

/** The replacement of every secret in every output. */
export const REDACTED = '[REDACTED]';

/** How a valid bearer credential appears in every report, log and curl line. */
export const REDACTED_BEARER = `Bearer ${REDACTED}`;

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

/** A credential header's value as shown: its auth scheme kept (`Bearer [REDACTED]`), everything else redacted. */
export function redactHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (!SECRET_HEADERS.has(lower)) return value;
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const scheme = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s/.exec(value)?.[1];
    return scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
  }
  return REDACTED;
}

/** Every spelling a writer may give a secret: as is, JSON-escaped once and twice, markup-escaped, and both. */
function spellings(s: string): string[] {
  const json = JSON.stringify(s).slice(1, -1);
  const out = new Set<string>();
  for (const x of [s, json, JSON.stringify(json).slice(1, -1)]) {
    out.add(x);
    out.add(x.replace(/[&<>"']/g, (ch) => MARKUP[ch]));
    out.add(x.replace(/[&<>]/g, (ch) => MARKUP[ch]));
  }
  return [...out];
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
  const redact = (s: string) => {
    let out = s;
    for (const x of list()) if (out.includes(x)) out = out.replaceAll(x, REDACTED);
    return out;
  };
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
      const walk = (v: unknown, key?: string): unknown => {
        if (typeof v === 'string') return redact(key === undefined ? v : redactHeaderValue(key, v));
        if (Array.isArray(v)) return v.map((x) => walk(x));
        if (v !== null && typeof v === 'object')
          return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k), walk(x, k)]));
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

/** The secrets the environment and the command line hold: `--token`, `CONNECT_TOKEN`, `CONNECT_CLIENT_SECRET`. */
export function secretsFrom(
  token: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): (string | undefined)[] {
  return [token, env['CONNECT_TOKEN'], env['CONNECT_CLIENT_SECRET']];
}
