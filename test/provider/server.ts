// The reference provider of POST {basePath}/v1/onboarding/entities: a plain
// node:http server on 127.0.0.1 whose every decision is a hook of a Behaviour
// (behaviour.ts), derived from the chosen variation and/or seeded fault.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  PROCESS_DIES,
  REFERENCE,
  jsonReply,
  refusedWithoutHost,
  textReply,
  type Behaviour,
  type Reply,
} from './behaviour.ts';
import { FAULTS } from './faults.ts';
import { singleError } from './respond.ts';
import { createStateStore, handleStateRequest, STATES_PATH, withProviderStates } from './states.ts';
import { issue, validateEntityRequest, type EntityRequest } from './validate.ts';
import { VARIATIONS } from './variations.ts';

export interface ProviderOptions {
  /** Default 'test-token'. */
  token?: string;
  /** A name from VARIATIONS. */
  variation?: string;
  /** A name from FAULTS. */
  fault?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Default '/connect'. */
  basePath?: string;
  /** Test mode for Pact: serve the provider-state set-up endpoint (states.ts). Off by default. */
  providerStates?: boolean;
}

export interface RunningProvider {
  /** e.g. http://127.0.0.1:PORT/connect */
  url: string;
  port: number;
  /** HTTP requests received so far (all paths). */
  requests(): number;
  /** With `providerStates`: the set-up URL to give Pact's verifier. */
  statesUrl?: string;
  close(): Promise<void>;
}

export const ENDPOINT = '/v1/onboarding/entities';

/** The Behaviour for a variation and/or fault name (both optional; unknown names throw). */
export function behaviourFor(variation?: string, fault?: string, base: Behaviour = REFERENCE): Behaviour {
  let behaviour = base;
  if (variation !== undefined) {
    const found = VARIATIONS.find((v) => v.name === variation);
    if (found === undefined)
      throw new Error(`unknown variation '${variation}'; known: ${VARIATIONS.map((v) => v.name).join(', ')}`);
    behaviour = found.apply(behaviour);
  }
  // `a+b+c`: faults combined (the self-test of one problem per fault, issue #24).
  for (const name of fault === undefined ? [] : fault.split('+')) {
    const found = FAULTS.find((f) => f.name === name);
    if (found === undefined) throw new Error(`unknown fault '${name}'; known: ${FAULTS.map((f) => f.name).join(', ')}`);
    behaviour = found.apply(behaviour);
  }
  return behaviour;
}

