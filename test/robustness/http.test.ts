// The HTTP client against hostile servers: every outcome is an Exchange (an answer or a typed transport error),
// nothing throws, nothing hangs past the timeout, and a huge answer is cut without being buffered.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../src/runner/http.ts';
import * as servers from './servers.ts';
import type { TestServer } from './servers.ts';

const PATH = '/v1/onboarding/entities';
let server: TestServer | undefined;
let other: TestServer | undefined;
let client: HttpClient | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  await other?.close();
  server = other = client = undefined;
});

function newClient(overrides: { timeoutMs?: number; maxBodyBytes?: number } = {}): HttpClient {
  client = createHttpClient({
    timeoutMs: overrides.timeoutMs ?? 2_000,
    maxBodyBytes: overrides.maxBodyBytes ?? 1 << 20,
    insecure: false,
    maxSockets: 2,
  });
  return client;
}

const post = (c: HttpClient, base: string, headers: Record<string, string> = {}) =>
  c.send(
    {
      method: 'POST',
      url: base + PATH,
      headers: { 'content-type': 'application/json', ...headers },
      body: '{"brand":"b","type":"EV"}',
    },
    {},
  );

describe('createHttpClient against hostile servers', () => {
  it('a field no sender may repeat, on two lines: joined, and named in repeated; a list field is not', async () => {
    server = await servers.startServer((_req, res) => {
      res.setHeader('content-type', ['application/json; charset=utf-8', 'application/json']);
      res.setHeader('vary', ['a', 'b']);
      res.writeHead(201).end('{}');
    });
    const ex = await post(newClient(), server.url);
    expect(ex.response?.headers['content-type']).toBe('application/json; charset=utf-8, application/json');
    expect(ex.response?.repeated).toEqual(['content-type']);
  });

  it('a server that never answers: a timeout, on time', async () => {
    // Arrange
    server = await servers.silent();
    const c = newClient({ timeoutMs: 300 });
    // Act
    const started = Date.now();
    const ex = await post(c, server.url);
    // Assert
    expect(ex.error?.kind).toBe('timeout');
    expect(ex.response).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a kept-alive connection reset when reused, before any answer: retried once on a fresh one', async () => {
    // Arrange: every connection answers its first request and resets on the second, unanswered.
    server = await servers.resetReusedConnections();
    const c = newClient();
    // Act: one connection at a time, three requests in a row.
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(await c.send({ method: 'POST', url: server.url + PATH, headers: {}, body: '{}' }, {}));
    // Assert: each is answered; the two resets were retried (RFC 9112 §9.3.1), so the server saw five requests.
    expect(answers.map((a) => a.response?.status)).toEqual([400, 400, 400]);
    expect(server.requests()).toBe(5);
  });

  it('a kept-alive connection closed by a server going down: the close is the answer, not the refused retry', async () => {
    // Arrange: the second request on a connection takes the server down (an Express handler's stack overflow).
    server = await servers.downOnReusedConnection();
    const c = newClient();
    // Act: one answered, then the one that brings it down on the same connection.
    const first = await c.send({ method: 'POST', url: server.url + PATH, headers: {}, body: '{}' }, {});
    const attempts: (string | undefined)[] = [];
    const fatal = await c.send(
      { method: 'POST', url: server.url + PATH, headers: {}, body: '{}' },
      {},
      undefined,
      (a) => attempts.push(a.error?.kind),
    );
    // Assert: it reached the server, so it is the close it got, which names it a suspect of the outage; the refused
    // retry is the other attempt (`--har-all`).
    expect(first.response?.status).toBe(400);
    expect(fatal.error?.kind).toBe('connection-reset');
    expect(attempts).toEqual(['connection-refused']);
  });

  it('a connection reset mid-answer: connection-reset', async () => {
    server = await servers.resetMidAnswer();
    const ex = await post(newClient(), server.url);
    expect(ex.error?.kind).toBe('connection-reset');
    expect(ex.response).toBeUndefined();
  });

  it('an answer of hundreds of megabytes: read up to the cap, marked truncated, not buffered', async () => {
    // Arrange: 512 MiB declared and streamed; the client reads 256 KiB.
    server = await servers.hugeBody(512 * 1024 * 1024);
    const c = newClient({ maxBodyBytes: 256 * 1024, timeoutMs: 10_000 });
    const before = process.memoryUsage().rss;
    // Act
    const ex = await post(c, server.url);
    // Assert
    expect(ex.error).toBeUndefined();
    expect(ex.response?.status).toBe(201);
    expect(ex.response?.truncated).toBe(true);
    expect(ex.response?.body.length).toBe(256 * 1024);
    await new Promise((r) => setTimeout(r, 100));
    // The client stopped reading: the server could not write more than socket buffers hold.
    expect(server.bytesWritten()).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('a gzip body that decodes past the cap: truncated, never inflated in full', async () => {
    server = await servers.gzipBomb(64 * 1024 * 1024);
    const ex = await post(newClient({ maxBodyBytes: 256 * 1024 }), server.url);
    expect(ex.response).toMatchObject({ status: 201, truncated: true, body: '' });
  });

  it('a body that is not JSON, or JSON cut short, is an answer (the checks judge it)', async () => {
    server = await servers.notJson(201, '{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","status":');
    const ex = await post(newClient(), server.url);
    expect(ex.response).toMatchObject({
      status: 201,
      truncated: false,
      body: '{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","status":',
    });
  });

  it('a Content-Length too short: the answer ends where it says, each time, never a hang', async () => {
    server = await servers.wrongContentLength('short');
    const c = newClient();
    // RFC 9112 §6.3: Content-Length delimits the message; the bytes after it are no answer to anything, and the
    // connection carrying them is dropped. The checks then judge the body as declared (here: JSON cut short).
    const first = await post(c, server.url);
    expect(first.response).toMatchObject({
      status: 400,
      truncated: false,
      body: '{"errors":[{"code":"BadRequest","messa',
    });
    const second = await post(c, server.url);
    expect(second.response?.body).toBe(first.response?.body);
    expect(second.durationMs).toBeLessThan(1_000);
  });

  it('a Content-Length too long, then the connection closes: connection-reset', async () => {
    server = await servers.wrongContentLength('long');
    const ex = await post(newClient(), server.url);
    expect(ex.error?.kind).toBe('connection-reset');
  });

  it('an answer without Content-Length or chunked framing on a connection kept open: a timeout that says so', async () => {
    // Arrange: the status line, the fields and the body, and then nothing (no length, no close).
    const open = new Set<Socket>();
    const raw = createServer((socket) => {
      open.add(socket);
      socket.on('error', () => undefined);
      socket.once('data', () =>
        socket.write('HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n\r\n{"id":"x"}'),
      );
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = raw.address() as AddressInfo;
      // Act
      const ex = await post(newClient({ timeoutMs: 300 }), `http://127.0.0.1:${port}`);
      // Assert
      expect(ex.error).toEqual({
        kind: 'timeout',
        message:
          'the answer (status 201) began but did not end within 300 ms: it has neither Content-Length nor chunked framing, and the server kept the connection open, so nothing could end it (RFC 9112 §6.3)',
      });
    } finally {
      for (const s of open) s.destroy();
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it('a Content-Length too long on a connection kept open: a timeout', async () => {
    server = await servers.wrongContentLength('long-hold');
    const ex = await post(newClient({ timeoutMs: 300 }), server.url);
    expect(ex.error?.kind).toBe('timeout');
  });

  it('a redirect to another host is never followed, so the token never leaves for it', async () => {
    other = await servers.echoAuthorization(201);
    server = await servers.redirect(307, other.url + PATH);
    const ex = await post(newClient(), server.url, { authorization: 'Bearer s3cr3t' });
    expect(ex.response?.status).toBe(307);
    expect(other.requests()).toBe(0);
  });

  it('a refused connection and a name that does not resolve are told apart', async () => {
    // Arrange: a port that was just free.
    const s = await servers.silent();
    const closed = s.url;
    await s.close();
    const c = newClient();
    // Act
    const refused = await post(c, closed);
    const dns = await post(c, `http://${servers.UNRESOLVABLE_HOST}/connect`);
    // Assert
    expect(refused.error?.kind).toBe('connection-refused');
    expect(dns.error?.kind).toBe('dns');
  });

  it('a self-signed certificate is refused by default (tls) and accepted with insecure', async ({ skip }) => {
    const tls = servers.selfSignedCertificate();
    if (!tls) return skip('openssl is not installed');
    server = await servers.startServer((_req, res) => res.writeHead(400, { 'content-length': '0' }).end(), tls);
    const strict = await post(newClient(), server.url);
    expect(strict.error?.kind).toBe('tls');
    expect(strict.error?.message).toMatch(/TLS/);
    client?.close();
    client = createHttpClient({ timeoutMs: 2_000, maxBodyBytes: 1024, insecure: true, maxSockets: 1 });
    const lax = await post(client, server.url);
    expect(lax.response?.status).toBe(400);
  });
});
