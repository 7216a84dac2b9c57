import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSpec } from '../spec/load.ts';
import { MOCK_TOKEN, startTarget, TargetError } from '../targets/index.ts';
import { anyValuePaths } from '../pact/any-value.ts';
import { ProviderUnreachableError, VerifierError, verifyPact } from '../pact/verify.ts';
import { PactFileError } from '../pact/pact-file.ts';
import { BUNDLED_SPEC, packageFile, shownPath } from '../package.ts';
import type { Flags } from './args.ts';
import type { Io } from './io.ts';

/** The contract the suite's consumer tests write and commit, shipped in the package (`--pact FILE` overrides it). */
export const DEFAULT_PACT = packageFile('contracts/pacts/entity-onboarding-client-connect-onboarding-api.json');

/**
 * `conformance verify-pact`: replays the pact against a provider with Pact's Verifier; exit 0 verified, 1 not.
 * Against the embedded Prism the bodies are judged by shape only: a mock answers example data, never an echo.
 */
export async function verifyPactCommand(flags: Flags, io: Io): Promise<number> {
  const pactFile = flags.pact ?? shownPath(DEFAULT_PACT);
  const spec = await loadSpec(flags.spec ?? shownPath(BUNDLED_SPEC));
  const target = await startTarget(spec, flags.target ?? 'prism');
  try {
    const token = flags.token ?? io.env['CONNECT_TOKEN'] ?? (target.mock ? MOCK_TOKEN : undefined);
    if (token === undefined)
      throw new TargetError('the pact needs a bearer token for the provider: pass --token T or set CONNECT_TOKEN');
    const result = await verifyPact({
      pactFile,
      providerBaseUrl: target.baseUrl,
      token,
      ...(target.mock ? { shapeOnly: true, anyValuePaths: anyValuePaths(spec) } : {}),
    }).catch((e: unknown) => {
      if (e instanceof PactFileError || e instanceof ProviderUnreachableError || e instanceof VerifierError)
        throw new TargetError(e.message.split('\n')[0]);
      throw e;
    });
    const dir = flags['report-dir'] ?? 'reports';
    await mkdir(dir, { recursive: true });
    const out = join(dir, 'pact-verification.json');
    await writeFile(
      out,
      JSON.stringify(
        { pact: pactFile, target: { kind: target.kind, url: target.baseUrl, shapeOnly: target.mock }, ...result },
        null,
        2,
      ) + '\n',
    );
    for (const i of result.interactions)
      io.out(
        `${i.ok ? 'ok  ' : 'FAIL'} ${i.description}${i.message ? '\n      ' + i.message.replaceAll('\n', '\n      ') : ''}`,
      );
    io.out(
      `${result.ok ? 'VERIFIED' : 'NOT VERIFIED'}: ${result.interactions.filter((i) => i.ok).length}/${result.interactions.length} interactions${target.mock ? ' (bodies by shape only: the target is a mock)' : ''} · ${out}`,
    );
    return result.ok ? 0 : 1;
  } finally {
    await target.stop();
  }
}
