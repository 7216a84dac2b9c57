// Runs Prism's CLI in this process and exits when the parent dies, so that no Prism outlives a killed suite.
import http from 'node:http';
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

// Prism 5.16 copies validation messages into an `sl-violations` header; a message quoting a non-Latin-1 character
// (an unknown key "é", a Cyrillic near-miss of an enum) makes setHeader throw and the whole mock crash.
// Escaping them keeps Prism answering its 400 (listed in the report as a Prism workaround).
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with .call(this, …) below
const setHeader = http.ServerResponse.prototype.setHeader;
http.ServerResponse.prototype.setHeader = function (
  this: http.ServerResponse,
  name: string,
  value: number | string | readonly string[],
) {
  const safe =
    name.toLowerCase() === 'sl-violations' && typeof value === 'string'
      ? value.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      : value;
  return setHeader.call(this, name, safe);
} as typeof setHeader;
// One failing request must not take the mock down for the rest of the run.
process.on('uncaughtException', (e) => console.error(`prism-child: ${e.message}`));
process.on('unhandledRejection', (e) => console.error(`prism-child: ${String(e)}`));

const require = createRequire(import.meta.url);
process.argv = [process.argv[0], 'prism', ...process.argv.slice(2)];
require('@stoplight/prism-cli/dist/index.js');
