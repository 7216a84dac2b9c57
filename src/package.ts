// Where the installed package lives: the bundled spec, pact, waivers and child scripts are read from here, never from
// the current folder. `src/x.ts` in a clone and `dist/x.js` in the published package sit at the same depth.
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder (where its package.json is). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A file shipped with the package, by its path inside the package. */
export function packageFile(path: string): string {
  return fileURLToPath(new URL(path, new URL('../', import.meta.url)));
}

/** A module beside `base` (an `import.meta.url`): `name.ts` when running the sources, `name.js` when compiled. */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/** A bundled file as the user sees it: relative to the current folder when below it, else absolute. */
export function shownPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') || rel.startsWith(sep) ? file : rel;
}

/** The OpenAPI document the suite judges by default (`--spec FILE` overrides it). */
export const BUNDLED_SPEC = packageFile('spec/openapi.yaml');
