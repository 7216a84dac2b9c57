// Provider verification: replays the consumer contract against a provider with Pact's Verifier.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { PactFileError, readPactFile } from './pact-file.ts';

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
}

/** The verdict on one interaction of the pact. */
export interface InteractionVerdict {
  /** The interaction's description, as the pact names it. */
  readonly description: string;
  readonly ok: boolean;
  /** Why it failed, one mismatch a line (e.g. `status: expected 201 but was 200`). */
  readonly message?: string;
}

/** The verdict on the whole pact: data, whatever the provider did. */
export interface VerifyPactResult {
  /** True when every interaction was verified. */
  readonly ok: boolean;
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
 * Verifies a provider against a pact with Pact's `Verifier` (`@pact-foundation/pact`).
 *
 * The pact's bearer token is synthetic: with `token`, a request filter swaps it for the real one, at verification time
 * only, and only on the interactions whose recorded request had one (so "without credentials" stays unauthenticated).
 * Provider states are not set up (the contract needs none), so a stateless mock such as Prism can be verified.
 *
 * Resolves with a verdict per interaction, ok or not: a failing provider is a result, never an exception.
 * Throws `PactFileError` for an unusable pact file, {@link ProviderUnreachableError} when nothing answers at
 * `providerBaseUrl`, and {@link VerifierError} when Pact's verifier cannot run.
 */
export async function verifyPact(options: VerifyPactOptions): Promise<VerifyPactResult> {
  const { pact } = await readPactFile(options.pactFile);
  if (pact.interactions.length === 0) throw new PactFileError(`pact ${options.pactFile} has no HTTP interaction`);
  const pactFile = options.shapeOnly
    ? await shapeOnlyCopy(options.pactFile, options.anyValuePaths ?? [])
    : resolve(options.pactFile);
  const base = parseBaseUrl(options.providerBaseUrl);
  await probe(base, options.connectTimeoutMs ?? 5_000);

  // Pact reads this at run time; an explicit setting by the caller wins.
  process.env['PACT_DO_NOT_TRACK'] ??= 'true';
  const { Verifier } = await import('@pact-foundation/pact');
  const { token } = options;
  const requestFilter = (req: IncomingMessage, _res: ServerResponse, next: () => void): void => {
    if (token !== undefined && /^bearer\s/i.test(req.headers.authorization ?? ''))
      req.headers.authorization = `Bearer ${token}`;
    next();
  };
  const verifier = new Verifier({
    providerBaseUrl: base.href.replace(/\/+$/, ''),
    pactUrls: [pactFile],
    requestFilter,
    logLevel: 'error',
    timeout: options.timeoutMs ?? 30_000,
    failIfNoPactsFound: true,
  });

  let raw: string;
  try {
    raw = await verifier.verifyProvider();
  } catch (e) {
    // A failed verification rejects with an Error whose message is the verifier's JSON report.
    raw = e instanceof Error ? e.message : String(e);
  }
  const report = parseReport(raw);
  const interactions = pact.interactions.map((i): InteractionVerdict => {
    const result = report.find((r) => r.description === i.description);
    if (!result)
      return {
        description: i.description,
        ok: false,
        message: 'not verified: the verifier reported nothing for this interaction',
      };
    if (result.result === 'Error' || result.mismatch !== undefined) {
      return { description: i.description, ok: false, message: describeMismatch(result.mismatch) };
    }
    return { description: i.description, ok: true };
  });
  return { ok: interactions.every((i) => i.ok), interactions };
}

/** A temporary copy of the pact whose response bodies are matched by type from the root down (Pact V3+ matchers cascade). */
async function shapeOnlyCopy(file: string, anyValue: readonly string[]): Promise<string> {
  const json = JSON.parse(await readFile(file, 'utf8')) as {
    interactions?: {
      response?: { body?: { content?: unknown }; matchingRules?: { body?: Record<string, unknown> } };
    }[];
  };
  for (const i of json.interactions ?? []) {
    if (!i.response) continue;
    // Pact lets an answer carry keys the pact does not expect: a field that may be anything is simply not expected.
    for (const path of anyValue) dropPath(i.response.body?.content, path.replace(/^\$\.?/, '').split('.'));
    const rules = (i.response.matchingRules ??= {});
    const body = (rules.body ??= {});
    body['$'] ??= { combine: 'AND', matchers: [{ match: 'type' }] };
  }
  const dir = await mkdtemp(join(tmpdir(), 'conformance-pact-'));
  const copy = join(dir, basename(file));
  await writeFile(copy, JSON.stringify(json));
  return copy;
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

function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProviderUnreachableError(`provider URL ${JSON.stringify(value)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ProviderUnreachableError(`provider URL ${value} is not http(s)`);
  if (url.search !== '' || url.hash !== '')
    throw new ProviderUnreachableError(`provider URL ${value} must have no query or fragment`);
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
