import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createdFileWriter, joinCreatedFiles } from '../../../src/cli/created.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'conformance-created-'));
  dirs.push(d);
  return d;
}
const lines = (dir: string) => readFileSync(join(dir, 'created.ndjson'), 'utf8').trimEnd().split('\n');

describe('createdFileWriter', () => {
  it('appends {id, run, seed} lines after what the file holds, secrets redacted', async () => {
    // Arrange
    const dir = folder();
    writeFileSync(join(dir, 'created.ndjson'), '{"id":"old","run":"r0","seed":1}\n');
    const w = createdFileWriter(dir, { id: 'r1', seed: 7 }, (s) => s.replace('s3cret', '[REDACTED]'));
    // Act
    w.add('a');
    w.add('id-s3cret');
    await w.close();
    // Assert
    expect(lines(dir)).toEqual([
      '{"id":"old","run":"r0","seed":1}',
      '{"id":"a","run":"r1","seed":7}',
      '{"id":"id-[REDACTED]","run":"r1","seed":7}',
    ]);
  });

  it('a write that fails is told by close() in one line, not thrown as a stream error', async () => {
    const dir = folder();
    const w = createdFileWriter(join(dir, 'missing'), { id: 'r1', seed: 7 }, (s) => s);
    w.add('a');
    await expect(w.close()).rejects.toThrow(/^cannot write reports to .*missing: ENOENT/);
  });
});

describe('joinCreatedFiles', () => {
  it("appends the shards' lines once, however often the same shards are merged", async () => {
    // Arrange: two shards of one run, and an output folder that already lists another run.
    const [a, b, out] = [folder(), folder(), folder()];
    writeFileSync(join(a, 'created.ndjson'), '{"id":"1","run":"s1","seed":3}\n');
    writeFileSync(join(b, 'created.ndjson'), '{"id":"2","run":"s2","seed":3}\n');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'created.ndjson'), '{"id":"0","run":"r0","seed":1}\n');
    // Act
    await joinCreatedFiles([a, b], out);
    await joinCreatedFiles([a, b], out);
    // Assert
    expect(lines(out)).toEqual([
      '{"id":"0","run":"r0","seed":1}',
      '{"id":"1","run":"s1","seed":3}',
      '{"id":"2","run":"s2","seed":3}',
    ]);
  });
});
