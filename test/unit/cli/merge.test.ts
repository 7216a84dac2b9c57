// `conformance merge-reports --report-dir OUT DIR…` on shard reports written to disk.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeCommand } from '../../../src/cli/merge.ts';
import type { Io } from '../../../src/cli/io.ts';
import { UsageError } from '../../../src/cli/args.ts';
import { ReportFileError } from '../../../src/report/read.ts';
import type { Report } from '../../../src/report/model.ts';
import { conformingReport, fixtureReport } from '../report/fixture.ts';
import { assertValidReport } from '../../setup/report-schema.ts';

const root = mkdtempSync(join(tmpdir(), 'conformance-merge-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function shardDir(name: string, r: Report): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), JSON.stringify(r));
  return dir;
}

async function merge(dirs: string[], out: string) {
  const lines: string[] = [];
  const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(l), isTTY: false, env: {} };
  try {
    return { code: await mergeCommand(dirs, { 'report-dir': out }, io), lines };
  } catch (e) {
    if (e instanceof UsageError || e instanceof ReportFileError) return { code: 2, lines: [e.message] };
    throw e;
  }
}

describe('merge-reports', () => {
  it('writes report.json, junit.xml and report.html of the whole run and exits by its verdict', async () => {
    // Arrange
    const a = shardDir('a', { ...fixtureReport(), shard: { index: 1, count: 2 } });
    const b = shardDir('b', { ...conformingReport(), shard: { index: 2, count: 2 } });
    const out = join(root, 'out');
    // Act
    const { code, lines } = await merge([b, join(a, 'report.json')], out);
    // Assert
    expect(code).toBe(1);
    const merged = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    assertValidReport(merged);
    expect([merged.mergedShards, merged.shard, merged.summary.cases, merged.failures.length]).toEqual([
      2,
      null,
      426,
      4,
    ]);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('<testsuites');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('merged from 2 shards');
    expect(lines.at(-1)).toBe(
      `merged 2 shard reports; reports: ${['report.json', 'junit.xml', 'report.html', 'report.md', 'failures.har'].map((f) => join(out, f)).join(', ')}`,
    );
    expect(lines).toContain(
      'seed 1234567; repeat the run (the token in CONNECT_TOKEN, never on the command line): npx conformance run --target https://sandbox.connect.example.com/connect --seed 1234567 --runs 200',
    );
  });

  it('exits 0 when the merged run conforms', async () => {
    const ok = conformingReport();
    const dirs = [1, 2, 3].map((i) => shardDir(`ok${i}`, { ...ok, shard: { index: i, count: 3 } }));
    expect((await merge(dirs, join(root, 'out-ok'))).code).toBe(0);
  });

  it.each([
    [
      'no directories',
      () => [],
      'merge-reports expects the shard report directories: merge-reports --report-dir OUT DIR...',
    ],
    ['a missing directory', () => [join(root, 'nope')], `${join(root, 'nope')}: no such file or directory`],
    ['a directory without report.json', () => [mkdtempSync(join(root, 'empty-'))], /report\.json: no such file$/],
    [
      'a file that is not JSON',
      () => [(writeFileSync(join(root, 'bad.json'), '{'), join(root, 'bad.json'))],
      /bad\.json: not JSON \(/,
    ],
    [
      'JSON that is not a report',
      () => [(writeFileSync(join(root, 'other.json'), '{"a":1}'), join(root, 'other.json'))],
      /other\.json: not a conformance report\.json$/,
    ],
    [
      'shards of different seeds',
      () => [
        shardDir('s1', { ...fixtureReport(), shard: { index: 1, count: 2 } }),
        shardDir('s2', { ...fixtureReport(), seed: 9, shard: { index: 2, count: 2 } }),
      ],
      'shard reports differ in seed (1234567 and 9): they are not shards of one run',
    ],
    [
      'a missing shard',
      () => [shardDir('m1', { ...fixtureReport(), shard: { index: 1, count: 2 } })],
      'shard 2/2 is missing (got 1/2)',
    ],
  ] as [string, () => string[], string | RegExp][])('exits 2 with one line for %s', async (_what, dirs, expected) => {
    const { code, lines } = await merge(dirs(), join(root, 'out-bad'));
    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    if (typeof expected === 'string') expect(lines[0]).toBe(expected);
    else expect(lines[0]).toMatch(expected);
  });
});
