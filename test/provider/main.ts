// CLI: node test/provider/main.ts [--port N] [--token T] [--variation V] [--fault F] [--base-path P]
//        [--provider-states] [--list]
// Prints the provider URL (servers[0].url equivalent) on one line, then with --provider-states the Pact state
// set-up URL on a second; stops on SIGINT/SIGTERM.

import { parseArgs } from 'node:util';
import { FAULTS } from './faults.ts';
import { startProvider, type ProviderOptions } from './server.ts';
import { VARIATIONS } from './variations.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    token: { type: 'string' },
    variation: { type: 'string' },
    fault: { type: 'string' },
    'base-path': { type: 'string' },
    'provider-states': { type: 'boolean' },
    list: { type: 'boolean' },
  },
  strict: true,
});

if (values.list === true) {
  for (const v of VARIATIONS) console.log(`variation  ${v.name}`);
  for (const f of FAULTS) console.log(`fault      ${f.name}  (${f.area})`);
  process.exit(0);
}

const options: ProviderOptions = {};
if (values.port !== undefined) {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid --port ${values.port}`);
    process.exit(2);
  }
  options.port = port;
}
if (values.token !== undefined) options.token = values.token;
if (values.variation !== undefined) options.variation = values.variation;
if (values.fault !== undefined) options.fault = values.fault;
if (values['base-path'] !== undefined) options.basePath = values['base-path'];
if (values['provider-states'] === true) options.providerStates = true;

let provider;
try {
  provider = await startProvider(options);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
console.log(provider.url);
if (provider.statesUrl !== undefined) console.log(provider.statesUrl);

const running = provider;
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void running.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
