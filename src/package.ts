// Where the installed package lives: the bundled spec, pact, waivers and child scripts are read from here, never from
// the current folder. `src/x.ts` in a clone and `dist/x.js` in the published package sit at the same depth.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL } from './version.ts';

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

/**
 * The bundled spec's name in a report when it lies outside the current folder (an Action's install under RUNNER_TEMP,
 * a global npx cache): the same on every machine, so that a downloaded report replays; read back by `specFile`.
 */
export const BUNDLED_SPEC_NAME = `${TOOL.name}/spec/openapi.yaml`;

/** How a run records the spec it judges: as `shownPath` shows it, the bundled one outside the folder by its name. */
export function recordedSpecPath(file: string, cwd = process.cwd()): string {
  const shown = shownPath(file, cwd);
  return isAbsolute(shown) && resolve(file) === BUNDLED_SPEC ? BUNDLED_SPEC_NAME : shown;
}

/** The file a recorded spec path names: `BUNDLED_SPEC_NAME` is the installed package's own spec. */
export function specFile(recorded: string): string {
  return recorded === BUNDLED_SPEC_NAME ? BUNDLED_SPEC : recorded;
}
