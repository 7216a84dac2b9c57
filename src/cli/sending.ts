import { readFileSync } from 'node:fs';
import { intFlag, rateFlag, UsageError, type Flags } from './args.ts';
import { optional } from './optional.ts';

/**
 * The flags that say how requests are sent, read alike by `run` and `replay`: concurrency, timeout, rate, budget and
 * the dead-target watch. `defaults` (replay: the report's own) fill what is not given.
 */
export function sendingFlags(
  flags: Flags,
  defaults: { concurrency?: number; timeoutMs?: number; rate?: number } = {},
): {
  concurrency: number;
  timeoutMs?: number;
  rate?: number;
  maxRequests?: number;
  giveUpAfter?: number;
} {
  return {
    concurrency: intFlag('concurrency', flags.concurrency, defaults.concurrency ?? 4, 1, 256),
    ...optional(
      'timeoutMs',
      flags.timeout === undefined ? defaults.timeoutMs : intFlag('timeout', flags.timeout, 0, 1, 3_600_000),
    ),
    ...optional('rate', rateFlag(flags.rate) ?? defaults.rate),
    ...optional(
      'maxRequests',
      flags['max-requests'] === undefined ? undefined : intFlag('max-requests', flags['max-requests'], 0, 1),
    ),
    ...optional(
      'giveUpAfter',
      flags['give-up-after'] === undefined
        ? undefined
        : intFlag('give-up-after', flags['give-up-after'], 8, 0, 1_000_000),
    ),
  };
}

/** `--ca FILE`: the PEM certificates it holds, or a usage error naming the file. */
export function caFlag(file: string | undefined): { file: string; pem: string } | undefined {
  if (file === undefined) return undefined;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `--ca ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca ${file}: no PEM certificate in it`);
  return { file, pem };
}
