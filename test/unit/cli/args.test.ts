import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  intFlag,
  operationFlag,
  OPTIONS,
  parseCommandLine,
  rateFlag,
  shardFlag,
  UsageError,
} from '../../../src/cli/args.ts';
import { TOOL } from '../../../src/version.ts';

const usage = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  return expect.unreachable('no usage error');
};

describe('parseCommandLine', () => {
  it('splits the command, its arguments and flags', () => {
    expect(parseCommandLine(['run', '--runs', '5', '--dry-run', '--target=prism'])).toEqual({
      command: 'run',
      positionals: [],
      flags: { runs: '5', 'dry-run': true, target: 'prism' },
    });
  });
  it.each([
    [['run', '--bogus'], 'unknown flag --bogus (see conformance --help)'],
    [['run', '-x'], 'unknown flag -x (see conformance --help)'],
    [['run', '--runs'], '--runs expects a value'],
    [['run', '--insecure=yes'], '--insecure takes no value'],
    [['run', '--tagret', 'x'], 'unknown flag --tagret (did you mean --target?)'],
    [['replay', '--failur', 'F1'], 'unknown flag --failur (did you mean --failure?)'],
    [['rn'], 'unknown command "rn" (did you mean run?)'],
    [['frobnicate'], 'unknown command "frobnicate" (run, verify-pact, replay, merge-reports, baseline)'],
    [['replay', 'r.json', '--runs', '3'], 'replay does not take --runs (a flag of run; see conformance help replay)'],
    [
      ['verify-pact', '--shard', '1/2'],
      'verify-pact does not take --shard (a flag of run; see conformance help verify-pact)',
    ],
    [
      ['merge-reports', '--seed', '1', 'a'],
      'merge-reports does not take --seed (a flag of run; see conformance help merge-reports)',
    ],
  ])('%j: %s', (argv, message) => {
    expect(usage(() => parseCommandLine(argv))).toBe(message);
  });
  it('takes flags before the command, as before commander', () => {
    expect(parseCommandLine(['--runs', '3', 'run', '--dry-run'])).toEqual({
      command: 'run',
      positionals: [],
      flags: { runs: '3', 'dry-run': true },
    });
  });
  it('help of an unknown command says so, with the nearest command', () => {
    expect(usage(() => parseCommandLine(['help', 'replya']))).toBe('unknown command "replya" (did you mean replay?)');
  });
  it('takes a negative number as the value of a flag, so that the flag’s own check names the problem', () => {
    expect(parseCommandLine(['run', '--timeout', '-1']).flags.timeout).toBe('-1');
    expect(usage(() => intFlag('timeout', '-1', 0, 1, 10))).toBe('--timeout must be between 1 and 10, got -1');
  });
  it('does not take a following flag as a value', () => {
    expect(usage(() => parseCommandLine(['run', '--runs', '--dry-run']))).toMatch(/--runs/);
  });
});

describe('help and version', () => {
  it('--version prints the package version', () => {
    expect(parseCommandLine(['--version']).output).toBe(TOOL.version);
  });
  it.each(Object.keys(COMMANDS))(
    'help %s and CMD --help list exactly its flags, each with its default, and its exit codes',
    (name) => {
      const help = parseCommandLine(['help', name]).output!;
      expect(parseCommandLine([name, '--help']).output).toBe(help);
      const listed = [...help.matchAll(/^ {2}(--[\w-]+)/gm)].map((m) => m[1]);
      const mine = Object.entries(OPTIONS)
        .filter(([, row]) => (row.commands as readonly string[]).includes(name))
        .map(([flag]) => `--${flag}`);
      expect(listed).toEqual(mine);
      for (const exit of COMMANDS[name as keyof typeof COMMANDS].exits) expect(help).toContain(exit);
      if (name === 'run') {
        const flat = help.replace(/\s+/g, ' ');
        expect(flat).toContain(
          '--runs <N> random valid cases, and as many random invalid ones, after the boundary phase (default: 100)',
        );
        expect(flat).toContain('--timeout <MS> per request, in milliseconds (default: 10000; 2000 against Prism)');
      }
    },
  );
  it('the top-level help names every command and the exit codes', () => {
    const help = parseCommandLine(['--help']).output!;
    for (const name of Object.keys(COMMANDS)) expect(help).toContain(name);
    expect(help).toContain('130 interrupted');
  });
});

describe('flag values', () => {
  it.each([
    [() => intFlag('runs', 'abc', 0, 0), '--runs expects a whole number, got "abc"'],
    [() => intFlag('runs', '1.5', 0, 0), '--runs expects a whole number, got "1.5"'],
    [() => intFlag('concurrency', '0', 4, 1, 256), '--concurrency must be between 1 and 256, got 0'],
    [() => rateFlag('0'), '--rate expects requests per second above 0, such as 10 or 10/s, got "0"'],
    [() => rateFlag('fast'), '--rate expects requests per second above 0, such as 10 or 10/s, got "fast"'],
    [() => shardFlag('3/2'), '--shard expects i/n with 1 ≤ i ≤ n, got "3/2"'],
    [() => shardFlag('0/2'), '--shard expects i/n with 1 ≤ i ≤ n, got "0/2"'],
    [
      () => operationFlag('/v1/onboarding/entities'),
      '--operation expects "METHOD /path", e.g. "POST /v1/onboarding/entities", got "/v1/onboarding/entities"',
    ],
  ])('%#: %s', (f, message) => {
    expect(usage(f)).toBe(message);
  });
  it('accepts good values', () => {
    expect(intFlag('runs', '0', 100, 0)).toBe(0);
    expect(intFlag('runs', undefined, 100, 0)).toBe(100);
    expect(rateFlag('2.5/s')).toBe(2.5);
    expect(shardFlag('2/3')).toEqual({ index: 2, count: 3 });
    expect(operationFlag('post /v1/onboarding/entities')).toEqual({ method: 'POST', path: '/v1/onboarding/entities' });
    expect(operationFlag(undefined)).toBeUndefined();
  });
});
