// The process around main(): real stdout and stderr, Ctrl-C, the exit code. bin/conformance.js loads this module.
import { main } from './main.ts';
import { watchParent } from './parent.ts';

// First Ctrl-C: stop sending, finish in-flight requests, write the reports marked interrupted. Second: leave now.
// Only the SIGINTs this process receives count: a stop the parent watch asked for is not a first Ctrl-C.
const controller = new AbortController();
let sigints = 0;
process.on('SIGINT', () => {
  if (++sigints > 1) process.exit(130);
  controller.abort();
});
process.on('SIGTERM', () => controller.abort());
// Under npm (`npx conformance`, an npm script) the cancel reaches npm's `sh -c`, not this process: orphaned (SIGTERM
// killed the shell) or the shell woken (it caught SIGINT and waits for this process), the run stops as on SIGINT.
watchParent(() => controller.abort(), process.env.npm_lifecycle_event !== undefined);

// A closed pipe (`conformance help run | head`) ends the output, not the process with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });

const io = {
  out: (line: string) => process.stdout.write(line + '\n'),
  err: (line: string) => process.stderr.write(line + '\n'),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
};
process.exitCode = await main(process.argv.slice(2), io, controller.signal);
