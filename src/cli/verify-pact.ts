import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { loadSpec } from '../spec/load.ts';
import { startTarget, TargetError, tokenFor } from '../targets/index.ts';
import { anyValuePaths } from '../pact/any-value.ts';
import { ProviderUnreachableError, VerifierError, verifyPact } from '../pact/verify.ts';
import { PactFileError } from '../pact/pact-file.ts';
import { BUNDLED_SPEC, packageFile, shownPath } from '../package.ts';
import { UsageError, type Flags } from './args.ts';
import type { Io } from './io.ts';
import { EXIT_CODES } from './exit.ts';

/** The contract the suite's consumer tests write and commit, shipped in the package (`--pact FILE` overrides it). */
export const DEFAULT_PACT = packageFile('contracts/pacts/entity-onboarding-client-connect-onboarding-api.json');

/**
 * `conformance verify-pact`: replays the pact against a provider with Pact's Verifier; exit 0 verified, 1 not,
 * 3 incomplete (interactions given provider states, and no `--provider-states-setup-url` to set them up).
 * Against the embedded Prism the bodies are judged by shape only: a mock answers example data, never an echo.
 * What Pact's verifier prints reaches stderr only with `--verbose` (without ANSI colours when not a terminal).
 */
export async function verifyPactCommand(flags: Flags, io: Io): Promise<number> {
  const pactFile = flags.pact ?? shownPath(DEFAULT_PACT);
  const setupUrl = setupUrlFlag(flags['provider-states-setup-url']);
  const targetName = flags.target ?? 'prism';
  if (setupUrl !== undefined && targetName === 'prism')
    throw new UsageError(
      '--provider-states-setup-url is for a live provider: the embedded Prism is judged by shape, provider states aside',
    );
  const spec = await loadSpec(flags.spec ?? shownPath(BUNDLED_SPEC));
  const target = await startTarget(spec, targetName);
  const verbose =
    flags.verbose === true ? lineWriter((line) => io.err(io.isTTY ? line : stripVTControlCharacters(line))) : undefined;
  try {
    const token = tokenFor(flags.token ?? io.env['CONNECT_TOKEN'], target.mock);
    if (token === undefined)
      throw new TargetError('the pact needs a bearer token for the provider: pass --token T or set CONNECT_TOKEN');
    const result = await verifyPact({
      pactFile,
      providerBaseUrl: target.baseUrl,
      token,
      providerStatesSetupUrl: setupUrl,
      ...(verbose ? { onVerifierOutput: verbose.write, verifierLogLevel: 'info' as const } : {}),
      ...(target.mock ? { shapeOnly: true, anyValuePaths: anyValuePaths(spec) } : {}),
    })
      .catch((e: unknown) => {
        if (e instanceof PactFileError || e instanceof ProviderUnreachableError || e instanceof VerifierError)
          throw new TargetError(e.message.split('\n')[0]);
        throw e;
      })
      .finally(() => verbose?.end());
    const dir = flags['report-dir'] ?? 'reports';
    await mkdir(dir, { recursive: true });
    const out = join(dir, 'pact-verification.json');
    await writeFile(
      out,
      JSON.stringify(
        {
          pact: pactFile,
          target: { kind: target.kind, url: target.baseUrl, shapeOnly: target.mock },
          providerStatesSetupUrl: setupUrl ?? null,
          ...result,
        },
        null,
        2,
      ) + '\n',
    );
    const MARK = { verified: 'ok  ', failed: 'FAIL', 'needs-provider-state': 'NEED' } as const;
    for (const i of result.interactions)
      io.out(
        `${MARK[i.outcome]} ${i.description}${i.message ? '\n      ' + i.message.replaceAll('\n', '\n      ') : ''}`,
      );
    const total = result.interactions.length;
    const verified = result.interactions.filter((i) => i.ok).length;
    const waiting = result.interactions.filter((i) => i.outcome === 'needs-provider-state').length;
    const needs = waiting > 0 ? `, ${waiting} need provider states (set up by --provider-states-setup-url URL)` : '';
    const verdict = { verified: 'VERIFIED', 'not-verified': 'NOT VERIFIED', incomplete: 'INCOMPLETE' }[result.verdict];
    io.out(
      `${verdict}: ${verified}/${total} interactions${needs}${target.mock ? ' (bodies by shape only: the target is a mock)' : ''} · ${out}`,
    );
    // An incomplete verification (interactions that need provider states) exits as an incomplete run does.
    return EXIT_CODES[
      result.verdict === 'verified' ? 'conforms' : result.verdict === 'incomplete' ? 'incomplete' : 'fails'
    ];
  } finally {
    await target.stop();
  }
}

/** `--provider-states-setup-url URL`: an absolute http(s) URL. */
function setupUrlFlag(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:')
    throw new UsageError(`--provider-states-setup-url expects an http(s) URL, got ${JSON.stringify(raw)}`);
  return raw;
}

/** Cuts a stream of text into lines for `line`; `end` flushes the last one. */
function lineWriter(line: (text: string) => void): { write: (text: string) => void; end: () => void } {
  let pending = '';
  return {
    write(text) {
      const lines = (pending + text).split(/\r?\n/);
      pending = lines.pop() ?? '';
      lines.forEach(line);
    },
    end() {
      if (pending !== '') line(pending);
      pending = '';
    },
  };
}
