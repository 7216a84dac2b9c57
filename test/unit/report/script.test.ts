import { afterEach, describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import {
  WIRE_TOKEN,
  WIRE_TOKEN_BASIC_PASSWORD,
  WIRE_TOKEN_BASIC_USERNAME,
  WIRE_TOKEN_SWAPPED,
  type TestCase,
  type Wire,
} from '../../../src/generators/case.ts';
import { caseFromRecord, toCaseRecord } from '../../../src/report/case-record.ts';
import { curlGap, toScript } from '../../../src/report/script.ts';
import { createHttpClient } from '../../../src/runner/http.ts';
import { wireRequest } from '../../../src/runner/send.ts';
import { authorizationFor, createSecrets } from '../../../src/secrets.ts';

const TOKEN = 'tok-3f9a1c';
const ANSWER = 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n';
const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** Whole when the head has ended and its Content-Length worth of body has come (a message without one ends with the connection). */
function whole(b: Buffer): boolean {
  const end = b.indexOf('\r\n\r\n');
  const head = b.subarray(0, Math.max(0, end)).toString('latin1');
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
  // No Content-Length (none at all, or a Transfer-Encoding no reader knows): the bytes come in one write.
  if (length === undefined) return end >= 0 && b.length > end + 4;
  return end >= 0 && b.length - end - 4 >= Number(length);
}

/** A server on 127.0.0.1 that keeps the bytes of each connection and answers once the message is whole (or its sender closed). */
async function capture(): Promise<{ url: string; connections: Buffer[] }> {
  const connections: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    const i = connections.push(Buffer.alloc(0)) - 1;
    let done = false;
    const answer = () => {
      if (!done) s.end(ANSWER);
      done = true;
    };
    s.on('data', (b: Buffer) => {
      connections[i] = Buffer.concat([connections[i], b]);
      if (whole(connections[i])) answer();
    });
    s.on('end', answer);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ close: () => (server.close(), sockets.forEach((s) => s.destroy())) });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/onboarding/entities`,
    connections,
  };
}

/**
 * A server on 127.0.0.1 that answers each message on a connection as it is whole: the first 201, the connection kept
 * open, the second 400 and the close. `got` holds every message, in the order they came.
 */
async function keptOpen(): Promise<{ url: string; got: string[] }> {
  const got: string[] = [];
  const server = createServer((s) => {
    let buf = '';
    let n = 0;
    s.on('data', (b: Buffer) => {
      buf += b.toString('latin1');
      for (
        let end = buf.indexOf('\r\n\r\n');
        end >= 0 && whole(Buffer.from(buf, 'latin1'));
        end = buf.indexOf('\r\n\r\n')
      ) {
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
        got.push(buf.slice(0, end + 4 + length));
        buf = buf.slice(end + 4 + length);
        n++;
        s.write(
          n === 1
            ? 'HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n'
            : ANSWER.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'),
        );
        if (n === 2) s.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ close: () => server.close() });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/onboarding/entities`, got };
}

const run = (line: string) =>
  promisify(execFile)('sh', ['-c', line], { env: { ...process.env, CONNECT_TOKEN: TOKEN } });

function wireCase(wire: Wire): TestCase {
  return {
    id: 'b0100',
    phase: 'boundary',
    kind: 'auth',
    label: 'auth/two-authorization',
    method: 'POST',
    contentType: 'application/json',
    body: '{"a":"\ufffd("}',
    auth: 'valid',
    wire,
  };
}

const FIELDS: Wire['headers'] = [
  ['Content-Type', 'application/json ; charset=utf-8'],
  ['Authorization', `Bearer  ${WIRE_TOKEN}`],
  ['Authorization', `Bearer ${WIRE_TOKEN} `],
  ['X-Conformance', 'caf\u00e9'],
  ['X-Swapped', `Bearer ${WIRE_TOKEN_SWAPPED}`],
  // Basic credentials holding the token (RFC 7617): base64 made again in the shell from CONNECT_TOKEN.
  ['X-Basic-Password', `Basic ${WIRE_TOKEN_BASIC_PASSWORD}`],
  ['X-Basic-Username', `Basic ${WIRE_TOKEN_BASIC_USERNAME}`],
  // The token then bytes that are not ASCII (é in UTF-8): curl's line writes them through printf.
  ['X-Token-Bytes', `Bearer ${WIRE_TOKEN}\u00c3\u00a9`],
  // The suite's own wrong token, public: shown and replayed as it is, not as the run's token.
  ['Authorization', authorizationFor('wrong', '')!],
];
const BODY = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]).toString('base64');

