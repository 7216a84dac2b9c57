// The request-space registry: every boundary case is of one registered class, every class is sent, and
// docs/request-space.md is the registry's catalogue. After changing a class: `UPDATE_DOCS=1 npx vitest run
// test/unit/generators/request-space.test.ts` rewrites the catalogue.
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { allowedStatuses } from '../../../src/checks/rules.ts';
import type { TestCase } from '../../../src/generators/case.ts';
import { planCases } from '../../../src/generators/index.ts';
import { matchesClass, type RequestClass } from '../../../src/generators/space/class.ts';
import { DIMENSIONS } from '../../../src/generators/space/index.ts';
import { loadSpec } from '../../../src/spec/load.ts';
import { buildValidators } from '../../../src/validators/index.ts';

const FILE = new URL('../../../docs/request-space.md', import.meta.url);
const UPDATE = 'UPDATE_DOCS=1 npx vitest run test/unit/generators/request-space.test.ts';

const HEAD = `# The request space

What the suite sends, by dimension: every class of request, the verdict-table row that is due, the statuses accepted
(where an RFC leaves the server a choice, more than the row's own), the rule the class comes from (a JSON pointer into
the spec, \`<media>\` and \`<field>\` filled per case, or an RFC section), and whether a departure on the row is an
error or advisory, and why. A label's \`<part>\` is filled per case (\`valid/null/<field>\` is sent as
\`valid/null/brand\`, …); the cases themselves are listed by \`conformance run --dry-run\` and in every report.

**A 5xx fails on every case, advisory or not**, and so do an answer that breaks the documented content type or
schema, a wrong echo and a reused id: *advisory* softens only the case's own row (the status it expects) to a warning.

Generated from the registry in \`src/generators/space/\` by \`test/unit/generators/request-space.test.ts\`
(\`${UPDATE}\`); do not edit by hand.
`;

const cell = (s: string) => s.replaceAll('|', '\\|');

function row(c: RequestClass): string {
  const accepted = allowedStatuses({ kind: c.row, ...(c.accept ? { accept: c.accept } : {}) }).join(', ');
  return `| \`${cell(c.label)}\` | ${c.row} | ${accepted} | ${c.rule.startsWith('/') ? `\`${c.rule}\`` : c.rule} | ${c.severity} | ${cell(c.why)} |`;
}

function catalogue(): string {
  const sections = DIMENSIONS.map((d) =>
    [
      `## ${d.title} (\`${d.name}\`)`,
      '',
      d.summary,
      '',
      '| class | row due | accepted | rule | departure | why |',
      '|---|---|---|---|---|---|',
      ...d.classes.map(row),
      '',
    ].join('\n'),
  );
  return `${HEAD}\n${sections.join('\n')}`;
}

if (process.env['UPDATE_DOCS']) writeFileSync(FILE, catalogue());

let boundary: TestCase[];
beforeAll(async () => {
  const spec = await loadSpec('spec/openapi.yaml');
  boundary = [...planCases({ spec, validators: buildValidators(spec), seed: 1, runs: 0 }).cases()];
});

const CLASSES = DIMENSIONS.flatMap((d) => d.classes);

describe('the request-space registry', () => {
  it('names each dimension and each class once', () => {
    expect(new Set(DIMENSIONS.map((d) => d.name)).size).toBe(DIMENSIONS.length);
    expect(new Set(CLASSES.map((c) => c.label)).size).toBe(CLASSES.length);
    for (const c of CLASSES) {
      expect(c.why.length, c.label).toBeGreaterThan(10);
      expect(c.rule, c.label).toMatch(/^(\/|RFC \d+ §)/);
      if (c.accept) expect(c.accept.length, c.label).toBeGreaterThan(0);
    }
  });

  it('puts every boundary case in a registered class whose label pattern it matches, of the class’s row', () => {
    for (const c of boundary) {
      const cls = CLASSES.find((k) => k.label === c.class);
      expect(cls, `${c.label} has no registered class`).toBeDefined();
      expect(matchesClass(cls!, c.label), `${c.label} is not of ${cls!.label}`).toBe(true);
      expect(c.kind, c.label).toBe(cls!.row);
      expect(c.advisory, c.label).toBe(cls!.severity === 'advisory' ? cls!.why : undefined);
      expect(c.accept, c.label).toEqual(cls!.accept);
    }
  });

  it('sends every class at least once against the bundled spec', () => {
    const sent = new Set(boundary.map((c) => c.class));
    expect(CLASSES.filter((c) => !sent.has(c.label)).map((c) => c.label)).toEqual([]);
  });
});

describe('docs/request-space.md', () => {
  it('is the registry’s catalogue', () => {
    expect(readFileSync(FILE, 'utf8'), `docs/request-space.md is not the registry's: ${UPDATE}`).toBe(catalogue());
  });
});
