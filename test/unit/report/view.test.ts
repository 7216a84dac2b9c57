// Issue #23: one run, one verdict word. Every verdict goes through every writer (console, report.md, report.html,
// junit.xml, report.json), and each shows the word the view derives; no writer names another verdict.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/report/build.ts';
import { toHtml } from '../../../src/report/html.ts';
import { toJUnit } from '../../../src/report/junit.ts';
import { toMarkdown } from '../../../src/report/markdown.ts';
import type { Report } from '../../../src/report/model.ts';
import type { Verdict } from '../../../src/report/model.ts';
import { viewOf } from '../../../src/report/view.ts';
import { formatSummary } from '../../../src/cli/console.ts';
import { conformingReport, fixtureReport } from './fixture.ts';

const WORDS = ['CONFORMS', 'FAILS', 'INCOMPLETE', 'INTERRUPTED', 'UNUSABLE'];

/** A report that the builder gives each verdict, from the fixture's measurements. */
const reports: Readonly<Record<Verdict, () => Report>> = {
  conforms: () => conformingReport(),
  fails: () => fixtureReport(),
  incomplete: () => {
    const { verdict: _v, verdictReasons: _r, untested: _u, ...body } = conformingReport();
    return buildReport({ ...body, complete: false, stopReason: 'time-limit' });
  },
  interrupted: () => {
    const { verdict: _v, verdictReasons: _r, untested: _u, ...body } = fixtureReport();
    return buildReport({ ...body, interrupted: true, complete: false, stopReason: 'interrupted' });
  },
  unusable: () => {
    const { verdict: _v, verdictReasons: _r, untested: _u, ...body } = conformingReport();
    const gaveUp = { after: 20, message: 'gave up after 20 cases in a row without an answer (connection refused)' };
    return buildReport({ ...body, complete: false, stopReason: 'gave-up', gaveUp });
  },
};

/** Every writer's text for a report, by writer name. */
function written(r: Report): Record<string, string> {
  return {
    console: formatSummary(r).join('\n'),
    'report.md': toMarkdown(r),
    'report.html': toHtml(r),
    'junit.xml': toJUnit(r),
    'report.json': JSON.stringify(r),
  };
}

describe('one verdict word in every writer', () => {
  for (const verdict of Object.keys(reports) as Verdict[]) {
    it(`${verdict}: every writer says ${verdict.toUpperCase()} and no other verdict word`, () => {
      // Arrange
      const r = reports[verdict]();
      const word = viewOf(r).word;
      // Act
      const outputs = written(r);
      // Assert
      expect(r.verdict).toBe(verdict);
      expect(word).toBe(verdict.toUpperCase());
      for (const [writer, text] of Object.entries(outputs)) {
        if (writer === 'report.json') expect((JSON.parse(text) as Report).verdict).toBe(verdict);
        else expect(text, writer).toContain(word);
        for (const other of WORDS.filter((w) => w !== word))
          expect(text, `${writer} says ${other}`).not.toContain(other);
      }
    });
  }

  it('report.md of an incomplete or unusable run does not say FAILS', () => {
    for (const v of ['incomplete', 'unusable'] as const) {
      const md = toMarkdown(reports[v]());
      expect(md.split('\n')[0]).toBe(
        `## ${viewOf(reports[v]()).icon} ${v.toUpperCase()} · conformance of \`POST /v1/onboarding/entities\``,
      );
      expect(md).not.toMatch(/FAILS|❌/);
    }
  });

  it('every output leads with the number of problems, then failures', () => {
    const r = fixtureReport();
    const headline = viewOf(r).headline;
    expect(headline).toBe(`${r.problems!.length} problems · 3 distinct failures (10 in all)`);
    const out = written(r);
    for (const writer of ['console', 'report.md', 'report.html', 'junit.xml'])
      expect(out[writer], writer).toContain(headline.replace(/ · /, writer === 'report.html' ? ' · ' : ' · '));
  });
});
