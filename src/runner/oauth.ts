import { TargetError } from '../targets/types.ts';
import type { Agent } from 'undici';
import type { Credentials } from './credentials.ts';
import { describeTls, isTlsCode, speaksTls, tlsConnect } from './tls.ts';

/** Where and how to obtain tokens with the OAuth 2.0 client credentials grant (RFC 6749 §4.4). */
export interface OAuthOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Space-separated scopes (RFC 6749 §3.3); omitted from the request when absent. */
  readonly scope?: string;
  /** For tests; `globalThis.fetch` by default. */
  readonly fetchImpl?: typeof fetch;
  /** A token is fetched again when less than this is left of its lifetime (capped at a quarter of it); 30 s by default. */
  readonly refreshBeforeMs?: number;
  /** Longest wait for the token endpoint, ms; 10 s by default. */
  readonly timeoutMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
  /** TLS to the token endpoint, as to the target: `--insecure`, `--ca`. */
  readonly tls?: { readonly insecure: boolean; readonly ca?: string | undefined };
}

interface Issued {
  readonly token: string;
  /** When to fetch again (ms since epoch), or Infinity when the server gave no `expires_in`. */
  readonly renewAt: number;
  /** When it stops being valid (ms since epoch), or Infinity. */
  readonly expiresAt: number;
}

/**
 * OAuth2 client credentials: a token is fetched on first use (before the run sends anything), cached, fetched again
 * shortly before `expires_in` runs out, and on `refresh(rejected)` (a 401 to a valid-credential request) unless the
 * rejected token was already replaced. Concurrent callers share one request to the token endpoint. Failures throw a `TargetError` whose one line never holds a secret.
 */
