// The replay engine on real servers on 127.0.0.1: a report's failure sent again through a session and judged by the
// check that reported it, as `conformance replay` prints it.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { staticToken } from '../../../src/runner/credentials.ts';
import { prepareReplay, type Replay, type ReplaySession } from '../../../src/runner/replay.ts';
import { createSecrets } from '../../../src/secrets.ts';
import { TargetError } from '../../../src/targets/types.ts';
import { SpecError } from '../../../src/spec/load.ts';
import { FAILURES } from '../report/fixture.ts';
import { endless429, startServer, type TestServer } from '../../robustness/servers.ts';

const F2 = FAILURES[1]; // invalid-is-rejected: an enum violation answered 201
const servers: TestServer[] = [];
const sessions: ReplaySession[] = [];
let engine: Replay;
beforeAll(async () => {
  engine = await prepareReplay('spec/openapi.yaml');
});
afterEach(async () => {
  sessions.splice(0).forEach((s) => s.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const answering = (status: number) =>
  startServer((_req, res) => {
    const body = JSON.stringify(status === 201 ? { id: 'x' } : { errors: [{ code: 'Invalid', message: 'no' }] });
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });

async function open(server: TestServer | string, maxRequests?: number): Promise<ReplaySession> {
  if (typeof server !== 'string') servers.push(server);
  const s = engine.open({
    baseUrl: typeof server === 'string' ? server : server.url,
    credentials: staticToken('replay-token-1234'),
    secrets: createSecrets(),
    timeoutMs: 5_000,
    insecure: false,
    concurrency: 1,
    maxRequests,
  });
  sessions.push(s);
  return s;
}

describe('prepareReplay', () => {
  it('judges by the spec it loaded, and says which', () => {
    expect(engine.specSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends to the report’s operation: an older report names none and is POST /v1/onboarding/entities’s', async () => {
    const seen: string[] = [];
    const server = await startServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"code":"Invalid","message":"no"}]}');
    });
    const s = await open(server);
    expect((await s.replay(F2)).state).toBe('fixed');
    // The target's base URL (its path included) and the operation's path.
    expect(seen).toEqual([`POST ${new URL(server.url).pathname.replace(/\/$/, '')}/v1/onboarding/entities`]);
  });

  it('refuses a report of an operation the spec does not hold, in one line', async () => {
    const refused = await prepareReplay('spec/openapi.yaml', { method: 'PUT', path: '/v1/onboarding/entities' }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(SpecError);
    expect((refused as Error).message).toBe('spec spec/openapi.yaml has no operation PUT /v1/onboarding/entities');
  });

  it.each([
    { status: 400, state: 'fixed' },
    { status: 201, state: 'failing' },
  ])('an invalid request answered $status: $state', async ({ status, state }) => {
    // Arrange
    const s = await open(await answering(status));
    // Act
    const outcome = await s.replay(F2);
    // Assert
    expect(outcome.state).toBe(state);
    if (outcome.state === 'failing') expect(outcome.message).toMatch(/Received: 201/);
  });

  it('a target that only answers 429 is rate-limited, never fixed', async () => {
    // Arrange
    const s = await open(await endless429());
    // Act
    const outcome = await s.replay(F2);
    // Assert
    expect(outcome).toEqual({
      state: 'rate-limited',
      message: 'still 429 after 6 tries; gave up on this case; lower --rate or replay later',
    });
  });

  it('a server error that does not come again is fixed, with a note that it may come and go', async () => {
    // Arrange: the failure F2 as a 500 to its request, which the server now refuses with 400
    const crashed = { ...F2, check: 'not-a-server-error', kind: 'server-error' };
    const s = await open(await answering(400));
    // Act
    const outcome = await s.replay(crashed);
    const plain = await s.replay(F2);
    // Assert
    expect(outcome).toEqual({
      state: 'fixed',
      note: ' (a server error or a lost answer: if nothing changed on the server, it comes and goes)',
    });
    expect(plain).toEqual({ state: 'fixed', note: '' });
  });

  it('a failure judged against the run’s earlier answers stands where its case alone gets its warning again', async () => {
    // Arrange: F4's request (a wrong token) once failed as a 401 without the challenge other 401s had.
    const dropped = { ...FAILURES[3], check: 'auth-is-enforced', kind: 'challenge-dropped' };
    const bare = startServer((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{}'));
    const challenging = startServer((_req, res) =>
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end('{}'),
    );
    // Act
    const still = await (await open(await bare)).replay(dropped);
    const fixed = await (await open(await challenging)).replay(dropped);
    // Assert
    expect(still).toEqual({
      state: 'failing',
      message:
        "401 has no WWW-Authenticate challenge (RFC 9110 §15.5.2) [challenge-dropped: judged alone, without the run's earlier answers]",
    });
    expect(fixed).toEqual({ state: 'fixed', note: '' });
  });

  it('a Location shared with an earlier 201 is inconclusive alone, never fixed', async () => {
    // Arrange
    const shared = {
      ...F2,
      check: 'ids-are-assigned',
      kind: 'location-names-another',
      message: '201 Location is one an earlier 201 gave a request with other ids: one URI for two created requests',
    };
    const s = await open(await answering(400));
    // Act
    const outcomes = [
      await s.replay(shared),
      await s.replay({
        ...shared,
        message:
          "201 Location is shaped /v1/collectives/{data.entity.collectiveId}/entities/{id} (/v1/collectives/c/entities/i), where 4 earlier 201s of the run gave /v1/onboarding/entities/{id}: this request's Location names another resource than the others'",
      }),
    ];
    // Assert
    for (const outcome of outcomes)
      expect(outcome).toEqual({
        state: 'inconclusive',
        message:
          'ids-are-assigned compared this answer with an earlier one of the run; sent alone, it cannot be judged (answer 400)',
      });
  });

  it('a spent budget leaves the failure not sent', async () => {
    // Arrange
    const target = await answering(400);
    const s = await open(target, 1);
    // Act
    const first = await s.replay(F2);
    const second = await s.replay(F2);
    // Assert
    expect(first.state).toBe('fixed');
    expect(second.state).toBe('not-sent');
    expect(target.requests()).toBe(1);
  });

  it('a target that refuses connections stops the replay with one TargetError', async () => {
    // Arrange: a port that was just free
    const gone = await startServer(() => undefined);
    await gone.close();
    const s = await open(gone.url);
    // Act
    const thrown = await s.replay(F2).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Assert
    expect(thrown).toBeInstanceOf(TargetError);
    expect((thrown as Error).message).toContain('is unreachable');
  });
});
