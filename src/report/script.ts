// Where curl cannot send a raw message exactly (no framing, chunk sizes of the suite's choosing), a one-line Node
// script that writes its bytes to the target does: the request as the suite wrote it, the token from CONNECT_TOKEN.
import { TOKEN_SPELLINGS } from './token-spellings.ts';
import { framedBody, nextBytes, requestBytes, type Framing, type SentWire } from '../wire.ts';

/**
 * What curl's line cannot reproduce of a raw message, in a few words; undefined when curl sends the same bytes (and,
 * for a HEAD read on to the close, shows what came after the answer's fields).
 */
export function curlGap(wire: SentWire | Framing | undefined, method?: string): string | undefined {
  if (wire === undefined) return undefined;
  // `curl -I` stops at the end of the fields: content sent after them (RFC 9110 §9.3.2) never shows (DRF probe).
  if (method === 'HEAD' && wire.awaitClose) return 'curl stops reading an answer to HEAD at the end of its fields';
  // The request sent next on the connection is what shows the bytes left behind (`connection-is-reusable`).
  if (wire.next) return 'curl sends no second request on the connection once the answer is complete';
  // Content-Length lines of the message's own (not a number, two that differ) curl sends as given, in place of its own
  // (`-H 'Content-Length: 46' -H 'Content-Length: 47'`): the curl line keeps them (curl.ts).
  if (wire.framing === 'none' && !hasOwnLength(wire)) return 'curl always frames a body (Content-Length or chunked)';
  if (wire.framing === 'chunked' && ((wire.chunks?.length ?? 0) > 0 || wire.chunkExtension || wire.chunkSizeUpperCase))
    return 'curl chooses its own chunk sizes and sends no chunk extension';
  if (wire.framing === 'chunked' && wire.trailer) return 'curl sends no trailer field after the last chunk';
  if (wire.framing === 'chunked' && hasOwnLength(wire)) return 'curl sends no Content-Length beside a chunked body';
  if (wire.afterBody !== undefined) return 'curl sends nothing after the body it frames';
  return undefined;
}

/** Whether a raw message without framing of the suite's own carries Content-Length lines of its own. */
export function hasOwnLength(wire: SentWire | Framing): boolean {
  return 'headers' in wire && wire.headers.some(([n]) => n.toLowerCase() === 'content-length');
}

/** Quotes one shell word for POSIX sh. */
function shq(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * A `node -e` line that opens a connection to the target (TLS for https, verified as Node verifies; set
 * `NODE_EXTRA_CA_CERTS` for a private CA), writes the message's exact bytes with the token from `CONNECT_TOKEN` where
 * the report shows it redacted, and prints the answer (as the suite, it never half-closes: the server closes; after
 * 10 s of silence it gives up, as the suite's default timeout does; a close without an answer is said).
 */
export function toScript(req: { readonly method: string; readonly url: string; readonly wire: SentWire }): string {
  const w = req.wire;
  const body = w.bodyBase64 === undefined ? undefined : Buffer.from(w.bodyBase64, 'base64');
  const bytes = requestBytes(req.method, new URL(req.url), w.headers, framedBody(w, body), w).toString('base64');
  // The message sent next (`next`, the token where it carries the case's) goes on the connection once the first answer's
  // bytes come.
  const next = w.next === undefined ? '' : ` ${nextBytes(new URL(req.url), w.next).toString('base64')}`;
  const js =
    `const[u,b,x]=process.argv.slice(1),{hostname:h,port:p,protocol:s}=new URL(u),` +
    `t=process.env.CONNECT_TOKEN??"",` +
    `f=y=>Buffer.from(Buffer.from(y,"base64").toString("latin1")${TOKEN_SPELLINGS.map((x) => `.replaceAll(${JSON.stringify(x.shown)},${x.js})`).join('')},"latin1"),m=f(b),` +
    `c=require(s=="https:"?"tls":"net").connect({host:h.replace(/^\\[|\\]$/g,""),port:p||(s=="https:"?443:80)},()=>c.write(m));` +
    // A server that waits for bytes the message never sends (a length it believes) would keep the line open for ever.
    // After an answer (a next message's, `next`), what did not come is said as such.
    `c.setTimeout(1e4,()=>{console.error(a?"nothing more within 10 s":"no answer within 10 s");c.destroy()});` +
    // A close without a byte printed nothing, as if all were well (Tornado probe: a chunk extension).
    `let a=0,n=x;c.on("data",d=>{a=1;process.stdout.write(d);n&&c.writable&&(c.write(f(n)),n="")});c.on("end",()=>{a||console.error("closed without an answer")})`;
  return `node -e ${shq(js)} ${shq(req.url)} ${bytes}${next}`;
}

/** The sentence that introduces a script line: what curl's line gets wrong, and that the script sends the exact bytes. */
export function scriptNote(gap: string): string {
  return `curl cannot send this request exactly (${gap}); this line sends its exact bytes:`;
}

/** The sentence that introduces the curl line after a script: another request, which may be answered otherwise. */
export const NEAREST_CURL = 'the nearest curl line (another framing: its answer may differ):';

/**
 * How to reproduce a case record, as lines: its curl line, or where curl falls short, the note and the script first
 * (the curl line of a body without framing sends a framed one, and got 201 where the request had 400: ts-rest probe),
 * then the nearest curl line.
 */
export function reproduceLines(r: {
  readonly curl: string;
  readonly curlGap?: string;
  readonly script?: string;
}): string[] {
  return r.curlGap !== undefined && r.script !== undefined
    ? [`# ${scriptNote(r.curlGap)}`, r.script, `# ${NEAREST_CURL}`, r.curl]
    : [r.curl];
}
