import { describe, expect, it } from 'vitest';
import {
  baselineStatus,
  mergeBaselineStatus,
  parseBaseline,
  ratchetSections,
  toBaseline,
  triage,
} from '../../../src/report/baseline.ts';
import type { Report } from '../../../src/report/model.ts';
import { fixtureReport } from './fixture.ts';

describe('baselines', () => {
  it('toBaseline keeps each problem by signature, sorted, with nothing of the run', () => {
    const r = fixtureReport();
    const b = toBaseline(r);
    expect(b.baseline).toBe(1);
    expect(b.problems.map((p) => p.signature)).toEqual(r.problems!.map((p) => p.signature).sort());
    expect(Object.keys(b.problems[0])).toEqual(['signature', 'title', 'checks', 'rules']);
    // Same problems in another run (other seed, ids, order): the same file.
    const other = { ...r, seed: 9, problems: [...r.problems!].reverse().map((p, i) => ({ ...p, id: `P${i + 9}` })) };
    expect(JSON.stringify(toBaseline(other))).toBe(JSON.stringify(b));
    const { problems: _p, ...old } = r;
    expect(() => toBaseline(old as Report)).toThrow('older version'); // a report of an older version
  });

  it.each([
    [null, 'not a baseline file'],
    [{ problems: [] }, 'not a baseline file'],
    [{ baseline: 1, problems: [{ title: 'x' }] }, 'problem #1 needs a "signature" string'],
  ])('parseBaseline refuses %j', (json, message) => {
    expect(() => parseBaseline(json, 'b.json')).toThrow(message);
  });

  it('baselineStatus counts the entries still seen and lists the others as fixed', () => {
    const entries = toBaseline(fixtureReport()).problems;
    const s = baselineStatus('b.json', entries, [{ signature: entries[0].signature }]);
    expect(s).toMatchObject({ file: 'b.json', entries: 3, matched: 1 });
    expect(s.fixed.map((e) => e.signature)).toEqual(entries.slice(1).map((e) => e.signature));
    // Merged shards: fixed only when no shard saw it.
    const t = baselineStatus('b.json', entries, [{ signature: entries[1].signature }]);
    expect(mergeBaselineStatus([s, t])!.fixed.map((e) => e.signature)).toEqual([entries[2].signature]);
    expect(mergeBaselineStatus([undefined])).toBeUndefined();
  });

  it('triage sorts this run’s problems into new and still failing, and the previous ones it lacks into fixed', () => {
    const previous = fixtureReport();
    const [p1, p2] = previous.problems!;
    const current = {
      problems: [
        { ...p2, id: 'P1' },
        { ...p1, id: 'P2', signature: 'received 418 | x y z', title: 'teapot' },
      ],
    };
    const t = triage(current, previous, 'old/report.json');
    expect(t).toMatchObject({
      new: ['P2'],
      stillFailing: ['P1'],
      previous: { file: 'old/report.json', seed: 1234567 },
    });
    expect(t.fixed.map((e) => e.title)).toEqual(['status 400 where 201 is due', 'status 201 where 400 is due']);
    const [section] = ratchetSections({ ...current, triage: t });
    expect(section.heading).toContain('1 new, 1 still failing, 2 fixed');
    expect(section.lines).toContain('new: P2 teapot');
  });
});
