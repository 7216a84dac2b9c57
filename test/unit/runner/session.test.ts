// The engine session, on real servers on 127.0.0.1: the mock's token stand-in, the unreachable rule and the reasons
// sending stops live here once, for the run and replay alike.
import { afterEach, describe, expect, it } from 'vitest';
import { staticToken } from '../../../src/runner/credentials.ts';
import { createSession, type Session, type SessionOptions } from '../../../src/runner/session.ts';
import { createSecrets } from '../../../src/secrets.ts';
import { MOCK_TOKEN, TargetError } from '../../../src/targets/types.ts';
import { kase } from '../checks/fixture.ts';
import { echoAuthorization, startServer, type TestServer } from '../../robustness/servers.ts';

const PATH = '/v1/onboarding/entities';
const servers: TestServer[] = [];
const sessions: Session[] = [];
afterEach(async () => {
  sessions.splice(0).forEach((s) => s.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(make: () => Promise<TestServer>): Promise<TestServer> {
  const s = await make();
  servers.push(s);
  return s;
}

function session(baseUrl: string, extra: Partial<SessionOptions> = {}): Session {
  const s = createSession({
    baseUrl,
    path: PATH,
    mock: false,
    credentials: staticToken('s3cret-token-value'),
    secrets: createSecrets(),
    timeoutMs: 5_000,
    insecure: false,
    concurrency: 1,
    ...extra,
  });
  sessions.push(s);
  return s;
}

describe('createSession', () => {
  it('sends to the base URL and the operation path, with the token as a bearer, shown redacted', async () => {
    // Arrange
    const target = await server(() => echoAuthorization(400));
    const s = session(target.url);
    // Act
    const ex = await s.send(kase('schema-violation'));
    // Assert
    expect(s.url).toBe(target.url + PATH);
    expect(target.authorizations).toEqual(['Bearer s3cret-token-value']);
    expect(ex?.response?.status).toBe(400);
    expect(ex?.request.headers['authorization']).toBe('Bearer [REDACTED]');
  });

  it.each([
    { mock: true, token: MOCK_TOKEN },
    { mock: false, token: undefined },
  ])('without a token, mock $mock: the token is $token', async ({ mock, token }) => {
    // Arrange
    const secrets = createSecrets();
    const s = session('http://127.0.0.1:9', { mock, credentials: staticToken(undefined), secrets });
    // Act
    const got = await s.token();
    // Assert: the mock's stand-in is a secret like any token (reports show it redacted).
    expect(got).toBe(token);
    expect(secrets.values()).toEqual(token === undefined ? [] : [token]);
  });

  it('a target that refuses connections is unreachable: one TargetError naming it', async () => {
    // Arrange: a port that was just free
    const gone = await startServer(() => undefined);
    const url = gone.url;
    await gone.close();
    const s = session(url);
    // Act
    const ex = await s.send(kase('valid'));
    // Assert
    expect(ex?.error?.kind).toBe('connection-refused');
    const thrown = await s.reachable(ex!).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(TargetError);
    expect((thrown as Error).message).toMatch(new RegExp(`^target ${url} is unreachable: `));
  });

  it('an answer, even a 500, is reachable', async () => {
    // Arrange
    const target = await server(() => startServer((_req, res) => res.writeHead(500).end()));
    const s = session(target.url);
    // Act
    const ex = await s.send(kase('valid'));
    // Assert
    expect(ex?.response?.status).toBe(500);
    await expect(s.reachable(ex!, true)).resolves.toBeUndefined();
  });

  it.each([
    {
      name: 'a 503 (an overload) is waited out and the case sent again; the answer after it is judged',
      statuses: [503, 503, 400],
      retryAfter: undefined,
      judged: 400,
      sent: 3,
    },
    {
      name: 'a 503 with Retry-After: 0 is waited out the same way',
      statuses: [503, 400],
      retryAfter: '0',
      judged: 400,
      sent: 2,
    },
    {
      name: 'a 503 that stays is judged after 3 waits: the server error it is',
      statuses: [503, 503, 503, 503, 503],
      retryAfter: '0',
      judged: 503,
      sent: 4,
    },
  ])('$name', async ({ statuses, retryAfter, judged, sent }) => {
    // Arrange: the back-off without Retry-After is 0.5 s, then 1 s.
    let n = 0;
    const target = await server(() =>
      startServer((_req, res) => {
        const status = statuses[Math.min(n++, statuses.length - 1)];
        res.writeHead(status, retryAfter === undefined || status !== 503 ? {} : { 'retry-after': retryAfter }).end();
      }),
    );
    const s = session(target.url);
    // Act
    const ex = await s.send(kase('schema-violation'));
    // Assert
    expect(ex?.response?.status).toBe(judged);
    expect(target.requests()).toBe(sent);
    // Every 503 is counted, and the pace was cut (at most once a second).
    expect(s.pacing()).toMatchObject({ rateLimited: 0, unavailable: judged === 503 ? sent : sent - 1 });
    expect(s.pacing().lowered).toBeGreaterThan(0);
  });

  it('a 503 that outlasted every wait for three cases is then judged at once: the target’s answer, not an overload', async () => {
    // Arrange: a proxy whose upstream crashes on these requests answers 503 to each, every time (Retry-After: 0).
    const target = await server(() => startServer((_req, res) => res.writeHead(503, { 'retry-after': '0' }).end()));
    const s = session(target.url);
    // Act
    const statuses: (number | undefined)[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await s.send(kase('schema-violation')))?.response?.status);
    // Assert: three cases waited out three times each (four requests), the next two sent once
    expect(statuses).toEqual([503, 503, 503, 503, 503]);
    expect(target.requests()).toBe(3 * 4 + 2);
    expect(s.pacing()).toMatchObject({ unavailable: 14 });
  });

  it('the budget stops sending: nothing past --max-requests, and the reason is said', async () => {
    // Arrange
    const target = await server(() => echoAuthorization(400));
    const s = session(target.url, { maxRequests: 1 });
    // Act
    const first = await s.send(kase('schema-violation'));
    const second = await s.send(kase('schema-violation'));
    // Assert
    expect(first?.response?.status).toBe(400);
    expect(second).toBeUndefined();
    expect(target.requests()).toBe(1);
    expect(s.requests).toBe(1);
    expect(s.stopped()).toBe(true);
    expect(s.budgetExhausted).toBe(true);
    expect(s.stopReason()).toBe('max-requests');
  });

  it.each([
    { name: 'interrupted', abort: true, deadline: undefined, reason: 'interrupted' },
    { name: 'time up', abort: false, deadline: 0, reason: 'time-limit' },
    { name: 'going on', abort: false, deadline: undefined, reason: undefined },
  ])('$name: the stop reason is $reason', ({ abort, deadline, reason }) => {
    // Arrange
    const controller = new AbortController();
    const s = session('http://127.0.0.1:9', { signal: controller.signal, deadline });
    // Act
    if (abort) controller.abort();
    // Assert
    expect(s.stopped()).toBe(reason !== undefined);
    expect(s.stopReason()).toBe(reason);
    expect(s.interrupted).toBe(abort);
  });
});
