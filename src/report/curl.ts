import type { AuthMode } from '../types.ts';
import type { SentWire } from '../wire.ts';
import { authorizationFor, REDACTED, REDACTED_SWAPPED } from '../secrets.ts';
import { TOKEN_SPELLINGS } from './token-spellings.ts';
import { hasOwnLength } from './script.ts';
import type { Report } from './model.ts';

/** The run's TLS choice, carried by every curl line so that it reproduces against the sandbox it came from. */
export interface CurlTls {
  readonly insecure: boolean;
  /** `--ca FILE` as the run was given it. */
  readonly ca?: string | undefined;
}

/** The run's TLS choice as a report records it, for the curl lines a page lays out. */
export function curlTlsOf(r: {
  readonly target: { readonly insecure: boolean };
  readonly options?: { readonly ca?: string };
}): CurlTls {
  return { insecure: r.target.insecure, ca: r.options?.ca };
}

/** curl's words for the run's TLS choice: `-k` for `--insecure` (which verifies nothing, whatever the CA), `--cacert FILE`. */
function tlsArgs(tls: CurlTls | undefined): string[] {
  if (tls?.insecure) return ['-k'];
  return tls?.ca === undefined ? [] : ['--cacert', shq(tls.ca)];
}

/** Quotes one shell word for POSIX sh, so the curl line replays the exact bytes. */
function shq(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * Characters that do not belong on a one-line, copyable command: NUL (no shell argument can hold it), newlines and
 * other C0/C1 controls, DEL, U+FFFE/U+FFFF and lone surrogates (sent as the bytes of U+FFFD, as Node encodes them).
 */
const UNPRINTABLE =
  /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A body for `printf '%b'`: backslashes doubled, unprintable characters as `\0ooo` octal escapes of their UTF-8 bytes. */
function printfEscape(body: string): string {
  return body.replace(new RegExp(`\\\\|${UNPRINTABLE.source}`, 'g'), (ch) =>
    ch === '\\' ? '\\\\' : [...Buffer.from(ch, 'utf8')].map((b) => `\\0${b.toString(8).padStart(3, '0')}`).join(''),
  );
}

/** Whether a shown field holds a spelling of the token. */
function holdsToken(field: string): boolean {
  return TOKEN_SPELLINGS.some((t) => field.includes(t.shown));
}

/** A header field holding the token (in any spelling the suite sends) as a shell word: the token from `$CONNECT_TOKEN`. */
function tokenField(field: string, spellings = TOKEN_SPELLINGS): string {
  const [first, ...rest] = spellings;
  // Bytes that are not printable ASCII (a wire value is a byte string) through printf, as wireCurl writes them.
  if (first === undefined)
    return field === ''
      ? ''
      : /^[\x20-\x7e]*$/.test(field)
        ? shq(field)
        : `"$(printf '%b' ${shq(printfBytes(field))})"`;
  return field
    .split(first.shown)
    .map((piece) => tokenField(piece, rest))
    .join(first.sh);
}

/**
 * A URL as a shell word: where its query string holds the token's placeholder (URL-encoded, `caseUrl` in
 * runner/send.ts), the token from `$CONNECT_TOKEN`, as it is (bearer tokens are of URL-safe characters).
 */
function urlWord(url: string): string {
  const swapped = encodeURIComponent(REDACTED_SWAPPED);
  const plain = encodeURIComponent(REDACTED);
  return url.includes(plain) || url.includes(swapped)
    ? tokenField(url.replaceAll(swapped, REDACTED_SWAPPED).replaceAll(plain, REDACTED))
    : shq(url);
}

/**
 * A curl command that replays a request byte for byte, on one line. The real token never appears: with the case's
 * `auth`, the Authorization header is the one that case sends, the run's token as `$CONNECT_TOKEN` (the probes'
 * own public credentials as they are); without it, a redacted `<scheme> [REDACTED]` is written as
 * `"Authorization: <scheme> $CONNECT_TOKEN"`. A body with control characters (a NUL cannot be a shell argument at
 * all) is piped in from `printf '%b'` and sent with `--data-binary @-`.
 */
export function toCurl(
  req: {
    method: string;
    url: string;
    headers: Readonly<Record<string, string>>;
    body: string | null | undefined;
    wire?: SentWire | undefined;
  },
  auth?: AuthMode,
  tls?: CurlTls,
  /**
   * `line`: one copyable line (report.json, the console). `block`: for a page (report.md, report.html): the headers
   * that matter first, `Accept` and `User-Agent` last, the body on its own line, joined by `\` continuations.
   */
  layout: 'line' | 'block' = 'line',
): string {
  if (req.wire) return wireCurl(req.method, req.url, req.wire, tls);
  const head = ['curl', '-sS', '-i', ...tlsArgs(tls), ...methodArgs(req.method), urlWord(req.url)];
  const names = Object.keys(req.headers).map((n) => n.toLowerCase());
  const first: string[] = [];
  const last: string[] = [];
  // Accept and User-Agent rarely matter to a bug: a page shows them after the rest.
  const minor = (name: string) => layout === 'block' && ['accept', 'user-agent'].includes(name.toLowerCase());
  // curl adds its own Content-Type with --data-binary and its own Accept/User-Agent; an empty value removes them.
  for (const own of ['Content-Type', 'Accept', 'User-Agent'])
    if (!names.includes(own.toLowerCase())) (minor(own) ? last : first).push('-H', `'${own}:'`);
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.toLowerCase() === 'content-length') continue;
    if (name.toLowerCase() === 'authorization') {
      if (auth === undefined) first.push('-H', authorizationWord(value.replace(` ${REDACTED}`, ' $CONNECT_TOKEN')));
      continue;
    }
    (minor(name) ? last : first).push('-H', shq(`${name}: ${value}`));
  }
  const sent = auth === undefined ? undefined : authorizationFor(auth, '$CONNECT_TOKEN');
  if (sent !== undefined) first.push('-H', authorizationWord(sent));
  const body = req.body ?? undefined;
  // --data-binary keeps newlines and bytes as they are (plain -d strips them).
  const piped = body !== undefined && UNPRINTABLE.test(body);
  const data = body === undefined ? [] : ['--data-binary', piped ? '@-' : shq(body)];
  const printf = piped ? `printf '%b' ${shq(printfEscape(body))} |` : '';
  if (layout === 'line') return [printf, ...head, ...first, ...last, ...data].filter((x) => x !== '').join(' ');
  return [printf, head.join(' '), first.join(' '), last.join(' '), data.join(' ')]
    .filter((x) => x !== '')
    .join(' \\\n  ');
}

