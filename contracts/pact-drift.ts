// The committed pact is what `npm test` produces: this compares a freshly written pact with the committed one.
import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_PACT } from '../src/cli/verify-pact.ts';

/** The pact file the consumer tests produce, under `contracts/pacts/` (the one `verify-pact` reads by default). */
export const PACT_FILE_NAME = basename(DEFAULT_PACT);

/**
 * Drops what changes without the contract changing: the Pact library versions in `metadata`
 * (`pactRust`, `pact-js`) and each V4 interaction's `key`, a hash whose algorithm belongs to the Pact version.
 */
export function normalisePact(pact: unknown): unknown {
  const copy = structuredClone(pact) as {
    metadata?: Record<string, unknown>;
    interactions?: Record<string, unknown>[];
  };
  if (copy.metadata) {
    delete copy.metadata['pactRust'];
    delete copy.metadata['pact-js'];
  }
  for (const interaction of copy.interactions ?? []) delete interaction['key'];
  return copy;
}

/** The JSON pointers where two values differ (at most `limit`), for a readable failure message. */
export function differences(expected: unknown, actual: unknown, limit = 10, at = ''): string[] {
  if (isDeepStrictEqual(expected, actual)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (!isObj(expected) || !isObj(actual) || Array.isArray(expected) !== Array.isArray(actual)) {
    return [`${at || '/'}: committed ${JSON.stringify(expected)} / produced ${JSON.stringify(actual)}`.slice(0, 400)];
  }
  const out: string[] = [];
  for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (out.length >= limit) break;
    out.push(
      ...differences(
        expected[k],
        actual[k],
        limit - out.length,
        `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`,
      ),
    );
  }
  return out;
}
