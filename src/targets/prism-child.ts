// Runs Prism's CLI in this process and exits when the parent dies, so that no Prism outlives a killed suite.
import http from 'node:http';
import { createRequire } from 'node:module';

const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(0);
  }
  if (process.ppid !== parent) process.exit(0);
}, 500).unref();
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

// Prism 5.16 copies validation messages into an `sl-violations` header; a message quoting a non-Latin-1 character
// (an unknown key "é", a Cyrillic near-miss of an enum) makes setHeader throw and the whole mock crash.
// Escaping them keeps Prism answering its 400 (listed in the report as a Prism workaround).
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with .call(this, …) below
const setHeader = http.ServerResponse.prototype.setHeader;
http.ServerResponse.prototype.setHeader = function (
  this: http.ServerResponse,
  name: string,
  value: number | string | readonly string[],
) {
  const safe =
    name.toLowerCase() === 'sl-violations' && typeof value === 'string'
      ? value.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      : value;
  return setHeader.call(this, name, safe);
} as typeof setHeader;

// Prism 5.16 never answers a body that does not parse when the Content-Type says JSON: its body parser rejects and
// the request hangs. The body is held back from Prism until it is complete; one that does not parse is answered here
// with the spec's documented 400 (ConnectApiErrorResult; RFC 8259 §2 is the grammar) and never reaches Prism. The
// media types are the ones Prism parses as JSON (`application/json`, `application/*+json`); an empty body is Prism's.
const PRISM_JSON = /^application\/(?:[^\s;/]+\+)?json\s*(?:;|$)/i;
const MALFORMED_ANSWER = JSON.stringify({
  errors: [{ code: 'malformed-json', message: 'The request body is not valid JSON (RFC 8259).' }],
});
const OTHER_CHARSET = /;\s*charset\s*=\s*(?!"?utf-8"?\s*(?:;|$))/i;
const UNSUPPORTED_ANSWER = JSON.stringify({
  errors: [{ code: 'unsupported-encoding', message: 'The mock reads UTF-8 JSON without a content coding.' }],
});
/**
 * A body's text as most stacks read it: bytes that are not UTF-8 become U+FFFD (valid UTF-8 reads as a strict decoder
 * reads it), and a BOM is kept (Prism hangs on one too).
 */
const LENIENT_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
// Prism 5.16 answers 500 to a body nested some thousands of levels deep (a recursive walk runs out of stack). A body
// nested deeper than MAX_DEPTH is answered here with the documented 400, the limit RFC 8259 §9 lets a parser set
// (the request space accepts 400 there; src/generators/space/depth.ts).
const MAX_DEPTH = 1000;
const DEPTH_ANSWER = JSON.stringify({
  errors: [{ code: 'too-deep', message: `The request body is nested deeper than ${MAX_DEPTH} levels (RFC 8259 §9).` }],
});
/** How deep a JSON text nests (strings skipped), counted without recursion. */
function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with .call(this, …) below
const emit = http.Server.prototype.emit as Emit; // the common shape of its per-event overloads
http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
  if (event !== 'request') return emit.call(this, event, ...args);
  const [req, res] = args as [http.IncomingMessage, http.ServerResponse]; // the 'request' event's two arguments
  const type = req.headers['content-type'] ?? '';
  const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
  if (!hasBody || !PRISM_JSON.test(type)) return emit.call(this, event, ...args);
  // Prism decodes no content coding and no charset but UTF-8, and hangs or fails on them: the mock refuses them with
  // 415, the answer RFC 9110 §15.5.16 gives a server that does not support them.
  const coding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (coding !== 'identity' || OTHER_CHARSET.test(type)) {
    req.resume();
    res.writeHead(415, { 'content-type': 'application/json' }).end(UNSUPPORTED_ANSWER);
    return true;
  }
  // Node's HTTP parser hands each body chunk to req.push and ends with push(null): collect them instead, then
  // either answer, or give Prism the request with its body waiting in the stream as if it had just arrived.
  const chunks: Buffer[] = [];
  const push = req.push.bind(req);
  req.push = (chunk: Buffer | null) => {
    if (chunk !== null) {
      chunks.push(chunk);
      return true;
    }
    req.push = push;
    const body = Buffer.concat(chunks);
    // Read leniently, so that Prism still judges a stray byte inside a string; what does not parse even so (UTF-16
    // after its byte-order mark, which Prism never answers) is malformed here.
    const text = LENIENT_UTF8.decode(body);
    if (!parses(text)) {
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json' }).end(MALFORMED_ANSWER);
    } else if (depthOf(text) > MAX_DEPTH) {
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json' }).end(DEPTH_ANSWER);
    } else {
      emit.call(this, event, ...args);
      if (body.length) push(body);
      push(null);
    }
    return false;
  };
  return true;
} as Emit as typeof http.Server.prototype.emit; // the same function, typed back to its overloads

// One failing request must not take the mock down for the rest of the run.
process.on('uncaughtException', (e) => console.error(`prism-child: ${e.message}`));
process.on('unhandledRejection', (e) => console.error(`prism-child: ${String(e)}`));

const require = createRequire(import.meta.url);
process.argv = [process.argv[0], 'prism', ...process.argv.slice(2)];
require('@stoplight/prism-cli/dist/index.js');