/** The Authorization header as a shell word: double-quoted where it names `$CONNECT_TOKEN`, so the shell expands it. */
function authorizationWord(value: string): string {
  return value.includes('$CONNECT_TOKEN') && /^[\w .~+/=-]*\$CONNECT_TOKEN$/.test(value)
    ? `"Authorization: ${value}"`
    : shq(`Authorization: ${value}`);
}

/** Header fields curl writes itself from the command line (Host from the URL, the length from the body). */
const CURL_OWN = new Set(['host', 'content-length']);

/** A byte string (one character a byte) for `printf '%b'`: printable ASCII as is, every other byte in octal. */
function printfBytes(s: string): string {
  return s.replace(/[^\x20-\x7e]|\\/g, (ch) =>
    ch === '\\' ? '\\\\' : `\\0${ch.charCodeAt(0).toString(8).padStart(3, '0')}`,
  );
}

/** `-X METHOD`, but `-I` for HEAD: with `-X HEAD` curl waits for the body the answer's Content-Length announces. */
function methodArgs(method: string): string[] {
  return method === 'HEAD' ? ['-I'] : ['-X', method];
}

/**
 * The curl line of a raw message: its fields in their order (repeated ones repeated; bytes that are not printable
 * ASCII through `printf`), the body's exact bytes. Framing is curl's own: `curlGap` (script.ts) says when that differs.
 */
