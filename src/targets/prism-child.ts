// Runs Prism's CLI in this process and exits when the parent dies, so that no Prism outlives a killed suite.
import { createRequire } from 'node:module';

const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(0);
  }
  if (process.ppid !== parent) process.exit(0);
}, 500).unref();
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

const require = createRequire(import.meta.url);
process.argv = [process.argv[0]!, 'prism', ...process.argv.slice(2)];
require('@stoplight/prism-cli/dist/index.js');