export function oauthClientCredentials(opts: OAuthOptions): Credentials {
  const url = checkTokenUrl(opts.tokenUrl);
  const doFetch = opts.fetchImpl ?? tlsFetch(opts.tls);
  const now = opts.now ?? Date.now;
  const seen = new Set<string>([opts.clientSecret].filter((s) => s.length > 0));
  let current: Issued | undefined;
  let pending: Promise<Issued> | undefined;

  const obtain = (): Promise<Issued> => {
    pending ??= request().finally(() => (pending = undefined));
    return pending;
  };

  async function request(): Promise<Issued> {
    // RFC 6749 §2.3.1: client id and secret are form-encoded, then sent as HTTP Basic credentials.
    const basic = Buffer.from(`${formEncode(opts.clientId)}:${formEncode(opts.clientSecret)}`).toString('base64');
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (opts.scope !== undefined && opts.scope.trim() !== '') form.set('scope', opts.scope.trim());
    const where = `token endpoint ${url.origin}${url.pathname}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        // A redirect could carry the client's credentials elsewhere: never followed.
        redirect: 'manual',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new TargetError(`${where} failed: ${await fetchFailure(e, url, opts.timeoutMs ?? 10_000)}`);
    }
    const text = await readCapped(res, MAX_TOKEN_ANSWER_BYTES);
    let json: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        json = parsed as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      // RFC 6749 §5.2: `error` is a short ASCII code; the rest of the body is not shown (it could echo a secret).
      const code =
        typeof json?.['error'] === 'string' && /^[\x20-\x21\x23-\x5B\x5D-\x7E]{1,64}$/.test(json['error'])
          ? ` (${json['error']})`
          : '';
      throw new TargetError(
        `${where} answered ${res.status}${code}: check CONNECT_CLIENT_ID, CONNECT_CLIENT_SECRET and --scope`,
      );
    }
    // RFC 6749 §5.1: access_token and token_type are required; only Bearer tokens (RFC 6750) are usable here.
    const token = json?.['access_token'];
    const type = json?.['token_type'];
    if (typeof token !== 'string' || token === '')
      throw new TargetError(`${where} answered ${res.status} without an access_token`);
    seen.add(token);
    if (typeof type !== 'string' || type.toLowerCase() !== 'bearer') {
      throw new TargetError(
        `${where} issued a token of type ${JSON.stringify(typeof type === 'string' ? type.slice(0, 32) : null)}, not Bearer`,
      );
    }
    const fetchedAt = now();
    const expiresIn = Number(json?.['expires_in']);
    let renewAt = Infinity;
    let expiresAt = Infinity;
    if (Number.isFinite(expiresIn) && expiresIn > 0) {
      expiresAt = fetchedAt + expiresIn * 1000;
      renewAt = expiresAt - Math.min(opts.refreshBeforeMs ?? 30_000, (expiresIn * 1000) / 4);
    }
    current = { token, renewAt, expiresAt };
    return current;
  }

  return {
    async token() {
      if (current && now() < current.renewAt) return current.token;
      try {
        return (await obtain()).token;
      } catch (e) {
        // A failed early renewal is tried again on the next call while the old token is still valid.
        if (current && now() < current.expiresAt) return current.token;
        throw e;
      }
    },
    async refresh(rejected) {
      // Several cases can be refused with the same stale token at once: one new token serves them all.
      if (pending) await pending;
      else if (current === undefined || rejected === undefined || current.token === rejected) await obtain();
      return true;
    },
    secrets: () => [...seen],
    oauth: { tokenUrl: opts.tokenUrl, ...(opts.scope === undefined ? {} : { scope: opts.scope }) },
  };
}

/** Why a request to the token endpoint got no answer, in words: a timeout, TLS with its hint, or the system's code. */
async function fetchFailure(e: unknown, url: URL, timeoutMs: number): Promise<string> {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = { code: err.cause?.code, message: err.cause?.message ?? err.message };
  if (isTlsCode(cause.code) || /wrong version number/i.test(cause.message))
    return `TLS handshake failed: ${describeTls(cause)}`;
  // http:// to a port that speaks TLS: the server hangs up on a plain request; a handshake there says why.
  if (url.protocol === 'http:' && (await speaksTls(url, timeoutMs)))
    return 'the port speaks TLS; use https:// in --token-url';
  return cause.code ?? err.message;
}

/** `fetch` with the run's TLS options (undici's own, whose `dispatcher` carries them); the global one without. */
function tlsFetch(tls: OAuthOptions['tls']): typeof fetch {
  if (!tls || (!tls.insecure && tls.ca === undefined)) return globalThis.fetch;
  // undici's index is loaded by the runs that need its fetch only (~0.1 s of start-up; see http.ts).
  const undici = import('undici');
  let dispatcher: Agent | undefined;
  // undici's fetch takes the same arguments as the global one, plus the dispatcher.
  return (async (input: string | URL, init?: RequestInit) => {
    const { Agent, fetch: undiciFetch } = await undici;
    dispatcher ??= new Agent({ connect: tlsConnect(tls) });
    return undiciFetch(input, { ...(init as object), dispatcher });
  }) as unknown as typeof fetch; // undici's Response is the global Response in shape
}

/** The token URL, which must be https (RFC 6749 §2.3.1 requires TLS) unless it is on this machine. */
function checkTokenUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetError(`--token-url ${JSON.stringify(raw)} is not a URL`);
  }
  const local = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new TargetError(
      `--token-url ${url.origin}: the client secret is sent only over https (or http to localhost)`,
    );
  }
  if (url.username || url.password)
    throw new TargetError(
      '--token-url: credentials do not belong in the URL; set CONNECT_CLIENT_ID and CONNECT_CLIENT_SECRET',
    );
  return url;
}

/** Most bytes of a token endpoint's answer read: a token answer is a few hundred bytes; a longer one is not read further. */
const MAX_TOKEN_ANSWER_BYTES = 64 * 1024;

/** The first `max` bytes of an answer's body as text ('' when it breaks off); the rest is cancelled unread. */
async function readCapped(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // A fetch Response's body is a stream of bytes (WHATWG Fetch §5.2); the DOM typings leave its chunks untyped.
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
    return Buffer.concat(chunks).subarray(0, max).toString('utf8');
  } catch {
    return '';
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

/** application/x-www-form-urlencoded, as RFC 6749 Appendix B asks for client credentials. */
function formEncode(s: string): string {
  return new URLSearchParams({ v: s }).toString().slice(2);
}
