import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from './model.ts';

/** Writes every report file into `dir`; returns their paths. */
export async function writeReports(report: Report, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'report.json');
  await writeFile(json, JSON.stringify(report, null, 2) + '\n');
  return [json];
}
