// docs/cli.md documents exactly the flags, defaults and exit codes of the table the parser and --help are built from.
// After adding a flag to OPTIONS: `UPDATE_DOCS=1 npx vitest run test/unit/cli/docs.test.ts` rewrites the sections.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, OPTIONS, type CommandName, type OptionRow } from '../../../src/cli/args.ts';

const FILE = new URL('../../../docs/cli.md', import.meta.url);
const NAMES = Object.keys(COMMANDS) as CommandName[];

/** The section docs/cli.md has for one command, as the tables define it. */
function section(name: CommandName): string {
  const meta = COMMANDS[name];
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const rows = Object.entries<OptionRow>(OPTIONS)
    .filter(([, row]) => row.commands.includes(name))
    .map(([flag, row]) => {
      const fallback = (typeof row.default === 'object' ? row.default[name] : row.default) ?? '—';
      return `| \`--${flag}${row.value === undefined ? '' : ` ${cell(row.value)}`}\` | ${cell(row.description)} | ${cell(fallback)} |`;
    });
  const exits = meta.exits.map((e) => e.replace(/^(\d+) /, '**$1** ')).join(' · ');
  return [
    `## \`conformance ${name}${meta.args ? ` ${meta.args}` : ''}\``,
    '',
    `${meta.summary}.`,
    '',
    '| flag | meaning | default |',
    '|---|---|---|',
    ...rows,
    '',
    `Exit codes: ${exits}.`,
    '',
  ].join('\n');
}

/** docs/cli.md cut into its prose and one part per command section. */
function split(doc: string): { head: string; sections: string[] } {
  const start = doc.search(/^## `conformance /m);
  const head = start === -1 ? doc : doc.slice(0, start);
  const rest = start === -1 ? '' : doc.slice(start);
  return { head, sections: rest.split(/^(?=## )/m) };
}

if (process.env['UPDATE_DOCS']) {
  const { head } = split(readFileSync(FILE, 'utf8'));
  writeFileSync(FILE, `${head.trimEnd()}\n\n${NAMES.map(section).join('\n')}`);
}
const doc = readFileSync(FILE, 'utf8');

describe('docs/cli.md', () => {
  it('has one section per command, as the flags table defines it', () => {
    const update = 'UPDATE_DOCS=1 npx vitest run test/unit/cli/docs.test.ts';
    expect(
      split(doc).sections.map((x) => x.trim()),
      `docs/cli.md is not the flags table's: ${update}`,
    ).toEqual(NAMES.map((n) => section(n).trim()));
  });
  it('lists every exit code the suite has', () => {
    for (const code of [0, 1, 2, 3, 130]) expect(doc).toContain(`| **${code}** |`);
  });
});
