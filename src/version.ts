import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

/** The suite's name and version, as reports carry them. */
export const TOOL = { name: pkg.name, version: pkg.version } as const;
