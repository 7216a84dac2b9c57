// created.ndjson beside the reports: every id a run created, one `{"id": …}` a line, written as the run goes, so
// that neither memory nor report.json grows with the number of cases.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { CREATED_FILE } from '../report/model.ts';

/** The file's writer: `add` for each id as it is seen, `close` once the run is over. */
export async function openCreatedFile(
  dir: string,
  redact: (s: string) => string,
): Promise<{ add(id: string): void; close(): Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const out = createWriteStream(join(dir, CREATED_FILE));
  return {
    add(id) {
      // A provider may put anything in an id: the run's secrets never reach the file.
      out.write(`${JSON.stringify({ id: redact(id) })}\n`);
    },
    async close() {
      out.end();
      await finished(out);
    },
  };
}

/** Joins the shards' created.ndjson files (those that exist) into `outDir`'s, in shard order. */
export async function joinCreatedFiles(dirs: readonly string[], outDir: string): Promise<void> {
  const files = dirs.map((d) => join(d, CREATED_FILE)).filter((f) => existsSync(f));
  if (files.length === 0) return;
  await mkdir(outDir, { recursive: true });
  const out = createWriteStream(join(outDir, CREATED_FILE));
  for (const f of files) {
    const input = createReadStream(f);
    input.pipe(out, { end: false });
    await finished(input);
  }
  out.end();
  await finished(out);
}