describe('reproducing a raw message', () => {
  it('curl falls short only of framing: no framing, chunk sizes', () => {
    expect(curlGap({ framing: 'length', headers: [] })).toBeUndefined();
    expect(curlGap({ framing: 'chunked', headers: [] })).toBeUndefined();
    expect(curlGap({ framing: 'chunked', chunks: [1], headers: [] })).toMatch(/chunk sizes/);
    expect(curlGap({ framing: 'chunked', trailer: 'A: 1', headers: [] })).toMatch(/trailer/);
    expect(curlGap({ framing: 'length', awaitClose: true, headers: [] }, 'HEAD')).toMatch(/HEAD/);
    expect(curlGap({ framing: 'length', awaitClose: true, headers: [] }, 'POST')).toBeUndefined();
    expect(curlGap({ framing: 'none', headers: [] })).toMatch(/frames a body/);
    // Two Content-Length lines that differ (Dancer2 and CherryPy probes read "curl always frames a body", and the line
    // sent a plain request).
    const lengths: [string, string][] = [
      ['Content-Length', '46'],
      ['Content-Length', '47'],
    ];
    // curl sends Content-Length lines given with -H as they are, in place of its own: its line reproduces the message.
    expect(curlGap({ framing: 'none', headers: lengths })).toBeUndefined();
    expect(curlGap({ framing: 'none', headers: [['content-length', 'abc']] })).toBeUndefined();
    // A request sent next on the connection (`connection-is-reusable`): curl's line sends the first alone.
    const next = { headers: [['Content-Type', 'application/json']] as const, bodyBase64: BODY };
    expect(curlGap({ framing: 'chunked', next, headers: [] })).toMatch(/second request on the connection/);
  });

  it('the script line sends the next message on the connection once the first answer comes', async () => {
    // Arrange: a server that answers each message as it is whole, keeping the connection open
    const { url, got } = await keptOpen();
    const next = { headers: [['Content-Type', 'application/json']] as const, bodyBase64: BODY };
    // Act
    const { stdout } = await run(
      toScript({
        method: 'POST',
        url,
        wire: {
          framing: 'length',
          headers: [
            ['Content-Type', 'application/json'],
            ['Content-Length', '10'],
          ],
          bodyBase64: BODY,
          next,
        },
      }),
    );
    // Assert: both messages came, on one connection, the second framed by its length and asking the close
    expect(got).toHaveLength(2);
    expect(got[1]).toMatch(/^POST \/v1\/onboarding\/entities HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+\r\n/);
    expect(got[1]).toContain('Connection: close\r\nContent-Length: 10\r\n\r\n');
    expect(stdout).toContain('HTTP/1.1 201 Created');
    expect(stdout).toContain('HTTP/1.1 400 Bad Request');
  });

  it('a message sent next with the credentials carries the token, shown redacted, filled by the script, marked on replay', async () => {
    // Arrange: the plainest message, then an empty body with the run's token, on one connection
    const { url, got } = await keptOpen();
    const c = wireCase({
      framing: 'length',
      headers: [['Content-Type', 'application/json']],
      bodyBase64: BODY,
      next: {
        headers: [
          ['Content-Type', 'application/json'],
          ['Authorization', `Bearer ${WIRE_TOKEN}`],
        ],
        bodyBase64: '',
      },
    });
    const secrets = createSecrets([TOKEN]);
    const raw = wireRequest(c, TOKEN, secrets.redact, url)!;
    const client = createHttpClient({ timeoutMs: 2_000, maxBodyBytes: 1024, insecure: false, maxSockets: 1 });
    const nexts: unknown[] = [];
    // Act: sent as a run sends it, the exchanges of the message sent next (`--har-all`) kept
    const ex = await client.send(
      { method: 'POST', url, headers: {}, body: c.body, wire: raw.wire },
      raw.shown,
      undefined,
      (n) => nexts.push(n),
    );
    client.close();
    const record = toCaseRecord(c, ex, 1, secrets.redact);
    // Assert: the token went out in the message sent next, and nowhere in what is kept
    expect(got[1]).toContain(`Authorization: Bearer ${TOKEN}\r\n`);
    expect(ex.response?.next?.status).toBe(400);
    expect(JSON.stringify([ex, nexts, record])).not.toContain(TOKEN);
    expect(record.request.wire?.next?.headers).toContainEqual(['Authorization', 'Bearer [REDACTED]']);
    // and the script line writes it with the token from CONNECT_TOKEN; replay marks it again
    got.length = 0;
    await run(record.script!);
    expect(got[1]).toContain(`Authorization: Bearer ${TOKEN}\r\n`);
    expect(caseFromRecord(record, 'F1').wire).toEqual(c.wire);
  });

  it.for<[Wire['framing'], Wire['headers'], Pick<Wire, 'version' | 'noHost' | 'absoluteTarget' | 'trailer'>?]>([
    ['length', []],
    // The target in absolute form: curl's --request-target writes the same request line.
    ['length', [], { absoluteTarget: true }],
    // A trailer field after the last chunk, which curl does not send: the script line writes it.
    ['chunked', [], { trailer: 'Conformance-Trailer: 1' }],
    // HTTP/1.0 with and without Host: curl's --http1.0 and -H 'Host:' write the same request line and fields.
    ['length', [], { version: '1.0' }],
    ['length', [], { version: '1.0', noHost: true }],
    // A field with an empty value (`auth/empty`): written `Name:`, as curl's -H 'Name;' writes it.
    ['length', [['X-Empty', '']]],
    ['none', []],
    // An unframed message with a framing field of its own (a Transfer-Encoding no sender writes): kept on replay.
    ['none', [['Transfer-Encoding', 'xchunked']]],
    // Two Content-Length lines of its own, which curl sends as given: its line reproduces the message.
    [
      'none',
      [
        ['Content-Length', '10'],
        ['Content-Length', '11'],
      ],
    ],
  ])(
    'the reproduce line sends the bytes the suite sent (%s framing, %j, %j), the token from CONNECT_TOKEN',
    async ([framing, own, protocol], { skip }) => {
      const byCurl = curlGap({ framing, ...protocol, headers: own }) === undefined;
      if (byCurl && !hasCurl()) return skip('curl is not installed');
      // Arrange: send the case as a run does, and keep its record
      const server = await capture();
      const c = wireCase({ framing, ...protocol, headers: [...FIELDS, ...own], bodyBase64: BODY });
      const secrets = createSecrets([TOKEN]);
      const raw = wireRequest(c, TOKEN, secrets.redact, server.url)!;
      const client = createHttpClient({ timeoutMs: 2_000, maxBodyBytes: 1024, insecure: false, maxSockets: 1 });
      const ex = await client.send(
        { method: 'POST', url: server.url, headers: {}, body: c.body, wire: raw.wire },
        raw.shown,
      );
      client.close();
      const record = toCaseRecord(c, ex, 1, secrets.redact);
      const sent = server.connections[0];
      // Act: the line a reader copies (the script where curl falls short)
      const line = record.script ?? record.curl;
      await run(line);
      // Assert
      expect(ex.response?.status).toBe(400);
      expect(JSON.stringify(record)).not.toContain(TOKEN);
      expect(sent.toString('latin1')).toContain(
        `Authorization: Bearer  ${TOKEN}\r\nAuthorization: Bearer ${TOKEN} \r\n`,
      );
      expect(sent.toString('latin1')).toContain(`X-Swapped: Bearer ${TOKEN.toUpperCase()}\r\n`);
      const basic = (userPass: string) => Buffer.from(userPass).toString('base64');
      expect(sent.toString('latin1')).toContain(`X-Basic-Password: Basic ${basic(`conformance:${TOKEN}`)}\r\n`);
      expect(sent.toString('latin1')).toContain(`X-Basic-Username: Basic ${basic(`${TOKEN}:`)}\r\n`);
      expect(JSON.stringify(record)).not.toContain(basic(`conformance:${TOKEN}`));
      expect(sent.toString('latin1')).toContain(`Authorization: ${authorizationFor('wrong', '')!}\r\n`);
      expect(JSON.stringify(record)).not.toContain(TOKEN.toUpperCase());
      expect(record.script === undefined).toBe(byCurl);
      expect(server.connections[1].toString('latin1')).toEqual(sent.toString('latin1'));
      // and replay rebuilds the same wire form from the record
      expect(caseFromRecord(record, 'F1').wire).toEqual(c.wire);
    },
  );
});

function hasCurl(): boolean {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
