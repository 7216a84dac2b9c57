import { afterEach, describe, expect, it } from 'vitest';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { gzipSync } from 'node:zlib';
import { sendRaw, surplusBytes, type RawMessage } from '../../../src/runner/raw.ts';
import type { SentRequest } from '../../../src/types.ts';
import { selfSignedCertificate } from '../../robustness/servers.ts';

const OPTS = { timeoutMs: 2_000, maxBodyBytes: 1024, insecure: false };
const SHOWN: SentRequest = { method: 'POST', url: '', headers: {}, body: undefined };
const open: { close(): void }[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** A TCP server on 127.0.0.1 that records every byte it reads and answers with `answer(bytes so far)` once it is non-empty. */
async function tcp(
  answer: (got: Buffer, ended: boolean) => string | undefined,
): Promise<{ port: number; got(): Buffer }> {
  const sockets = new Set<Socket>();
  let all = Buffer.alloc(0);
  const server: Server = createNetServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    let mine = Buffer.alloc(0);
    let answered = false;
    const maybe = (ended: boolean) => {
      const a = answered ? undefined : answer(mine, ended);
      if (a !== undefined) {
        answered = true;
        s.end(Buffer.from(a, 'latin1'));
      }
    };
    s.on('data', (b: Buffer) => {
      mine = Buffer.concat([mine, b]);
      all = Buffer.concat([all, b]);
      maybe(false);
    });
    s.on('end', () => maybe(true));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({ close: () => (server.close(), sockets.forEach((s) => s.destroy())) });
  return { port: (server.address() as AddressInfo).port, got: () => all };
}

const message = (m: Partial<RawMessage>): RawMessage => ({ framing: 'length', headers: [], body: undefined, ...m });
const ANSWER = 'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}';

describe('sendRaw', () => {
  it('writes no framing field when framing is none, never half-closes, and reads the answer', async () => {
    // Arrange: a server that answers a whole head, and records whether the client half-closed before it did
    let endedFirst = false;
    const server = await tcp((got, ended) => {
      endedFirst ||= ended;
      return got.includes('\r\n\r\n') ? ANSWER : undefined;
    });
    const url = `http://127.0.0.1:${server.port}/v1/x?y=1`;
    // Act
    const unframed = message({ framing: 'none', headers: [['X-A', '1']], body: Buffer.from('{}') });
    const ex = await sendRaw({ method: 'POST', url, message: unframed }, SHOWN, OPTS);
    // Assert: a request without framing has no body (RFC 9112 §6.3); Go's net/http cancels a half-closed one.
    const text = server.got().toString('latin1');
    expect(text).toBe(
      `POST /v1/x?y=1 HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-A: 1\r\nConnection: close\r\n\r\n{}`,
    );
    expect(endedFirst).toBe(false);
    expect(ex.response).toEqual({
      status: 400,
      headers: { 'content-type': 'application/json', 'content-length': '2' },
      body: '{}',
      truncated: false,
    });
  });

  it('writes repeated fields and bytes that are not UTF-8 exactly as given', async () => {
    const server = await tcp((got) => (got.includes('\r\n\r\n') ? ANSWER : undefined));
    const ex = await sendRaw(
      {
        method: 'POST',
        url: `http://127.0.0.1:${server.port}/p`,
        message: message({
          headers: [
            ['Authorization', 'Bearer a'],
            ['Authorization', 'Bearer b'],
            ['X-Bytes', '\u00ff\u00fe'],
          ],
          body: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]),
        }),
      },
      SHOWN,
      OPTS,
    );
    const got = server.got();
    expect(got.toString('latin1')).toContain(
      'Authorization: Bearer a\r\nAuthorization: Bearer b\r\nX-Bytes: \u00ff\u00fe\r\n',
    );
    expect(got.toString('latin1')).toContain('Content-Length: 4\r\n');
    expect(got.subarray(got.length - 4)).toEqual(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]));
    expect(ex.response?.status).toBe(400);
  });

  it('a chunked body reaches a Node server whole', async () => {
    let received = '';
    const server = createHttpServer((req, res) => {
      let b = '';
      req.on('data', (c: Buffer) => (b += c.toString()));
      req.on('end', () => {
        received = `${req.headers['transfer-encoding']} ${b}`;
        res.writeHead(201, { 'content-type': 'application/json' }).end(gzipSync('{"ok":true}'));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    open.push(server);
    const port = (server.address() as AddressInfo).port;
    const ex = await sendRaw(
      {
        method: 'POST',
        url: `http://127.0.0.1:${port}/`,
        message: message({ framing: 'chunked', chunks: [1, 1, 3], body: Buffer.from('{"a":1}') }),
      },
      SHOWN,
      OPTS,
    );
    expect(received).toBe('chunked {"a":1}');
    expect(ex.response?.status).toBe(201);
    // Not gzip-labelled, so kept as the bytes came: the coding is undone only when the answer says so.
    expect(ex.response?.body).not.toBe('{"ok":true}');
  });

  it('undoes the content coding the answer names, caps the body, and reads no body after HEAD', async () => {
    const zipped = gzipSync('{"ok":true}');
    const server = await tcp((got) =>
      got.includes('\r\n\r\n')
        ? got.toString('latin1').startsWith('HEAD')
          ? 'HTTP/1.1 405 Method Not Allowed\r\nAllow: POST\r\nContent-Length: 50\r\n\r\n'
          : `HTTP/1.1 201 Created\r\nContent-Encoding: gzip\r\nContent-Length: ${zipped.length}\r\n\r\n${zipped.toString('latin1')}`
        : undefined,
    );
    const url = `http://127.0.0.1:${server.port}/`;
    const post = await sendRaw({ method: 'POST', url, message: message({}) }, SHOWN, OPTS);
    const head = await sendRaw({ method: 'HEAD', url, message: message({}) }, SHOWN, OPTS);
    const capped = await sendRaw({ method: 'POST', url, message: message({}) }, SHOWN, { ...OPTS, maxBodyBytes: 4 });
    expect(post.response?.body).toBe('{"ok":true}');
    expect(head.response).toEqual({
      status: 405,
      headers: { allow: 'POST', 'content-length': '50' },
      body: '',
      truncated: false,
    });
    expect(capped.response?.truncated).toBe(true);
  });

  it('says when a body does not decode in the coding it is labelled with, and keeps its bytes', async () => {
    const server = await tcp((got) =>
      got.includes('\r\n\r\n')
        ? 'HTTP/1.1 201 Created\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}'
        : undefined,
    );
    const ex = await sendRaw(
      { method: 'POST', url: `http://127.0.0.1:${server.port}/`, message: message({}) },
      SHOWN,
      OPTS,
    );
    expect(ex.response).toMatchObject({ body: '{}', undecodable: true });
  });

  it('names a field no sender may repeat that came on two lines, in any case; not a list field', async () => {
    const server = await tcp((got) =>
      got.includes('\r\n\r\n')
        ? 'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\ncontent-type: text/html\r\nVary: a\r\nVary: b\r\nContent-Length: 2\r\n\r\n{}'
        : undefined,
    );
    const ex = await sendRaw(
      { method: 'POST', url: `http://127.0.0.1:${server.port}/`, message: message({}) },
      SHOWN,
      OPTS,
    );
    expect(ex.response?.repeated).toEqual(['content-type']);
  });

  it('writes an HTTP/1.0 request without Host where asked, and keeps the answer’s version when it is 1.0', async () => {
    const server = await tcp((got) =>
      got.includes('\r\n\r\n') ? 'HTTP/1.0 201 Created\r\nContent-Type: application/json\r\n\r\n{}' : undefined,
    );
    const ex = await sendRaw(
      {
        method: 'POST',
        url: `http://127.0.0.1:${server.port}/x`,
        message: message({ version: '1.0', noHost: true, headers: [['Accept', '*/*']] }),
      },
      SHOWN,
      OPTS,
    );
    expect(server.got().toString('latin1')).toBe('POST /x HTTP/1.0\r\nAccept: */*\r\nConnection: close\r\n\r\n');
    expect([ex.response?.status, ex.response?.version, ex.response?.body]).toEqual([201, '1.0', '{}']);
  });

  it("says when an answer's bytes are not UTF-8, except in a body cut at the cap", async () => {
    const server = await tcp((got) =>
      got.includes('\r\n\r\n')
        ? 'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"a":"b\xffc"}'
        : undefined,
    );
    const url = `http://127.0.0.1:${server.port}/`;
    const whole = await sendRaw({ method: 'POST', url, message: message({}) }, SHOWN, OPTS);
    const cut = await sendRaw({ method: 'POST', url, message: message({}) }, SHOWN, { ...OPTS, maxBodyBytes: 8 });
    expect(whole.response).toMatchObject({ body: '{"a":"b\ufffdc"}', notUtf8: true });
    expect(whole.response).not.toHaveProperty('endsInCharacter');
    expect(cut.response?.truncated).toBe(true);
    expect(cut.response).not.toHaveProperty('notUtf8');
  });

  it('says when an answer ends inside a character: a Content-Length counted in characters cuts it there', async () => {
    // `{"a":"é"}` is 9 characters and 10 bytes: a length of 9 leaves é's second byte and the rest out.
    const server = await tcp((got) =>
      got.includes('\r\n\r\n')
        ? 'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a":"\xc3\xa9"}'
        : undefined,
    );
    const ex = await sendRaw(
      { method: 'POST', url: `http://127.0.0.1:${server.port}/`, message: message({}) },
      SHOWN,
      OPTS,
    );
    expect(ex.response).toMatchObject({ notUtf8: true, endsInCharacter: true });
  });

  it('a server that never answers is a timeout; one that closes without answering is a reset; none is refused', async () => {
    const silent = await tcp(() => undefined);
    const closing = await tcp((got) => (got.length > 0 ? '' : undefined));
    const url = (p: number) => `http://127.0.0.1:${p}/`;
    const t = await sendRaw({ method: 'POST', url: url(silent.port), message: message({}) }, SHOWN, {
      ...OPTS,
      timeoutMs: 200,
    });
    const r = await sendRaw({ method: 'POST', url: url(closing.port), message: message({}) }, SHOWN, OPTS);
    const gone = createNetServer();
    await new Promise<void>((res) => gone.listen(0, '127.0.0.1', res));
    const port = (gone.address() as AddressInfo).port;
    gone.close();
    const refused = await sendRaw({ method: 'POST', url: url(port), message: message({}) }, SHOWN, OPTS);
    expect(t.error?.kind).toBe('timeout');
    expect(r.error?.kind).toBe('connection-reset');
    expect(refused.error?.kind).toBe('connection-refused');
  });

  it('says an interim answer came when no final one followed it, timed out or closed', async () => {
    // Arrange: one server writes 100 Continue and then nothing, with the connection open; one writes it and closes
    const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';
    const sockets: Socket[] = [];
    const hanging = createNetServer((s) => {
      sockets.push(s);
      s.on('error', () => undefined);
      s.once('data', () => s.write(CONTINUE));
    });
    await new Promise<void>((res) => hanging.listen(0, '127.0.0.1', res));
    open.push({ close: () => (hanging.close(), sockets.forEach((s) => s.destroy())) });
    const closing = await tcp((got) => (got.length > 0 ? CONTINUE : undefined));
    const url = (p: number) => `http://127.0.0.1:${p}/`;
    const expect100 = message({ headers: [['Expect', '100-continue']], body: Buffer.from('{}') });
    // Act
    const t = await sendRaw(
      { method: 'POST', url: url((hanging.address() as AddressInfo).port), message: expect100 },
      SHOWN,
      { ...OPTS, timeoutMs: 300 },
    );
    const r = await sendRaw({ method: 'POST', url: url(closing.port), message: expect100 }, SHOWN, OPTS);
    // Assert
    expect(t.error).toEqual({ kind: 'timeout', message: 'no complete answer within 300 ms (after an interim 100)' });
    expect(r.error?.kind).toBe('connection-reset');
    expect(r.error?.message).toMatch(/ \(after an interim 100\)$/);
  });

  it('reads the final answer after an interim one that says Connection: close (inets answers 100 so)', async () => {
    // Arrange: a 100 Continue carrying the request's close option, in one write with the 201 that follows it
    const server = await tcp((got) =>
      got.includes('\r\n\r\n{}')
        ? 'HTTP/1.1 100 Continue\r\nContent-Length: 0\r\nConnection:close\r\n\r\n' +
          'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}'
        : undefined,
    );
    const expect100 = message({ headers: [['Expect', '100-continue']], body: Buffer.from('{}') });
    // Act
    const ex = await sendRaw(
      { method: 'POST', url: `http://127.0.0.1:${server.port}/`, message: expect100 },
      SHOWN,
      OPTS,
    );
    // Assert
    expect(ex.error).toBeUndefined();
    expect(ex.response?.status).toBe(201);
    expect(ex.response?.body).toBe('{}');
  });

  it('with awaitContinue writes the body after a 100, not after a final answer, and after 1 s when neither came', async () => {
    // Arrange: one server sends 100 to the header section, one refuses it at once, one waits for the body
    const CREATED = 'HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}';
    const headOnly = (got: Buffer) => got.indexOf('\r\n\r\n') === got.length - 4;
    const sockets: Socket[] = [];
    const continuing = createNetServer((s) => {
      sockets.push(s);
      s.on('error', () => undefined);
      let got = Buffer.alloc(0);
      s.on('data', (b: Buffer) => {
        got = Buffer.concat([got, b]);
        if (headOnly(got)) s.write('HTTP/1.1 100 Continue\r\n\r\n');
        else if (got.toString('latin1').endsWith('{}')) s.end(CREATED);
      });
    });
    await new Promise<void>((res) => continuing.listen(0, '127.0.0.1', res));
    open.push({ close: () => (continuing.close(), sockets.forEach((s) => s.destroy())) });
    const refusing = await tcp((got) => (headOnly(got) ? ANSWER : undefined));
    const waiting = await tcp((got) => (got.toString('latin1').endsWith('{}') ? CREATED : undefined));
    const m = message({ headers: [['Expect', '100-continue']], body: Buffer.from('{}'), awaitContinue: true });
    const send = (port: number) =>
      sendRaw({ method: 'POST', url: `http://127.0.0.1:${port}/`, message: m }, SHOWN, OPTS);
    // Act
    const [c, r, w] = await Promise.all([
      send((continuing.address() as AddressInfo).port),
      send(refusing.port),
      send(waiting.port),
    ]);
    // Assert: the body follows the 100; none follows a final answer; after the wait, the body goes anyway
    expect(c.response?.status).toBe(201);
    expect(c.response?.continueWait?.answered).toBe(true);
    expect(c.response?.continueWait?.ms).toBeLessThan(900);
    expect(r.response?.status).toBe(400);
    expect(r.response?.continueWait?.answered).toBe(true);
    expect(refusing.got().toString('latin1')).not.toContain('{}');
    expect(w.response?.status).toBe(201);
    expect(w.response?.continueWait?.answered).toBe(false);
    expect(w.response?.continueWait?.ms).toBeGreaterThanOrEqual(990);
    // A short timeout halves the wait, so that the answer still has time to come
    const short = await sendRaw({ method: 'POST', url: `http://127.0.0.1:${waiting.port}/`, message: m }, SHOWN, {
      ...OPTS,
      timeoutMs: 600,
    });
    expect(short.response?.status).toBe(201);
    expect(short.response?.continueWait).toMatchObject({ answered: false });
    expect(short.response?.continueWait?.ms).toBeLessThan(500);
  });

  it('uses the TLS options of the client: a self-signed certificate is refused, and accepted with insecure', async ({
    skip,
  }) => {
    const tls = selfSignedCertificate();
    if (!tls) return skip('openssl is not installed');
    const server = createHttpsServer(tls, (_req, res) => res.writeHead(400, { 'content-length': '0' }).end());
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    open.push(server);
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const strict = await sendRaw({ method: 'POST', url, message: message({}) }, SHOWN, OPTS);
    const lax = await sendRaw({ method: 'POST', url, message: message({}) }, SHOWN, { ...OPTS, insecure: true });
    const trusted = await sendRaw({ method: 'POST', url, message: message({}) }, SHOWN, { ...OPTS, ca: tls.cert });
    expect(strict.error?.kind).toBe('tls');
    expect(lax.response?.status).toBe(400);
    expect(trusted.response?.status).toBe(400);
  });

  it('reads on to the close where asked: a connection kept open, one closed, and bytes past the answer', async () => {
    // Arrange: a server that writes its answer (and what it adds) without closing, and closes only when told to
    const servers: { port: number }[] = [];
    for (const close of [false, true]) {
      const server = createNetServer((s) => {
        s.on('error', () => undefined);
        s.once('data', (b: Buffer) => {
          const head = b.toString('latin1').startsWith('HEAD');
          s.write(`HTTP/1.1 405 Method Not Allowed\r\nAllow: POST\r\nContent-Length: 2\r\n\r\n{}${head ? '' : 'xyz'}`);
          if (close) s.end();
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      open.push({ close: () => server.close() });
      servers.push({ port: (server.address() as AddressInfo).port });
    }
    const [keeps, closes] = servers.map((s) => `http://127.0.0.1:${s.port}/`);
    const awaiting = message({ awaitClose: true });
    // Act
    const kept = await sendRaw({ method: 'POST', url: keeps, message: awaiting }, SHOWN, { ...OPTS, timeoutMs: 300 });
    const head = await sendRaw({ method: 'HEAD', url: closes, message: awaiting }, SHOWN, OPTS);
    const post = await sendRaw({ method: 'POST', url: closes, message: awaiting }, SHOWN, OPTS);
    const notAsked = await sendRaw({ method: 'POST', url: keeps, message: message({}) }, SHOWN, OPTS);
    // Assert: the wait is the timeout at most; HEAD's two bytes are content; POST's three are past its length
    expect(kept.response?.afterAnswer).toMatchObject({ closed: false, surplusBytes: 3 });
    expect(kept.response?.afterAnswer?.waitedMs).toBeGreaterThanOrEqual(290);
    expect(head.response).toMatchObject({ status: 405, body: '', afterAnswer: { closed: true, surplusBytes: 2 } });
    expect(post.response).toMatchObject({ body: '{}', afterAnswer: { closed: true, surplusBytes: 3 } });
    expect(notAsked.response?.afterAnswer).toBeUndefined();
  });

  it('tells where an answer ends: interim answers skipped, HEAD and 204 without content, chunked unknown', () => {
    const b = (s: string) => Buffer.from(s, 'latin1');
    expect(
      surplusBytes(b('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}'), false),
    ).toBe(0);
    expect(surplusBytes(b('HTTP/1.1 200 OK\r\ncontent-length:  2 \r\n\r\n{}ab'), false)).toBe(2);
    expect(surplusBytes(b('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc'), true)).toBe(3);
    expect(surplusBytes(b('HTTP/1.1 204 No Content\r\n\r\nx'), false)).toBe(1);
    expect(surplusBytes(b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'), false)).toBeUndefined();
    expect(surplusBytes(b('HTTP/1.0 200 OK\r\n\r\n{}'), false)).toBeUndefined();
    expect(surplusBytes(b('HTTP/1.1 200 OK\r\nContent-'), false)).toBeUndefined();
  });
});
