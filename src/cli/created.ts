// created.ndjson beside the reports: every id a run created, one `{"id", "run", "seed"}` a line, appended as the run
// goes, so that neither memory nor report.json grows with the number of cases, and no run's record is ever lost: the
// API has no delete, so this file is the only list of what the runs in this folder created.
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { CREATED_FILE } from '../report/model.ts';
import { ReportDirError } from './report-dir.ts';

/** One line of created.ndjson. */
export interface CreatedLine {
  readonly id: string;
  /** The run that created it (a uuid per run). */
  readonly run: string;
  readonly seed: number;
}

/**
 * The file's writer: `add` for each id as it is seen, `close` once the run is over. The file is opened for appending
 * at the first id only, so a run that created nothing touches nothing; a write that fails is told by `close`, in one
 * line (`ReportDirError`), never as an unhandled stream error.
 */
export function createdFileWriter(
  dir: string,
  run: { readonly id: string; readonly seed: number },
  redact: (s: string) => string,
): { add(id: string): void; close(): Promise<void> } {
  let out: WriteStream | undefined;
  let failed: unknown;
  return {
    add(id) {
      if (failed !== undefined) return;
      if (out === undefined) {
        out = createWriteStream(join(dir, CREATED_FILE), { flags: 'a' });
        out.on('error', (e) => (failed ??= e));
      }
      // A provider may put anything in an id: the run's secrets never reach the file.
      const line: CreatedLine = { id: redact(id), run: run.id, seed: run.seed };
      out.write(`${JSON.stringify(line)}\n`);
    },
    async close() {
      if (out !== undefined && failed === undefined) {
        out.end();
        await finished(out).catch((e: unknown) => (failed ??= e));
      }
      if (failed !== undefined) throw new ReportDirError(dir, failed);
    },
  };
}

/**
 * Appends the shards' created.ndjson lines (of those files that exist) to `outDir`'s, in shard order, leaving out the
 * lines of runs the file already holds, so that merging the same shards twice lists each id once.
 */
export async function joinCreatedFiles(dirs: readonly string[], outDir: string): Promise<void> {
  const files = dirs.map((d) => join(d, CREATED_FILE)).filter((f) => existsSync(f));
  if (files.length === 0) return;
  await mkdir(outDir, { recursive: true });
  const target = join(outDir, CREATED_FILE);
  const present = existsSync(target) ? await runsIn(target) : new Set<string>();
  const out = createWriteStream(target, { flags: 'a' });
  for (const f of files) {
    const runs = await runsIn(f);
    if ([...runs].some((r) => present.has(r))) continue;
    const input = createReadStream(f);
    input.pipe(out, { end: false });
    await finished(input);
  }
  out.end();
  await finished(out);
}

/** The run ids of a created.ndjson file (lines without one, from older versions, count as the run ''). */
async function runsIn(file: string): Promise<Set<string>> {
  const runs = new Set<string>();
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    try {
      const run = (JSON.parse(line) as { run?: unknown }).run;
      runs.add(typeof run === 'string' ? run : '');
    } catch {
      runs.add('');
    }
  }
  return runs;
}
