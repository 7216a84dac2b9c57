// The process around main(): real stdout and stderr, Ctrl-C, the exit code. bin/conformance.js loads this module.
import { main } from './main.ts';

// First Ctrl-C: stop sending, finish in-flight requests, write the reports marked interrupted. Second: leave now.
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});
process.on('SIGTERM', () => controller.abort());
// `npx conformance` runs this under npm's `sh -c`, which stands between a CI's signal and this process: npm forwards
// SIGTERM to the shell, which dies and leaves this process orphaned. Orphaned, the run stops as on SIGTERM.
const parent = process.ppid;
const orphaned = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(orphaned);
  controller.abort();
}, 250);
orphaned.unref();

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
