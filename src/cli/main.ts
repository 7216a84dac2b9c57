import { SpecError } from '../spec/load.ts';
import { TargetError } from '../targets/types.ts';
import { WaiverError } from '../report/waivers.ts';
import { UsageError, parseCommandLine } from './args.ts';
import { createSecrets, secretsFrom } from '../secrets.ts';
import { runCommand } from './run.ts';
import { verifyPactCommand } from './verify-pact.ts';
import { replayCommand } from './replay.ts';
import { mergeCommand } from './merge.ts';

const USAGE = `usage: conformance <command> [flags]
  run             the suite against a target (--target prism|URL, default prism)
  verify-pact     the committed pact against a target
  replay REPORT   re-send a report's minimal failing requests
  merge-reports --report-dir OUT DIR...   join shard reports
flags: --target --token --token-url --scope --seed --runs --report-dir --spec --concurrency --timeout
       --rate --max-requests --shard --dry-run --insecure --ca --pact --failure --waivers --give-up-after --time-limit
exit codes: 0 conforms, 1 conformance failure, 2 usage, spec or target error (or a target given up on),
            3 incomplete (stopped before every case was sent, nothing failed), 130 interrupted`;

/** Output channels, so that tests can capture them. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Runs one command line and returns the exit code; never throws. */
export async function main(argv: readonly string[], io: Io, signal?: AbortSignal): Promise<number> {
  // The run's secrets, collected once: every command and the error line below redact with them.
  const secrets = createSecrets();
  const redact = secrets.redact;
  try {
    const { command, positionals, flags } = parseCommandLine(argv);
    secrets.add(...secretsFrom(flags.token, io.env));
    if (flags.help || command === undefined) {
      io.out(USAGE);
      return command === undefined && !flags.help ? 2 : 0;
    }
    switch (command) {
      case 'run':
        if (positionals.length > 0)
          throw new UsageError(`run takes no arguments, got ${JSON.stringify(positionals[0])}`);
        return await runCommand(flags, io, signal, secrets);
      case 'verify-pact':
        if (positionals.length > 0)
          throw new UsageError(`verify-pact takes no arguments, got ${JSON.stringify(positionals[0])}`);
        if (flags['broker-url'] !== undefined)
          throw new UsageError(
            '--broker-url: publishing to a Pact Broker is not built in yet; publish contracts/pacts/ with the pact-broker CLI',
          );
        return await verifyPactCommand(flags, io);
      case 'replay':
        return await replayCommand(positionals, flags, io, secrets, signal);
      case 'merge-reports':
        return await mergeCommand(positionals, flags, io, secrets);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)} (run, verify-pact, replay, merge-reports)`);
    }
  } catch (e) {
    const err = e as Error;
    const known =
      e instanceof UsageError || e instanceof SpecError || e instanceof TargetError || e instanceof WaiverError;
    const line = (known ? err.message : `internal error: ${err.message}`).split('\n')[0];
    io.err(`conformance: ${redact(line)}`);
    if (!known && io.env['CONFORMANCE_DEBUG']) io.err(redact(String(err.stack)));
    return 2;
  }
}
