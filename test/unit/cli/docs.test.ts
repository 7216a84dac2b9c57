// docs/cli.md documents exactly the flags, defaults and exit codes of the table the parser and --help are built from.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, OPTIONS, type CommandName, type OptionRow } from '../../../src/cli/args.ts';

const doc = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');

/** The section of docs/cli.md headed `## \`conformance NAME …\``. */
function section(name: string): string {
  const start = doc.search(new RegExp(`^## \`conformance ${name}[ \`]`, 'm'));
  expect(start, `docs/cli.md has no section for ${name}`).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end === -1 ? undefined : end);
}

describe('docs/cli.md', () => {
  it.each(Object.keys(COMMANDS) as CommandName[])(
    'conformance %s: its flags with their defaults, its exit codes',
    (name) => {
      const text = section(name);
      const rows = [...text.matchAll(/^\| `--([\w-]+)[^`]*` \| .* \| (.*) \|$/gm)].map((m) => [m[1], m[2]]);
      const expected = Object.entries<OptionRow>(OPTIONS)
        .filter(([, row]) => row.commands.includes(name))
        .map(([flag, row]) => [flag, (typeof row.default === 'object' ? row.default[name] : row.default) ?? '—']);
      expect(rows).toEqual(expected);
      for (const exit of COMMANDS[name].exits) expect(text).toContain(exit.replace(/^(\d+) /, '**$1** '));
    },
  );
  it('lists every exit code the suite has', () => {
    for (const code of [0, 1, 2, 3, 130]) expect(doc).toContain(`| **${code}** |`);
  });
});
