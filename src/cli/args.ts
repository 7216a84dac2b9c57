import { Command, CommanderError, Option } from 'commander';
import { TOOL } from '../version.ts';
import { DEFAULT_OPERATION, operationName, parseOperation, type OperationRef } from '../spec/operation.ts';

/** Bad command-line input: one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The commands, in the order help lists them. */
export const COMMANDS = {
  run: {
    args: '',
    summary: 'the suite against a target (the embedded Prism mock or a provider) and its verdict',
    exits: [
      '0 the target conforms (waived failures allowed)',
      '1 at least one conformance failure',
      '2 usage, spec or target error, told in one line; a target given up on (unusable; a target that answered, then went down after failures were found, fails: exit 1)',
      '3 incomplete: the run stopped before its plan was done and found no failure',
      '130 interrupted (Ctrl-C): reports written, verdict interrupted',
    ],
  },
  'verify-pact': {
    args: '',
    summary: 'the consumer contract (a Pact file) replayed against a target with Pact’s Verifier',
    exits: [
      '0 every interaction verified',
      '1 an interaction not verified',
      '2 usage, pact or target error',
      '3 incomplete: interactions need provider states (--provider-states-setup-url), nothing else failed',
    ],
  },
  replay: {
    args: 'REPORT',
    summary: 're-send the minimal failing requests of REPORT (a report.json or its folder): fixed or still failing',
    exits: [
      '0 every replayed failure is fixed',
      '1 an unwaived failure still fails',
      '2 usage, report or target error',
    ],
  },
  'merge-reports': {
    args: 'DIR...',
    summary: 'join the reports of the shards of one run (DIR... their report folders) into one report',
    exits: [
      '0 the merged run conforms',
      '1 at least one conformance failure',
      '2 usage error: a shard missing, or shards of different runs',
    ],
  },
  baseline: {
    args: 'REPORT',
    summary: 'write the problems of REPORT as a baseline file (--out FILE) that run --baseline fails only beyond',
    exits: ['0 the baseline was written', '2 usage or report error'],
  },
} as const satisfies Record<string, { args: string; summary: string; exits: readonly string[] }>;

export type CommandName = keyof typeof COMMANDS;

/** One flag: its value placeholder (none: a switch), what it does, its default as help shows it, who takes it. */
export interface OptionRow {
  readonly value?: string;
  readonly description: string;
  /** As help says it; per command where the commands differ. */
  readonly default?: string | Partial<Record<CommandName, string>>;
  readonly commands: readonly CommandName[];
}

const RUN_REPLAY_PACT = ['run', 'replay', 'verify-pact'] as const;
const RUN_REPLAY = ['run', 'replay'] as const;

/**
 * Every flag of every command, defined once: the parser, `--help` and docs/cli.md follow this table. A flag is
 * refused by a command that is not in its `commands`. Defaults are applied by the commands (the row only says them).
 */
