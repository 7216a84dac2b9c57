import { SpecError } from '../spec/load.ts';
import { TargetError } from '../targets/types.ts';
import { WaiverError } from '../waivers.ts';
import { ReportFileError } from '../report/read.ts';
import { UsageError, parseCommandLine, usage } from './args.ts';
import { createSecrets, secretsFrom } from '../secrets.ts';
import { runCommand } from './run.ts';
import { verifyPactCommand } from './verify-pact.ts';
import { replayCommand } from './replay.ts';
import { mergeCommand } from './merge.ts';
import type { Io } from './io.ts';
import { baselineCommand } from './baseline.ts';

/** Runs one command line and returns the exit code; never throws. */
export async function main(argv: readonly string[], io: Io, signal?: AbortSignal): Promise<number> {
  // The run's secrets, collected once: every command and the error line below redact with them.
  const secrets = createSecrets();
  const redact = secrets.redact;
  try {
    secrets.add(...secretsFrom(undefined, io.env));
    // Nothing to do: the help, and exit 2 as for any other unusable command line.
    if (argv.length === 0) {
      io.out(usage());
      return 2;
    }
    const { command, positionals, flags, output } = parseCommandLine(argv);
    secrets.add(...secretsFrom(flags.token, io.env));
    if (output !== undefined) {
      io.out(output);
      return 0;
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
      case 'baseline':
        return await baselineCommand(positionals, flags, io);
      default:
        throw new UsageError(
          `unknown command ${JSON.stringify(command)} (run, verify-pact, replay, merge-reports, baseline)`,
        );
    }
  } catch (e) {
    const err = e as Error;
    const known =
      e instanceof UsageError ||
      e instanceof SpecError ||
      e instanceof TargetError ||
      e instanceof WaiverError ||
      e instanceof ReportFileError;
    const line = (known ? err.message : `internal error: ${err.message}`).split('\n')[0];
    io.err(`conformance: ${redact(line)}`);
    if (!known && io.env['CONFORMANCE_DEBUG']) io.err(redact(String(err.stack)));
    return 2;
  }
}
