import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from './model.ts';

/** A report file that is missing or not a report: the CLI turns this into one line and exit code 2. */
export class ReportFileError extends Error {
  override readonly name = 'ReportFileError';
}

/** Reads a report.json (or DIR/report.json); the error names the file when it is missing or not a report. */
export async function readReport(path: string): Promise<{ file: string; report: Report }> {
  let file = path;
  try {
    if ((await stat(path)).isDirectory()) file = join(path, 'report.json');
  } catch {
    throw new ReportFileError(`${path}: no such file or directory`);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new ReportFileError(
      `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(e as Error).message})`}`,
    );
  }
  const r = json as Partial<Report> | null;
  if (
    r === null ||
    typeof r !== 'object' ||
    typeof r.seed !== 'number' ||
    !Array.isArray(r.failures) ||
    !Array.isArray(r.checks) ||
    typeof r.summary !== 'object' ||
    typeof r.target !== 'object'
  ) {
    throw new ReportFileError(`${file}: not a conformance report.json`);
  }
  return { file, report: r as Report };
}