export const OPTIONS = {
  target: {
    value: 'prism|URL',
    description: 'the embedded Prism mock, or the provider at URL (standing for the spec’s servers[0].url)',
    default: { run: 'prism', 'verify-pact': 'prism', replay: 'the report’s target' },
    commands: RUN_REPLAY_PACT,
  },
  token: {
    value: 'T',
    description: 'bearer token (better: CONNECT_TOKEN); never written to any report or log',
    default: '$CONNECT_TOKEN',
    commands: [...RUN_REPLAY_PACT, 'merge-reports'],
  },
  'token-url': {
    value: 'URL',
    description: 'OAuth2 client credentials from CONNECT_CLIENT_ID and CONNECT_CLIENT_SECRET, refreshed before expiry',
    default: { replay: 'the report’s, when CONNECT_CLIENT_ID and CONNECT_CLIENT_SECRET are set and no token is given' },
    commands: RUN_REPLAY,
  },
  scope: {
    value: 'S',
    description: 'the OAuth2 scope to ask for (with --token-url)',
    default: { replay: 'the report’s, with its token URL' },
    commands: RUN_REPLAY,
  },
  seed: {
    value: 'N',
    description: 'the same seed gives the same cases (printed, and in the report)',
    default: 'random',
    commands: ['run'],
  },
  runs: {
    value: 'N',
    description: 'random valid cases, and as many random invalid ones, after the boundary phase',
    default: '100',
    commands: ['run'],
  },
  concurrency: {
    value: 'N',
    description: 'requests in flight',
    default: { run: '4', replay: 'the run’s' },
    commands: RUN_REPLAY,
  },
  timeout: {
    value: 'MS',
    description: 'per request, in milliseconds',
    default: { run: '10000; 2000 against Prism', replay: 'the run’s' },
    commands: RUN_REPLAY,
  },
  rate: {
    value: 'N/s',
    description: 'client-side pace, requests per second',
    default: { run: 'unpaced', replay: 'the run’s' },
    commands: RUN_REPLAY,
  },
  'max-requests': {
    value: 'N',
    description: 'hard request budget, 429 retries, shrinking and examples re-sent alone included',
    default: 'none',
    commands: RUN_REPLAY,
  },
  shard: {
    value: 'i/n',
    description: 'run every n-th case from the i-th (one seed for all shards; join with merge-reports)',
    commands: ['run'],
  },
  'dry-run': {
    description: 'print the plan (requests by case class) and how long it takes at --rate, and send nothing',
    commands: ['run'],
  },
  insecure: {
    description: 'skip TLS certificate verification (said in the report)',
    default: { replay: 'as in the report' },
    commands: RUN_REPLAY,
  },
  'report-dir': {
    value: 'DIR',
    description: 'where report.json, junit.xml, report.html and report.md go (verify-pact: pact-verification.json)',
    default: 'reports',
    commands: ['run', 'verify-pact', 'merge-reports'],
  },
  spec: {
    value: 'FILE',
    description: 'another OpenAPI 3.0 document holding this operation',
    default: {
      run: 'the bundled spec/openapi.yaml',
      'verify-pact': 'the bundled spec/openapi.yaml',
      replay: 'the report’s spec',
    },
    commands: RUN_REPLAY_PACT,
  },
  operation: {
    value: '"METHOD /path"',
    description:
      'the operation judged, one the spec holds and the suite has a verdict profile for (report.json names it; shards, baselines and --compare of another operation are refused)',
    default: 'POST /v1/onboarding/entities',
    commands: ['run'],
  },
  waivers: {
    value: 'FILE',
    description: 'the team’s waivers',
    default: 'spec/waivers.json in the current folder, when present',
    commands: ['run'],
  },
  fixtures: {
    value: 'FILE',
    description:
      'the values a vendor sandbox knows, per field (JSON, schemas/fixtures.schema.json; docs/fixtures.md): cases send them instead of generated ones, except for the field they violate',
    default: 'none: every value generated',
    commands: ['run'],
  },
  pact: {
    value: 'FILE',
    description: 'the Pact file to verify',
    default: 'the bundled contracts/pacts/ file',
    commands: ['verify-pact'],
  },
  'broker-url': {
    value: 'URL',
    description: 'not built in: publish contracts/pacts/ with the pact-broker CLI',
    commands: ['verify-pact'],
  },
  failure: {
    value: 'F',
    description: 'replay only this failure (F2 or 2)',
    default: 'all',
    commands: ['replay'],
  },
  problem: {
    value: 'P',
    description: 'replay only this problem’s example (P3 or 3), judged by the check that names it',
    default: 'all failures, then a line per problem',
    commands: ['replay'],
  },
  ca: {
    value: 'FILE',
    description:
      'trust the CA certificates (PEM) in FILE for the target and the token endpoint (a sandbox’s private CA)',
    default: { run: 'the system’s', replay: 'as in the report' },
    commands: RUN_REPLAY,
  },
  'give-up-after': {
    value: 'N',
    description:
      'stop after N consecutive exchanges without a usable answer (transport failures, 429s, 503s): the target is unusable (exit 2), or, when it had answered and failures were found before, it went down during the run and fails (exit 1); 0 never gives up',
    default: '8',
    commands: RUN_REPLAY,
  },
  'time-limit': {
    value: 'S',
    description: 'stop sending after S seconds; the run is then incomplete (exit 3) unless something failed',
    default: 'none',
    commands: ['run'],
  },
  baseline: {
    value: 'FILE',
    description:
      'a baseline (conformance baseline): its problems are reported but fail the run no more; fixed entries are listed',
    commands: ['run'],
  },
  compare: {
    value: 'REPORT',
    description: 'a previous report.json: adds triage (new, still failing, fixed) to every report',
    commands: ['run'],
  },
  'har-all': {
    description: 'also write every exchange to exchanges.har (HAR 1.2, redacted), streamed as the run goes',
    default: 'failures.har only',
    commands: ['run'],
  },
  'all-failures': {
    description: 'print every distinct failure on the console, not only the problems and counts',
    default: 'on a terminal; problems only in CI logs',
    commands: ['run', 'merge-reports'],
  },
  out: { value: 'FILE', description: 'where the baseline file is written', commands: ['baseline'] },
  'provider-states-setup-url': {
    value: 'URL',
    description:
      'the provider’s test endpoint that sets up a provider state (Pact’s convention); without it, interactions that need one are not verified (exit 3)',
    commands: ['verify-pact'],
  },
  verbose: { description: 'show what Pact’s Verifier prints (on stderr)', commands: ['verify-pact'] },
} as const satisfies Record<string, OptionRow>;

