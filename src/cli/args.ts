import { parseArgs } from 'node:util';

/** Bad command-line input: one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Every flag any command takes (DESIGN.md "Command line"); each command validates the ones it uses. */
export const FLAGS = {
  target: { type: 'string' },
  token: { type: 'string' },
  'token-url': { type: 'string' },
  scope: { type: 'string' },
  seed: { type: 'string' },
  runs: { type: 'string' },
  'report-dir': { type: 'string' },
  spec: { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  rate: { type: 'string' },
  'max-requests': { type: 'string' },
  shard: { type: 'string' },
  'dry-run': { type: 'boolean' },
  insecure: { type: 'boolean' },
  pact: { type: 'string' },
  failure: { type: 'string' },
  waivers: { type: 'string' },
  'give-up-after': { type: 'string' },
  'time-limit': { type: 'string' },
  ca: { type: 'string' },
  'broker-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Flags = { [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

/** Parses argv; unknown flags and stray arguments are usage errors. */
export function parseCommandLine(argv: readonly string[]): {
  command: string | undefined;
  positionals: string[];
  flags: Flags;
} {
  // `--timeout -1`: node:util refuses a value that starts with a dash; join it so that the flag's own check names the problem.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (isValueFlag(argv[i]) && next !== undefined && /^-\d/.test(next)) {
      args.push(`${argv[i]}=${next}`);
      i++;
    } else args.push(argv[i]);
  }
  try {
    const { values, positionals } = parseArgs({ args, options: FLAGS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    return { command, positionals: rest, flags: values };
  } catch (e) {
    // node:util's messages span lines; keep the first sentence, in the suite's words where it has them.
    const first = (e as Error).message.split(/\.(?:\s|$)/)[0];
    throw new UsageError(
      first
        .replace(/^Unknown option '(.+)'$/, 'unknown flag $1 (see conformance --help)')
        .replace(/^Option '(--[\w-]+)(?: <value>)?' argument missing$/, '$1 expects a value')
        .replace(/^Option '(--[\w-]+)' does not take an argument$/, '$1 takes no value'),
    );
  }
}

function isValueFlag(arg: string | undefined): boolean {
  const name = /^--([\w-]+)$/.exec(arg ?? '')?.[1];
  return name !== undefined && name in FLAGS && FLAGS[name as keyof typeof FLAGS].type === 'string';
}

/** A whole number within bounds, or a usage error naming the flag. */
export function intFlag(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} expects a whole number, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** `--rate N` or `--rate N/s`: requests per second, more than 0. */
export function rateFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/s)?\s*$/.exec(raw);
  if (!m || Number(m[1]) <= 0)
    throw new UsageError(`--rate expects requests per second above 0, such as 10 or 10/s, got ${JSON.stringify(raw)}`);
  return Number(m[1]);
}

/** `--shard i/n` with 1 ≤ i ≤ n. */
export function shardFlag(raw: string | undefined): { index: number; count: number } | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard expects i/n with 1 ≤ i ≤ n, got ${JSON.stringify(raw)}`);
  return { index, count };
}
