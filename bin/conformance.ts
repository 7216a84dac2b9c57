#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 --max-old-space-size=256
// The development entry (npm start, the tests): the TypeScript sources by Node's type stripping. Users run
// bin/conformance.js, which checks the Node version first and runs the compiled package.
// Heap limits keep peak RSS flat over long runs (the live heap stays small; V8 would otherwise grow it freely), and so
// do two glibc malloc arenas instead of eight a core (~30 MB less over the same run: bench/run.ts).
import module from 'node:module';

// Node's compile cache, as bin/conformance.js enables it (see there); the sources are loaded after it, not before.
const cache = module.enableCompileCache();
if (cache.directory !== undefined && process.env.NODE_COMPILE_CACHE === undefined)
  process.env.NODE_COMPILE_CACHE = cache.directory;
await import('../src/cli/bin.ts');