type Options = typeof OPTIONS;
export type Flags = { [K in keyof Options]?: Options[K] extends { value: string } ? string : boolean };

const EXIT_HEADING = 'Exit codes:';

/** The commander program built from the two tables above; `record` receives the command that matched. */
function program(record: (command: CommandName, positionals: string[], flags: Flags) => void, sink: Sink): Command {
  const root = new Command('conformance')
    .description(`conformance suite for ${operationName(DEFAULT_OPERATION)} (${TOOL.name} ${TOOL.version})`)
    .version(TOOL.version, '--version', 'print the version and exit')
    .helpOption('-h, --help', 'print this help and exit')
    .helpCommand('help [command]', 'print the help of a command')
    .exitOverride()
    .configureOutput({ writeOut: sink.out, writeErr: sink.err, outputError: () => undefined })
    .showSuggestionAfterError(true)
    .configureHelp({
      subcommandTerm: (c) =>
        `${c.name()} ${c.name() in COMMANDS ? COMMANDS[c.name() as CommandName].args : '[command]'}`.trim(),
    })
    .addHelpText(
      'after',
      `\nexit codes: 0 conforms · 1 conformance failure · 2 usage, spec or target error · 3 incomplete · 130 interrupted\nconformance help COMMAND lists its flags, defaults and exit codes.`,
    );
  for (const [name, meta] of Object.entries(COMMANDS) as [CommandName, (typeof COMMANDS)[CommandName]][]) {
    const cmd = root
      .command(name)
      .summary(meta.summary)
      .description(meta.summary)
      .usage(`${meta.args ? meta.args + ' ' : ''}[flags]`)
      .argument('[arguments...]')
      .helpOption('-h, --help', 'print this help and exit')
      .addHelpText('after', `\n${EXIT_HEADING}\n${meta.exits.map((e) => `  ${e}`).join('\n')}`)
      .action((args: string[]) => {
        const values = cmd.opts<Record<string, string | boolean | undefined>>();
        const flags: Record<string, string | boolean> = {};
        for (const o of cmd.options) {
          const v = values[o.attributeName()];
          if (v !== undefined && o.long !== undefined && o.long !== '--help') flags[o.long.slice(2)] = v;
        }
        record(name, args, flags); // keys are OPTIONS' names (from the options added below)
      });
    for (const [flag, row] of Object.entries<OptionRow>(OPTIONS)) {
      if (!row.commands.includes(name)) continue;
      const fallback = typeof row.default === 'object' ? row.default[name] : row.default;
      const text = fallback === undefined ? row.description : `${row.description} (default: ${fallback})`;
      cmd.addOption(new Option(`--${flag}${row.value === undefined ? '' : ` <${row.value}>`}`, text));
    }
  }
  return root;
}

