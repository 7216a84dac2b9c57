import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSummary } from '../../../src/cli/console.ts';
import { toHtml } from '../../../src/report/html.ts';
import { toJUnit } from '../../../src/report/junit.ts';
import { toMarkdown } from '../../../src/report/markdown.ts';
import { toHar } from '../../../src/report/har.ts';
import type { Report } from '../../../src/report/model.ts';
import { escapeMarkup, escapeText } from '../../../src/report/text.ts';
import { writeReports } from '../../../src/report/write.ts';
import { createSecrets } from '../../../src/secrets.ts';
import { carelessReport, fixtureReport, TOKEN } from './fixture.ts';

/** Every spelling in which a writer could leak the token (it holds quotes, `&` and `<`). */
const SPELLINGS = [TOKEN, JSON.stringify(TOKEN).slice(1, -1), escapeMarkup(TOKEN), escapeText(TOKEN)];
const leaks = (text: string) => SPELLINGS.some((s) => text.includes(s)) || text.includes('tok_live_5f3c9a8e');

const WRITERS: [string, (r: Report) => string][] = [
  ['report.json', (r) => JSON.stringify(r, null, 2)],
  ['junit.xml', toJUnit],
  ['report.html', toHtml],
  ['report.md', (r) => toMarkdown(r)],
  ['failures.har', toHar],
  ['console', (r) => formatSummary(r).join('\n')],
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
async function written(r: Report, secrets: readonly string[]): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-secrets-'));
  dirs.push(dir);
  const paths = await writeReports(r, dir, secrets);
  return Object.fromEntries(paths.map((p) => [p.slice(dir.length + 1), readFileSync(p, 'utf8')]));
}

describe('secrets in reports', () => {
  it.each(WRITERS)('%s of a report whose token appears only redacted shows it nowhere', (_name, write) => {
    const text = write(fixtureReport());
    expect(leaks(text)).toBe(false);
    expect(text).toMatch(/\[REDACTED\]|\$CONNECT_TOKEN/);
  });

  it.each(WRITERS.filter(([n]) => n !== 'console'))(
    '%s alone would leak a token a careless field holds (so the last pass is needed)',
    (_name, write) => {
      expect(leaks(write(carelessReport()))).toBe(true);
    },
  );

  it('writeReports removes it from every file, in every spelling, with a last redaction pass', async () => {
    // Arrange / Act
    const files = await written(carelessReport(), [TOKEN]);
    // Assert
    expect(Object.keys(files)).toEqual(['report.json', 'junit.xml', 'report.html', 'report.md', 'failures.har']);
    for (const [name, text] of Object.entries(files)) {
      expect(leaks(text), name).toBe(false);
      expect(text, name).toContain('[REDACTED]');
    }
    // The files stay what they are: JSON parses, the header that held the token is still there.
    const json = JSON.parse(files['report.json']) as Report;
    expect(json.failures[0].request.headers['authorization']).toBe('Bearer [REDACTED]');
    expect(json.failures[0].response!.headers['x-debug-token']).toBe('[REDACTED]');
  });

  it('writes the files unchanged when there is no secret to remove, but for credential headers', async () => {
    const fixture = fixtureReport();
    const files = await written(fixture, []);
    // By structure: the auth probe's wrong token is shown redacted like any Authorization value.
    const r = createSecrets().deep(fixture);
    expect(r.failures.find((f) => f.case.auth === 'wrong')!.request.headers['authorization']).toBe('Bearer [REDACTED]');
    expect(files['report.json']).toBe(JSON.stringify(r, null, 2) + '\n');
    expect(files['junit.xml']).toBe(toJUnit(r));
    expect(files['report.html']).toBe(toHtml(r));
    expect(files['report.md']).toBe(toMarkdown(r));
  });
});
