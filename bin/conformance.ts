#!/usr/bin/env -S node --max-semi-space-size=4 --max-old-space-size=256
// Heap limits keep peak RSS flat over long runs (the live heap stays small; V8 would otherwise grow it freely).
import { main } from '../src/cli/main.ts';

// First Ctrl-C: stop sending, finish in-flight requests, write the reports marked interrupted. Second: leave now.
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});
process.on('SIGTERM', () => controller.abort());

const io = {
  out: (line: string) => process.stdout.write(line + '\n'),
  err: (line: string) => process.stderr.write(line + '\n'),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
};
process.exitCode = await main(process.argv.slice(2), io, controller.signal);