interface Sink {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/** What the command line asks for; `output` is set when it asked for help or the version (print it, exit 0). */
export interface CommandLine {
  command: string | undefined;
  positionals: string[];
  flags: Flags;
  output?: string;
}

/** Parses argv with commander; unknown flags, flags of another command and stray values are usage errors. */
export function parseCommandLine(given: readonly string[]): CommandLine {
  // Flags may come before the command (`conformance --seed 1 run`), as they always could: move the command first.
  const at = commandIndex(given);
  const command = at === -1 ? undefined : given[at];
  const argv = at <= 0 ? given : [given[at], ...given.slice(0, at), ...given.slice(at + 1)];
  // `help NAME` of no command: the same line as for running it.
  if (command === 'help' && argv[1] !== undefined && !Object.hasOwn(COMMANDS, argv[1]))
    return parseCommandLine([argv[1]]);
  // commander takes whatever follows a flag as its value; a flag there means the value was forgotten.
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (isValueFlag(argv[i]) && next !== undefined && /^--?[a-z]/i.test(next))
      throw new UsageError(`${argv[i]} expects a value`);
  }
  let out = '';
  let matched: CommandLine | undefined;
  const root = program((name, positionals, flags) => (matched = { command: name, positionals, flags }), {
    out: (s) => (out += s),
    err: (s) => (out += s),
  });
  try {
    root.parse([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.exitCode === 0) return { command: undefined, positionals: [], flags: {}, output: out.trimEnd() };
    throw new UsageError(usageMessage(e, command));
  }
  return matched ?? { command: undefined, positionals: [], flags: {}, output: root.helpInformation().trimEnd() };
}

/** The help of the whole program, for `conformance` alone. */
export function usage(): string {
  return program(() => undefined, { out: () => undefined, err: () => undefined })
    .helpInformation()
    .trimEnd();
}

/** commander's error in the suite's words: one line, the nearest valid name where there is one. */
function usageMessage(e: CommanderError, command: string | undefined): string {
  const nearest = /\(Did you mean (.+?)\?\)/.exec(e.message)?.[1];
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownOption': {
      const [name, value] = quoted.split(/=(.*)/s);
      const row: OptionRow | undefined = Object.hasOwn(OPTIONS, name.slice(2))
        ? OPTIONS[name.slice(2) as keyof Options]
        : undefined;
      const mine = row !== undefined && command !== undefined && (row.commands as readonly string[]).includes(command);
      if (mine && value !== undefined) return `${name} takes no value`;
      if (row !== undefined && !mine && command !== undefined)
        return `${command} does not take ${name} (a flag of ${row.commands.join(', ')}; see conformance help ${command})`;
      return `unknown flag ${quoted} (${nearest ? `did you mean ${nearest}?` : 'see conformance --help'})`;
    }
    case 'commander.unknownCommand':
      return `unknown command ${JSON.stringify(quoted)} (${nearest ? `did you mean ${nearest}?` : Object.keys(COMMANDS).join(', ')})`;
    case 'commander.optionMissingArgument':
      return `${quoted.split(' ')[0]} expects a value`;
    default:
      return e.message.replace(/^error: /, '').split('\n')[0];
  }
}

/** Where the command is: the first word that is neither a flag nor a flag's value, or -1. */
function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('-')) return i;
    if (isValueFlag(argv[i])) i++;
  }
  return -1;
}

function isValueFlag(arg: string | undefined): boolean {
  const name = /^--([\w-]+)$/.exec(arg ?? '')?.[1];
  return name !== undefined && Object.hasOwn(OPTIONS, name) && 'value' in OPTIONS[name as keyof Options];
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

/** `--operation "METHOD /path"`: the operation a run judges, undefined when not given; a malformed one is exit 2. */
export function operationFlag(raw: string | undefined): OperationRef | undefined {
  if (raw === undefined) return undefined;
  const op = parseOperation(raw);
  if (op === undefined)
    throw new UsageError(
      `--operation expects "METHOD /path", e.g. "${operationName(DEFAULT_OPERATION)}", got ${JSON.stringify(raw)}`,
    );
  return op;
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
