// Provider verification: replays the consumer contract against a provider with Pact's Verifier.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PactFileError, readPactFile, type PactHttpInteraction } from './pact-file.ts';
import type { ChildReply, ChildRequest, StateFailure } from './verifier-child.ts';
import { siblingModule } from '../package.ts';

// `.ts` when running the sources, `.js` in the published package.
const CHILD = fileURLToPath(siblingModule(import.meta.url, 'verifier-child'));

/** What to verify, against what. */
export interface VerifyPactOptions {
  /** The pact file (V2–V4 JSON), e.g. `contracts/pacts/entity-onboarding-client-connect-onboarding-api.json`. */
  readonly pactFile: string;
  /**
   * The provider's URL standing for the spec's `servers[0].url`, path included, e.g. `http://127.0.0.1:4010/connect`:
   * the pact's paths (`/v1/onboarding/entities`) are appended to it.
   */
  readonly providerBaseUrl: string;
  /**
   * A bearer token for the provider. It replaces the synthetic token of every interaction whose pact request carries
   * `Authorization: Bearer …`; an interaction recorded without credentials is sent without them. Never written anywhere.
   */
  readonly token?: string | undefined;
  /** Timeout of each request to the provider, in ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Timeout of the reachability probe made before verifying, in ms (default 5 000). */
  readonly connectTimeoutMs?: number;
  /**
   * Judge response bodies by shape only (a type matcher at every body's root, under the pact's own matchers).
   * For mocks answering example data (Prism): they can show the shape of the contract, never its echo by value.
   */
  readonly shapeOnly?: boolean;
  /** With `shapeOnly`: response fields whose schema admits any value (see `anyValuePaths`), left unjudged. */
  readonly anyValuePaths?: readonly string[];
  /**
   * The provider's state set-up endpoint (Pact's `providerStatesSetupUrl` convention): before an interaction given
   * provider states, each is POSTed there as `{ "state", "params", "action": "setup" }`, and again with
   * `"action": "teardown"` after it. Without it, interactions given a state are not sent; their verdict is
   * `needs-provider-state`. Ignored with `shapeOnly` (a mock is judged by shape, states are moot).
   */
  readonly providerStatesSetupUrl?: string | undefined;
  /** Receives what Pact's verifier prints (its own report, its logs): text as written, ANSI colours included. */
  readonly onVerifierOutput?: (text: string) => void;
  /** Pact's log level in that output (default `error`). */
  readonly verifierLogLevel?: 'error' | 'info';
}

/** The verdict on one interaction of the pact. */
export interface InteractionVerdict {
  /** The interaction's description, as the pact names it. */
  readonly description: string;
  /** True when verified. */
  readonly ok: boolean;
  /** `needs-provider-state`: given a provider state and not sent, for want of a set-up URL; neither ok nor failed. */
  readonly outcome: 'verified' | 'failed' | 'needs-provider-state';
  /** The provider states the pact gives the interaction (empty: it assumes nothing of the provider's data). */
  readonly providerStates: readonly string[];
  /** Why it failed, one mismatch a line (e.g. `status: expected 201 but was 200`), or which states it needs. */
  readonly message?: string;
}

/** The verdict on the whole pact: data, whatever the provider did. */
export interface VerifyPactResult {
  /** True when every interaction was verified. */
  readonly ok: boolean;
  /** `incomplete`: nothing failed, but some interactions need provider states that were not set up. */
  readonly verdict: 'verified' | 'not-verified' | 'incomplete';
  readonly interactions: readonly InteractionVerdict[];
}

/** The provider cannot be reached at all (refused, unresolvable, timed out) or its URL is unusable. */
export class ProviderUnreachableError extends Error {
  override readonly name = 'ProviderUnreachableError';
}

/** Pact's verifier could not run (invalid arguments, a crash of Pact's core): no verdict exists. */
export class VerifierError extends Error {
  override readonly name = 'VerifierError';
}

/**
 * Verifies a provider against a pact with Pact's `Verifier` (`@pact-foundation/pact`), run in a child process so that
 * what the verifier prints reaches `onVerifierOutput` only.
 *
 * The pact's bearer token is synthetic: with `token`, a request filter swaps it for the real one, at verification time
 * only, and only on the interactions whose recorded request had one (so "without credentials" stays unauthenticated).
 * Provider states are set up through `providerStatesSetupUrl`; without it, the interactions that need one are
 * reported `needs-provider-state` and the others verified (a stateless mock such as Prism is verified by shape).
 *
 * Resolves with a verdict per interaction, ok or not: a failing provider is a result, never an exception.
 * Throws `PactFileError` for an unusable pact file, {@link ProviderUnreachableError} when nothing answers at
 * `providerBaseUrl` (or a URL is not http(s)), and {@link VerifierError} when Pact's verifier cannot run.
 */
