#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 --max-old-space-size=256
// The command `conformance`. Plain JavaScript that any Node parses, so that an unsupported Node gets one line saying
// what is needed instead of a stack trace. Heap limits keep peak RSS flat over long runs; two glibc malloc arenas
// instead of eight a core hold ~30 MB less over the same run (bench/run.ts, docs/performance.md).
import { existsSync } from 'node:fs';
import module from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (!(major >= 24 || (major === 22 && minor >= 19))) {
  process.stderr.write(
    `conformance: needs Node.js 22 (22.19 or later) or 24+; this is Node.js ${process.versions.node}\n`,
  );
  process.exit(2);
}
// Node's compile cache (V8's code cache and the stripped TypeScript of each module, checked against the source, in the
// OS temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off): start-up takes about a third less CPU from the second run
// on. Exported so that the generation worker and the child processes (Prism, Pact's verifier) use it too.
const cache = module.enableCompileCache?.();
if (cache?.directory && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = cache.directory;
// The published package runs its compiled form (dist/); a clone of the repository runs its TypeScript sources.
const sources = new URL('../src/cli/bin.ts', import.meta.url);
const fromSources = existsSync(sources) && !import.meta.url.includes('/node_modules/');
await import(fromSources ? sources.href : new URL('../dist/cli/bin.js', import.meta.url).href);