function wireCurl(method: string, url: string, wire: SentWire, tls: CurlTls | undefined): string {
  // Content-Length lines the message writes itself (framing `none`: not a number, two that differ) curl sends as given;
  // they may leave a server waiting for bytes never sent, so the line gives up as the suite does.
  const ownLength = wire.framing === 'none' && hasOwnLength(wire);
  const wait = ownLength ? ['--max-time', '10'] : [];
  // The version and a Host left out as the message had them: curl drops its own Host given an empty one.
  const version = wire.version === '1.0' ? ['--http1.0'] : [];
  // The request target in absolute form, as the message wrote it (curl 7.55's `--request-target`).
  const target = wire.absoluteTarget ? ['--request-target', urlWord(url)] : [];
  const parts = [
    'curl',
    '-sS',
    '-i',
    ...wait,
    ...version,
    ...tlsArgs(tls),
    ...methodArgs(method),
    ...target,
    urlWord(url),
  ];
  if (wire.noHost) parts.push('-H', `'Host:'`);
  const names = wire.headers.map(([n]) => n.toLowerCase());
  for (const own of ['Content-Type', 'Accept', 'User-Agent'])
    if (!names.includes(own.toLowerCase())) parts.push('-H', `'${own}:'`);
  for (const [name, value] of wire.headers) {
    if (CURL_OWN.has(name.toLowerCase()) && !(ownLength && name.toLowerCase() === 'content-length')) continue;
    const field = `${name}: ${value}`;
    // curl drops a field given with no value (`Name:`); `Name;` sends it empty.
    if (value === '') parts.push('-H', shq(`${name};`));
    else if (holdsToken(field)) parts.push('-H', tokenField(field));
    else if (/^[\x20-\x7e]*$/.test(field)) parts.push('-H', shq(field));
    else parts.push('-H', `"$(printf '%b' ${shq(printfBytes(field))})"`);
  }
  if (wire.bodyBase64 === undefined) return parts.join(' ');
  const bytes = Buffer.from(wire.bodyBase64, 'base64');
  const text = bytes.toString('latin1');
  if (/^[\x20-\x7e\t\r\n]*$/.test(text)) return [...parts, '--data-binary', shq(text)].join(' ');
  return `printf '%b' ${shq(printfBytes(text))} | ${[...parts, '--data-binary', '@-'].join(' ')}`;
}

/**
 * After an OAuth2 run, the token request (RFC 6749 §4.4) as one line that sets `CONNECT_TOKEN` for the curl lines: the
 * client id and secret from the environment (`$CONNECT_CLIENT_ID`, `$CONNECT_CLIENT_SECRET`), never their values, and
 * `access_token` read from the JSON answer with node (there wherever the suite runs). Undefined for other runs.
 */
export function tokenCurl(r: Pick<Report, 'options' | 'target'>): string | undefined {
  const o = r.options;
  if (o?.tokenUrl === undefined) return undefined;
  const curl = [
    'curl',
    '-sS',
    '--fail',
    ...tlsArgs({ insecure: r.target.insecure, ca: o.ca }),
    '-u',
    '"$CONNECT_CLIENT_ID:$CONNECT_CLIENT_SECRET"',
    '--data-urlencode',
    'grant_type=client_credentials',
    ...(o.scope === undefined ? [] : ['--data-urlencode', shq(`scope=${o.scope}`)]),
    shq(o.tokenUrl),
  ].join(' ');
  return `export CONNECT_TOKEN="$(${curl} | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')"`;
}

/** How a valid bearer credential appears in every report, log and curl line. */
export { REDACTED_BEARER } from '../secrets.ts';

/** A case record's curl command laid out for a page (`toCurl`'s `block`): the body on its own line. */
export function curlBlockOf(
  record: {
    readonly request: Parameters<typeof toCurl>[0];
    readonly case: { readonly auth?: AuthMode };
  },
  tls?: CurlTls,
): string {
  return toCurl(record.request, record.case.auth, tls, 'block');
}
