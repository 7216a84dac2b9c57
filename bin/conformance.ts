#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 --max-old-space-size=256
// The development entry (npm start, the tests): the TypeScript sources by Node's type stripping. Users run
// bin/conformance.js, which checks the Node version first and runs the compiled package.
// Heap limits keep peak RSS flat over long runs (the live heap stays small; V8 would otherwise grow it freely), and so
// do two glibc malloc arenas instead of eight a core (~30 MB less over the same run: bench/run.ts).
import '../src/cli/bin.ts';
