import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from './model.ts';
import { toHtml } from './html.ts';
import { toJUnit } from './junit.ts';
import { toMarkdown } from './markdown.ts';
import { toHar } from './har.ts';
import { redactSecrets } from './text.ts';

/**
 * Writes report.json, junit.xml, report.html, report.md and failures.har into `dir`; returns their paths. Every file goes through a last
 * `redactSecrets` pass over `secrets` (tokens, client secrets), whatever field a provider or a check put them in.
 */
export async function writeReports(report: Report, dir: string, secrets: readonly string[] = []): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ['report.json', JSON.stringify(report, null, 2) + '\n'],
    ['junit.xml', toJUnit(report)],
    ['report.html', toHtml(report)],
    ['report.md', toMarkdown(report)],
    ['failures.har', toHar(report)],
  ];
  const paths: string[] = [];
  for (const [name, text] of files) {
    const path = join(dir, name);
    await writeFile(path, redactSecrets(text, secrets));
    paths.push(path);
  }
  return paths;
}