export async function verifyPact(options: VerifyPactOptions): Promise<VerifyPactResult> {
  const { pact } = await readPactFile(options.pactFile);
  if (pact.interactions.length === 0) throw new PactFileError(`pact ${options.pactFile} has no HTTP interaction`);
  const base = parseBaseUrl(options.providerBaseUrl, 'provider URL');
  const shapeOnly = options.shapeOnly === true;
  const setupUrl = shapeOnly ? undefined : options.providerStatesSetupUrl;
  if (setupUrl !== undefined) parseBaseUrl(setupUrl, 'provider states set-up URL');
  const needsState = (i: PactHttpInteraction) => !shapeOnly && setupUrl === undefined && i.providerStates.length > 0;
  const deferred = new Set(pact.interactions.filter(needsState).map((i) => i.description));
  await probe(base, options.connectTimeoutMs ?? 5_000);

  let report: ReportedResult[] = [];
  let stateFailures: readonly StateFailure[] = [];
  if (deferred.size < pact.interactions.length) {
    const copy =
      shapeOnly || deferred.size > 0
        ? await pactCopy(options.pactFile, (json) => {
            if (shapeOnly) shapeOnlyEdit(json, options.anyValuePaths ?? []);
            if (json.interactions)
              json.interactions = json.interactions.filter((i) => !deferred.has(i.description ?? ''));
          })
        : undefined;
    try {
      ({ report, stateFailures } = await runVerifier(
        {
          pactFile: copy?.file ?? resolve(options.pactFile),
          providerBaseUrl: base.href.replace(/\/+$/, ''),
          token: options.token,
          timeoutMs: options.timeoutMs ?? 30_000,
          providerStatesSetupUrl: setupUrl,
          states: [...new Set(pact.interactions.flatMap((i) => i.providerStates))],
          logLevel: options.verifierLogLevel ?? 'error',
        },
        options.onVerifierOutput,
      ));
    } finally {
      await copy?.remove();
    }
  }

  const interactions = pact.interactions.map((i): InteractionVerdict => {
    const common = { description: i.description, providerStates: i.providerStates };
    if (deferred.has(i.description))
      return { ...common, ok: false, outcome: 'needs-provider-state', message: needsStateMessage(i.providerStates) };
    const failed = (message: string): InteractionVerdict => ({ ...common, ok: false, outcome: 'failed', message });
    const notSetUp = stateFailures.filter((f) => f.action === 'setup' && i.providerStates.includes(f.state));
    if (notSetUp.length > 0)
      return failed(notSetUp.map((f) => `provider state "${f.state}" was not set up: ${f.message}`).join('\n'));
    const result = report.find((r) => r.description === i.description);
    if (!result) return failed('not verified: the verifier reported nothing for this interaction');
    if (result.result === 'Error' || result.mismatch !== undefined) return failed(describeMismatch(result.mismatch));
    return { ...common, ok: true, outcome: 'verified' };
  });
  const failed = interactions.some((i) => i.outcome === 'failed');
  return {
    ok: interactions.every((i) => i.ok),
    verdict: failed ? 'not-verified' : deferred.size > 0 ? 'incomplete' : 'verified',
    interactions,
  };
}

/** `needs provider state "…"` (or `states "…", "…"`): what an interaction given states waits for. */
export function needsStateMessage(states: readonly string[]): string {
  return `needs provider state${states.length > 1 ? 's' : ''} ${states.map((s) => JSON.stringify(s)).join(', ')}`;
}

/** Runs Pact's verifier in verifier-child.ts; its stdout and stderr go to `onOutput`, never to this process's. */
function runVerifier(
  request: ChildRequest,
  onOutput: ((text: string) => void) | undefined,
): Promise<{ report: ReportedResult[]; stateFailures: readonly StateFailure[] }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [CHILD], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Pact reads this at run time; an explicit setting by the caller wins.
      env: { ...process.env, PACT_DO_NOT_TRACK: process.env['PACT_DO_NOT_TRACK'] ?? 'true' },
    });
    let tail = '';
    const output = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      tail = (tail + text).slice(-2_000);
      onOutput?.(text);
    };
    // Both are pipes (stdio above): read them, so that the child never blocks on a full one.
    child.stdout?.on('data', output);
    child.stderr?.on('data', output);
    let reply: ChildReply | undefined;
    child.once('message', (m: ChildReply) => (reply = m));
    child.once('error', (e) => fail(new VerifierError(`Pact's verifier could not start: ${e.message}`)));
    child.once('close', (code, signal) => {
      if (reply?.kind === 'report') {
        try {
          ok({ report: parseReport(reply.raw), stateFailures: reply.stateFailures });
        } catch (e) {
          fail(e instanceof Error ? e : new VerifierError(String(e)));
        }
      } else if (reply?.kind === 'error') fail(new VerifierError(`Pact's verifier could not run: ${reply.message}`));
      else {
        const last = tail.trim().split('\n').pop() ?? '';
        fail(new VerifierError(`Pact's verifier ended (${signal ?? code ?? '?'}) without a verdict: ${last}`));
      }
    });
    child.send(request);
  });
}

