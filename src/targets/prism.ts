import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedSpec } from '../spec/load.ts';
import { normaliseForPrism } from '../spec/normalise.ts';
import { parseWaivers } from '../waivers.ts';
import { siblingModule } from '../package.ts';
import { TargetError, type Target } from './types.ts';

const CHILD = fileURLToPath(siblingModule(import.meta.url, 'prism-child'));
const WAIVERS = fileURLToPath(new URL('./prism.waivers.json', import.meta.url));
const START_TIMEOUT_MS = 30_000;
/** A runtime workaround prism-child.ts applies, reported with the spec normalisations. */
const PRISM_HEADER_PATCH = {
  rule: '(prism runtime)',
  change: "non-Latin-1 characters in Prism's sl-violations header are escaped",
  reason:
    'Prism 5.16 crashes on a validation message quoting such a character (an unknown key "é", a homoglyph enum value)',
};
/** The runtime answer prism-child.ts gives in Prism's place, reported with the spec normalisations. */
const PRISM_MALFORMED_JSON_PATCH = {
  rule: '(prism runtime)',
  change: 'a JSON-typed body that does not parse as JSON is answered 400 (ConnectApiErrorResult) before Prism sees it',
  reason: 'Prism 5.16 never answers such a body: each malformed-JSON case would wait out the request timeout',
};
const live = new Set<() => void>();
// Last resort: whatever way the process ends, no Prism is left behind.
process.once('exit', () => live.forEach((kill) => kill()));

/** Starts Prism's mock on a free 127.0.0.1 port with a normalised copy of the spec; resolves once it listens. */
export async function startPrism(spec: LoadedSpec): Promise<Target> {
  const { document, normalisations } = normaliseForPrism(spec);
  const dir = await mkdtemp(join(tmpdir(), 'conformance-prism-'));
  const file = join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(document));
  const waivers = parseWaivers(JSON.parse(await readFile(WAIVERS, 'utf8')), WAIVERS);

  const child = spawn(process.execPath, [CHILD, 'mock', '-h', '127.0.0.1', '-p', '0', '--errors', 'false', file], {
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group: a terminal's Ctrl-C reaches the suite only, which stops sending, lets in-flight
    // requests finish, then stops Prism itself (the watchdog in prism-child.ts covers a killed parent).
    detached: true,
    env: { ...process.env, SCARF_ANALYTICS: 'false', FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  live.add(kill);
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new TargetError(
            `Prism did not start within ${START_TIMEOUT_MS} ms: ${output.trim().split('\n').pop() ?? ''}`,
          ),
        ),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new TargetError(`Prism exited (${code}) before listening: ${output.trim().split('\n').pop() ?? ''}`));
    });
  }).catch(async (e: unknown) => {
    kill();
    live.delete(kill);
    await rm(dir, { recursive: true, force: true });
    throw e;
  });
  // Keep draining Prism's log so that its pipe never fills and blocks it.
  child.stdout.resume();
  child.stderr.resume();

  return {
    kind: 'prism',
    baseUrl,
    mock: true,
    waivers,
    normalisations: [...normalisations, PRISM_HEADER_PATCH, PRISM_MALFORMED_JSON_PATCH],
    // Prism answers in milliseconds: a short timeout keeps a run quick should it hang on something else.
    defaultTimeoutMs: 2_000,
    async stop() {
      const exited = new Promise<void>((r) =>
        child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
      );
      child.stdin.end();
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 2_000);
      await exited;
      clearTimeout(timer);
      live.delete(kill);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
