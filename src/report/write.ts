import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from './model.ts';
import { toHtml } from './html.ts';
import { toJUnit } from './junit.ts';
import { toMarkdown } from './markdown.ts';
import { toHar } from './har.ts';
import { createSecrets, type Secrets } from '../secrets.ts';

/**
 * Writes report.json, junit.xml, report.html, report.md and failures.har into `dir`; returns their paths. The report
 * first goes through the deep pass (credential headers by structure, every string by value), and every file through a
 * last pass over every spelling of every secret (tokens, client secrets), whatever field a provider or a check put
 * them in.
 */
export async function writeReports(
  input: Report,
  dir: string,
  given: Secrets | readonly string[] = [],
): Promise<string[]> {
  const secrets = 'redact' in given ? given : createSecrets(given);
  const report = secrets.deep(input);
  await mkdir(dir, { recursive: true });
  // Where replay reads the run from, for a curl line too long to show (src/report/shown.ts).
  const shown = { reportJson: join(dir, 'report.json') };
  const files: [string, string][] = [
    ['report.json', JSON.stringify(report, null, 2) + '\n'],
    ['junit.xml', toJUnit(report, shown)],
    ['report.html', toHtml(report, shown)],
    ['report.md', toMarkdown(report, shown)],
    ['failures.har', toHar(report)],
  ];
  const paths: string[] = [];
  for (const [name, text] of files) {
    const path = join(dir, name);
    await writeFile(path, secrets.redact(text));
    paths.push(path);
  }
  return paths;
}