/** The pact's JSON, as far as the copies below edit it. */
interface PactJson {
  interactions?: {
    description?: string;
    providerStates?: unknown;
    providerState?: unknown;
    response?: { body?: { content?: unknown }; matchingRules?: { body?: Record<string, unknown> } };
  }[];
}

/** A temporary, edited copy of the pact file. */
async function pactCopy(
  file: string,
  edit: (json: PactJson) => void,
): Promise<{ file: string; remove(): Promise<void> }> {
  const json = JSON.parse(await readFile(file, 'utf8')) as PactJson;
  edit(json);
  const dir = await mkdtemp(join(tmpdir(), 'conformance-pact-'));
  const copy = join(dir, basename(file));
  await writeFile(copy, JSON.stringify(json));
  return { file: copy, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Response bodies matched by type from the root down (Pact V3+ matchers cascade), and no provider states: a mock
 * shows the shape of the contract, never an echo by value nor the provider's data.
 */
function shapeOnlyEdit(json: PactJson, anyValue: readonly string[]): void {
  for (const i of json.interactions ?? []) {
    delete i.providerStates;
    delete i.providerState;
    if (!i.response) continue;
    // Pact lets an answer carry keys the pact does not expect: a field that may be anything is simply not expected.
    for (const path of anyValue) dropPath(i.response.body?.content, path.replace(/^\$\.?/, '').split('.'));
    const rules = (i.response.matchingRules ??= {});
    const body = (rules.body ??= {});
    body['$'] ??= { combine: 'AND', matchers: [{ match: 'type' }] };
  }
}

function dropPath(node: unknown, keys: readonly string[]): void {
  const [head, ...rest] = keys;
  if (head === undefined || node === null || typeof node !== 'object') return;
  if (head.endsWith('[*]')) {
    const list = (node as Record<string, unknown>)[head.slice(0, -3)];
    if (Array.isArray(list)) for (const item of list) dropPath(item, rest);
    return;
  }
  if (rest.length === 0) delete (node as Record<string, unknown>)[head];
  else dropPath((node as Record<string, unknown>)[head], rest);
}

function parseBaseUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProviderUnreachableError(`${what} ${JSON.stringify(value)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ProviderUnreachableError(`${what} ${value} is not http(s)`);
  if (url.search !== '' || url.hash !== '')
    throw new ProviderUnreachableError(`${what} ${value} must have no query or fragment`);
  return url;
}

/** Opens (and closes) a TCP connection to the provider: nothing listening is an error, not a verdict. */
function probe(url: URL, timeoutMs: number): Promise<void> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return new Promise((ok, fail) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      fail(new ProviderUnreachableError(`provider ${url.origin} did not accept a connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      ok();
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(new ProviderUnreachableError(`provider ${url.origin} is unreachable: ${e.code ?? e.message}`));
    });
  });
}

interface ReportedMismatch {
  type?: string;
  mismatch?: string;
  path?: string;
  key?: string;
  message?: string;
}
interface ReportedResult {
  description?: string;
  result?: string;
  mismatch?: { type?: string; message?: string; mismatches?: ReportedMismatch[] };
}

function parseReport(raw: string): ReportedResult[] {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new VerifierError(`Pact's verifier could not verify: ${raw}`);
  }
  const results = (json as { interactionResults?: unknown }).interactionResults;
  if (!Array.isArray(results))
    throw new VerifierError(`Pact's verifier gave no per-interaction results: ${raw.slice(0, 500)}`);
  return results as ReportedResult[];
}

const MISMATCH_LABEL: Record<string, string> = {
  StatusMismatch: 'status',
  HeaderMismatch: 'header',
  BodyMismatch: 'body',
  BodyTypeMismatch: 'body type',
  MetadataMismatch: 'metadata',
};

function describeMismatch(m: ReportedResult['mismatch']): string {
  if (!m) return 'failed';
  if (m.mismatches && m.mismatches.length > 0) {
    return m.mismatches
      .map((x) => {
        const label = MISMATCH_LABEL[x.type ?? ''] ?? x.type ?? 'mismatch';
        const where = x.type === 'HeaderMismatch' ? ` ${x.key ?? ''}` : x.path !== undefined ? ` ${x.path}` : '';
        return `${label}${where}: ${x.mismatch ?? x.message ?? JSON.stringify(x)}`;
      })
      .join('\n');
  }
  return m.message ?? m.type ?? 'failed';
}
