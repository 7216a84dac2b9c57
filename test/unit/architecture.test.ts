// The import table (architecture.ts) is enforced and documented: the project's ESLint config refuses an import against
// it, and ARCHITECTURE.md shows exactly it. After changing the table:
// `UPDATE_DOCS=1 npx vitest run test/unit/architecture.test.ts` rewrites the doc's table.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { FILE_RULES, importTable, SHARED, STAGES } from '../../architecture.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = new URL('../../ARCHITECTURE.md', import.meta.url);
const BEGIN = '<!-- import table: generated from architecture.ts -->';
const END = '<!-- end of import table -->';
const eslint = new ESLint({ cwd: ROOT });

if (process.env['UPDATE_DOCS']) {
  const doc = readFileSync(DOC, 'utf8');
  const [head, rest] = [doc.slice(0, doc.indexOf(BEGIN)), doc.slice(doc.indexOf(END) + END.length)];
  writeFileSync(DOC, `${head}${BEGIN}\n${importTable()}\n${END}${rest}`);
}

/** The rule ids ESLint reports for `text` linted as the file `file` (an existing file: the type-aware rules need it). */
async function lintAs(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: `${ROOT}${file}` });
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the import table', () => {
  it('points only up the flow: each stage imports stages listed before it', () => {
    const seen = new Set<string>();
    for (const s of STAGES) {
      for (const i of s.imports) expect(seen, `${s.folder} → ${i}`).toContain(i.split('/')[0]);
      seen.add(s.folder);
    }
  });

  it('names folders and files that exist', () => {
    const named = [
      ...STAGES.flatMap((s) => [s.folder, ...s.imports]),
      ...SHARED,
      ...FILE_RULES.map((r) => r.file.replace(/^src\//, '')),
    ];
    for (const path of named)
      expect(() => readFileSync(new URL(`../../src/${path}`, import.meta.url))).not.toThrow(/ENOENT/);
  });

  it('gives each file one rule (ESLint would keep only the last)', () => {
    const files = FILE_RULES.map((r) => r.file);
    expect(files).toEqual([...new Set(files)]);
  });

  it('is the table ARCHITECTURE.md shows', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(
      doc.slice(doc.indexOf(BEGIN) + BEGIN.length, doc.indexOf(END)).trim(),
      'UPDATE_DOCS=1 npx vitest run test/unit/architecture.test.ts',
    ).toBe(importTable());
  });
});

describe('npm run lint', () => {
  const body = 'export type X = Io;\n';

  it.each([
    ['checks importing the cli', 'src/checks/util.ts', "import type { Io } from '../cli/io.ts';"],
    ['checks importing the runner (type only)', 'src/checks/util.ts', "import type { Io } from '../runner/send.ts';"],
    [
      'a generator importing the report',
      'src/generators/space/depth.ts',
      "import type { Io } from '../../report/model.ts';",
    ],
    ['validators importing generators', 'src/validators/index.ts', "export type { Io } from '../generators/case.ts';"],
    ['a shared file importing a stage', 'src/types.ts', "import type { Io } from './generators/case.ts';"],
    ['a stage importing the public API', 'src/runner/send.ts', "import type { Io } from '../index.ts';"],
    [
      'pact importing a check other than rules.ts',
      'src/pact/compare.ts',
      "import type { Io } from '../checks/judge.ts';",
    ],
    ["the report's model importing a sibling", 'src/report/model.ts', "import type { Io } from './verdict.ts';"],
    ['the replay command importing the checks', 'src/cli/replay.ts', "import type { Io } from '../checks/judge.ts';"],
    ['the replay command importing the spec', 'src/cli/replay.ts', "import type { Io } from '../spec/load.ts';"],
    ['the cli importing the validators', 'src/cli/run.ts', "import type { Io } from '../validators/index.ts';"],
    // import() is held to the same table by no-restricted-syntax (no-restricted-imports reads static imports only).
    ['checks loading the cli', 'src/checks/util.ts', "export const io = await import('../cli/io.ts');"],
    ['a generator loading the runner', 'src/generators/space/depth.ts', "void import('../../runner/send.ts');"],
    ['the replay command loading the spec', 'src/cli/replay.ts', "void import('../spec/load.ts');"],
  ])('refuses %s', async (_, file, line) => {
    const rule = line.includes('import(') ? 'no-restricted-syntax' : 'no-restricted-imports';
    const messages = await lintAs(file, `${line}\n${body}`);
    expect(
      messages.some((m) => m.startsWith(`${rule}:`)),
      messages.join('\n'),
    ).toBe(true);
  });

  it.each([
    [
      'checks importing generators',
      'src/checks/util.ts',
      "import type { TestCase as Io } from '../generators/case.ts';",
    ],
    [
      'pact importing checks/rules.ts',
      'src/pact/compare.ts',
      "import type { ROW_STATUSES as Io } from '../checks/rules.ts';",
    ],
    [
      'the runner importing the report',
      'src/runner/send.ts',
      "import type { Report as Io } from '../report/model.ts';",
    ],
    ['the runner loading the report dynamically', 'src/runner/send.ts', "void import('../report/model.ts');"],
  ])('allows %s', async (_, file, line) => {
    const messages = await lintAs(file, `${line}\n${body}`);
    expect(messages.filter((m) => /^no-restricted-(imports|syntax):/.test(m))).toEqual([]);
  });
});