export async function startProvider(opts: ProviderOptions = {}): Promise<RunningProvider> {
  const token = opts.token ?? 'test-token';
  const basePath = (opts.basePath ?? '/connect').replace(/\/+$/, '');
  const states = opts.providerStates === true ? createStateStore() : undefined;
  const behaviour = behaviourFor(
    opts.variation,
    opts.fault,
    states ? withProviderStates(REFERENCE, states) : REFERENCE,
  );
  const endpointPath = `${basePath}${ENDPOINT}`;
  let received = 0;
  let onEndpoint = 0;

  const served = new WeakSet<object>();
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    received += 1;
    served.add(req.socket);
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    if (behaviour.hostNotRequired !== true && refusedWithoutHost(req, res)) return;
    // A target in absolute form names the path as well, and a server MUST accept it (RFC 9112 §3.2.2).
    const target = req.url ?? '';
    const path = /^https?:\/\//i.test(target) ? new URL(target).pathname : target.split('?', 1)[0];
    if (states && path === STATES_PATH) {
      void handleStateRequest(states, req, res);
      return;
    }
    if (!behaviour.routes(path, endpointPath)) {
      void answer(behaviour, req, res, jsonReply(404, singleError('NotFound', `No route for ${path}.`)));
      return;
    }
    onEndpoint += 1;
    // Node dies as a whole: nothing listens any more, and every request in flight is cut.
    req.once(PROCESS_DIES, () => {
      server.close();
      server.closeAllConnections();
    });
    handleEndpoint(behaviour, token, onEndpoint, req, res).catch(() => {
      // A thrown error is an unhandled exception in the service: the framework answers 500.
      void answer(behaviour, req, res, textReply(500, 'text/plain; charset=utf-8', 'Internal Server Error'));
    });
  });
  // A checkContinue listener stops Node's own 100 (Continue): the request goes to the handler, which waits for the body.
  if (behaviour.withholdsContinue === true) server.on('checkContinue', (req, res) => server.emit('request', req, res));
  const connected = behaviour.connected;
  if (connected !== undefined) server.on('connection', connected);
  server.on('clientError', (error: Error & { rawPacket?: Buffer; code?: string }, socket) => {
    // A request line refused before any request on its connection (an unknown method token) was still a request sent.
    if (!served.has(socket) && /^\S+ \S+ HTTP\/1\.[01]\r\n/.test(error.rawPacket?.toString('latin1') ?? ''))
      received += 1;
    if (socket.writable) socket.end(behaviour.parserRefusal(error.code, error.rawPacket));
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    port,
    requests: () => received,
    ...(states ? { statesUrl: `http://127.0.0.1:${port}${STATES_PATH}` } : {}),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The order of evaluation: method, rate limit, auth, media type, body, validation, creation. */
async function handleEndpoint(
  b: Behaviour,
  token: string,
  n: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST' && !b.takesEveryMethod) return answer(b, req, res, b.wrongMethod(req.method ?? ''));
  if (b.rateLimited(n)) return answer(b, req, res, b.tooManyRequests());
  const early = b.admit(req);
  if (early !== undefined) return answer(b, req, res, early);

  const auth = b.authenticate(
    req.headers.authorization,
    token,
    authorizationLines(req),
    req.url,
    req.headers.cookie,
    req.headers,
    req.httpVersion,
  );
  if (auth !== 'ok' && !b.authAfterValidation) return answer(b, req, res, b.unauthorized(auth));

  const contentType = req.headers['content-type'];
  if (!b.acceptsMediaType(contentType)) return answer(b, req, res, b.unsupportedMediaType(contentType));

  const raw = await readBody(b, req);
  if (raw === 'reset') return;
  if (raw === 'too-large') {
    return answer(
      b,
      req,
      res,
      b.tooLarge([issue('BodyTooLarge', '$', null, `The request body exceeds ${b.maxBodyBytes} bytes.`)]),
    );
  }

  const decoded = b.decodeBody(raw, req.headers['content-encoding']);
  if (!Buffer.isBuffer(decoded)) return answer(b, req, res, decoded);
  const parsed = b.readJson(decoded, contentType, req.url);
  if (parsed.kind === 'invalid') return answer(b, req, res, b.badRequest([parsed.issue]));
  let request: EntityRequest;
  if (parsed.kind === 'request') {
    request = parsed.request;
  } else {
    const validation = validateEntityRequest(parsed.value, b.validation);
    if (!validation.ok) return answer(b, req, res, b.badRequest(validation.issues));
    request = validation.request;
  }
  if (auth !== 'ok') return answer(b, req, res, b.unauthorized(auth));

  if (b.beforeCreate(request) === 'hang') return; // never answered; close() destroys the socket
  const ctx = b.newContext();
  return answer(b, req, res, b.created(b.buildCreated(request, ctx), ctx));
}

/** Every Authorization field line of a request, in order (RFC 9110 §5.3). */
function authorizationLines(req: IncomingMessage): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i].toLowerCase() === 'authorization') out.push(req.rawHeaders[i + 1]);
  return out;
}

/** Reads the whole body; past maxBodyBytes it keeps draining but stores nothing. */
function readBody(b: Behaviour, req: IncomingMessage): Promise<Buffer | 'too-large' | 'reset'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > b.resetAboveBytes) {
        req.socket.resetAndDestroy();
        resolve('reset');
        return;
      }
      if (size <= b.maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > b.maxBodyBytes ? 'too-large' : b.joinBody(chunks, req.headers)));
    req.on('close', () => resolve('reset')); // no-op when already resolved
  });
}

async function answer(b: Behaviour, req: IncomingMessage, res: ServerResponse, reply: Reply): Promise<void> {
  if (reply.dies) {
    req.emit(PROCESS_DIES);
    return;
  }
  const final = b.finish(reply);
  const wait = b.delayMs + (b.busyMs?.() ?? 0);
  if (wait > 0) await sleep(wait);
  if (res.headersSent || res.destroyed) return;
  let body = '';
  const headers: Record<string, string> = { ...final.headers };
  if (final.json !== undefined) {
    body = b.serialize(final.json);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = b.jsonContentType;
  } else if (final.text !== undefined) {
    body = final.text;
  }
  b.transmit(res, { status: final.status, headers, body }, req);
}
