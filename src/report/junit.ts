// junit.xml: the report as CI systems read it (GitHub, GitLab, Jenkins, Azure): one testsuite per check, one testcase per
// check and case class label, a failing testcase per unwaived failure, a skipped one per waived failure.
import type { CaseRecord, CheckSummary, Report, ReportedFailure, ReportedProblem } from './model.ts';
import { freshNote, problemDetails, problemHeadline, problemRules, problemScope } from './problems.ts';
import { repeatCommand } from './repeat.ts';
import { viewOf } from './view.ts';
import { escapeMarkup, escapeText } from './text.ts';
import { reproduceLines } from './script.ts';
import { replayInstead, shownText, tooLongToShow, type ShownOptions } from './shown.ts';

/** An attribute value on one line (parsers turn raw newlines in attributes into spaces anyway). */
function attr(s: string): string {
  return escapeMarkup(s.replace(/\s+/g, ' ').trim());
}

function element(name: string, attrs: Readonly<Record<string, string | number>>, body?: string): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${attr(String(v))}"`)
    .join('');
  return body === undefined ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
}

/** A case record as plain text: the request, the answer and the curl line. */
function exchangeLines(f: CaseRecord, ref: string, reportJson?: string): string[] {
  return [
    'request:',
    `${f.request.method} ${f.request.url}`,
    ...Object.entries(f.request.headers).map(([k, v]) => `${k}: ${v}`),
    ...(f.request.body === null ? [] : ['', shownText(f.request.body)]),
    '',
    'response:',
    ...(f.response
      ? [
          String(f.response.status),
          ...Object.entries(f.response.headers).map(([k, v]) => `${k}: ${v}`),
          '',
          shownText(f.response.body),
        ]
      : [`none: ${f.error ? `${f.error.kind}: ${f.error.message}` : 'no answer'}`]),
    '',
    'reproduce:',
    ...(tooLongToShow(f.curl)
      ? replayInstead(ref, f.curl.length, reportJson).map((l, i) => (i === 0 ? `# ${l}` : l))
      : reproduceLines(f)),
  ];
}

/** A failure as plain text: what broke, where the spec says so, the minimal request, the answer and its curl line. */
function failureText(f: ReportedFailure, reportJson?: string): string {
  const lines = [
    `${f.id} ${f.check} [${f.kind}] ${f.case.label}${f.occurrences > 1 ? ` (${f.occurrences}×)` : ''}${f.waivedBy ? ` — waived by ${f.waivedBy}` : ''}`,
    f.message,
    `rule: ${f.rule}`,
    `case: ${f.case.id} (${f.case.phase}${f.counterexamplePath ? `, counterexample path ${f.counterexamplePath}, seed ${f.seed}` : ''})`,
    '',
    ...exchangeLines(f, f.id, reportJson),
  ];
  return lines.join('\n');
}

/** A problem as plain text: what broke, its rules, where it was seen, the smallest example and its curl line. */
function problemText(p: ReportedProblem, reportJson?: string): string {
  return [
    `${p.id} ${problemHeadline(p)} · ${problemScope(p)}`,
    ...p.messages,
    ...problemRules(p).map((r) => `rule: ${r}`),
    `classes: ${p.classes.join(', ')}`,
    `details: ${problemDetails(p, 50)}`,
    `${p.shrunk ? 'smallest example (shrunk)' : 'smallest example'}: case ${p.example.case.id} (${p.example.case.label})`,
    ...[freshNote(p)].filter((x) => x !== undefined),
    '',
    ...exchangeLines(p.example, p.id, reportJson),
  ].join('\n');
}

/** The problems as the first suite: one failing testcase each, what a CI page lists first. */
function problemsSuite(problems: readonly ReportedProblem[], timestamp: string, reportJson?: string): Suite {
  const cases = problems.map((p): Case => {
    const attrs = { name: `${p.id} ${problemHeadline(p)}`, classname: 'conformance.problems', time: '0' };
    const text = escapeText(problemText(p, reportJson));
    // A baselined problem is known: skipped, as a waived failure is, so that failures count exactly what fails the run.
    if (p.baselined)
      return {
        outcome: 'skipped',
        xml: element(
          'testcase',
          attrs,
          element('skipped', { message: 'in the baseline' }) + element('system-out', {}, text),
        ),
      };
    return {
      outcome: 'failed',
      xml: element(
        'testcase',
        attrs,
        element('failure', { message: `${problemHeadline(p)} (${problemScope(p)})`, type: p.kinds.join(' ') }, text),
      ),
    };
  });
  return suite('problems', cases, timestamp, [['description', 'the failures grouped by root cause']]);
}

interface Row {
  readonly label: string;
  readonly failures: readonly ReportedFailure[];
  readonly waived: readonly ReportedFailure[];
  readonly tally: { passed: number; failed: number; waived: number; skipped: number } | undefined;
}

/** One row per case class label the check judged (from its tallies when the report has them, else its failures). */
function rows(check: CheckSummary, failures: readonly ReportedFailure[]): Row[] {
  const mine = failures.filter((f) => f.check === check.name);
  const labels = [...new Set([...Object.keys(check.classes ?? {}), ...mine.map((f) => f.case.label)])];
  return labels.map((label) => ({
    label,
    failures: mine.filter((f) => f.case.label === label && !f.waivedBy && !f.baselined),
    waived: mine.filter((f) => f.case.label === label && (f.waivedBy || f.baselined)),
    tally: check.classes?.[label],
  }));
}

type Outcome = 'passed' | 'failed' | 'skipped';
interface Case {
  readonly xml: string;
  readonly outcome: Outcome;
}

function testcase(check: string, row: Row, reportJson?: string): Case {
  const attrs = { name: row.label, classname: `conformance.${check}`, time: '0' };
  const counts = row.tally
    ? `${row.tally.passed} passed, ${row.tally.failed} failed, ${row.tally.waived} waived, ${row.tally.skipped} skipped`
    : '';
  const out = (text: string) => (text ? element('system-out', {}, escapeText(text)) : '');
  const [first] = row.failures;
  if (first) {
    const all = [...row.failures, ...row.waived];
    const message = `${first.message}${all.length > 1 ? ` (+${all.length - 1} more)` : ''}`;
    return {
      outcome: 'failed',
      xml: element(
        'testcase',
        attrs,
        element(
          'failure',
          { message, type: first.kind },
          escapeText(all.map((f) => failureText(f, reportJson)).join('\n\n')),
        ) + out(counts),
      ),
    };
  }
  if (row.waived.length > 0) {
    const by = [...new Set(row.waived.map((f) => f.waivedBy ?? 'the baseline'))].join(', ');
    return {
      outcome: 'skipped',
      xml: element(
        'testcase',
        attrs,
        element('skipped', { message: `waived by ${by}` }) +
          out([counts, ...row.waived.map((f) => failureText(f, reportJson))].filter(Boolean).join('\n\n')),
      ),
    };
  }
  const t = row.tally;
  if (t && t.passed + t.failed + t.waived === 0 && t.skipped > 0)
    return {
      outcome: 'skipped',
      xml: element('testcase', attrs, element('skipped', { message: `not applicable to its ${t.skipped} cases` })),
    };
  return { outcome: 'passed', xml: element('testcase', attrs, out(counts)) };
}

interface Suite {
  readonly xml: string;
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
}

/** The suite of one check; a report without per-label tallies gets one testcase for the cases that passed. */
function checkSuite(
  check: CheckSummary,
  failures: readonly ReportedFailure[],
  timestamp: string,
  reportJson?: string,
): Suite {
  const cases = rows(check, failures).map((row) => testcase(check.name, row, reportJson));
  const attrs = (name: string) => ({ name, classname: `conformance.${check.name}`, time: '0' });
  if (!check.classes) {
    if (check.passed > 0)
      cases.push({
        outcome: 'passed',
        xml: element('testcase', attrs('other cases'), element('system-out', {}, `${check.passed} passed`)),
      });
    else if (cases.length === 0 && check.skipped > 0)
      cases.push({
        outcome: 'skipped',
        xml: element(
          'testcase',
          attrs('all cases'),
          element('skipped', { message: `not applicable to its ${check.skipped} cases` }),
        ),
      });
  }
  return suite(check.name, cases, timestamp, [['description', check.description]]);
}

function suite(
  name: string,
  cases: readonly Case[],
  timestamp: string,
  properties: readonly (readonly [string, string])[],
  out?: string,
): Suite {
  const count = (o: Outcome) => cases.filter((c) => c.outcome === o).length;
  const attrs = {
    name,
    tests: cases.length,
    failures: count('failed'),
    errors: 0,
    skipped: count('skipped'),
    time: '0',
    timestamp,
  };
  const props = element(
    'properties',
    {},
    properties.map(([k, v]) => element('property', { name: k, value: v })).join(''),
  );
  const body = [props, ...cases.map((c) => c.xml), ...(out ? [element('system-out', {}, escapeText(out))] : [])]
    .map((x) => `    ${x}\n`)
    .join('');
  return {
    xml: `  ${element('testsuite', attrs, `\n${body}  `)}\n`,
    tests: cases.length,
    failures: count('failed'),
    skipped: count('skipped'),
  };
}

/**
 * The run itself as a suite: a run that stopped before its plan was done (interrupted, out of budget or time, given
 * up) and each expired waiver fail it, as they keep the verdict from `conforms`.
 */
function runSuiteXml(r: Report, timestamp: string): Suite {
  const classname = 'conformance.run';
  const v = viewOf(r);
  const untested = v.untested;
  const completed: Case = v.partial
    ? {
        outcome: 'failed',
        xml: element(
          'testcase',
          { name: 'completed', classname, time: (r.summary.durationMs / 1000).toFixed(3) },
          element(
            'failure',
            { message: `${v.word}: ${v.reasons.join('; ')}`, type: r.verdict },
            escapeText(untested.join('\n')),
          ),
        ),
      }
    : {
        outcome: 'passed',
        xml: element(
          'testcase',
          { name: 'completed', classname, time: (r.summary.durationMs / 1000).toFixed(3) },
          untested.length ? element('system-out', {}, escapeText(untested.join('\n'))) : undefined,
        ),
      };
  const waivers = r.waivers.map((w): Case => {
    const attrs = { name: `waiver ${w.id}`, classname, time: '0' };
    const about = escapeText(`${w.reason} (owner ${w.owner})`);
    return w.expired
      ? {
          outcome: 'failed',
          xml: element(
            'testcase',
            attrs,
            element(
              'failure',
              { message: `waiver ${w.id} expired on ${w.expires ?? '?'}`, type: 'expired-waiver' },
              about,
            ),
          ),
        }
      : {
          outcome: 'passed',
          xml: element(
            'testcase',
            attrs,
            element(
              'system-out',
              {},
              `matched ${w.matched}${w.stale ? ' — stale: it matched nothing, remove it' : ''}${w.notExercised ? ' — not exercised: none of its cases ran' : ''}; ${about}`,
            ),
          ),
        };
  });
  const notes = [
    `${v.word}: ${v.headline}${v.reasons.length ? ` — ${v.reasons.join('; ')}` : ''}`,
    ...r.specGaps.map((g) => `spec gap: ${g.message} (${g.count}×, e.g. ${g.example}); rule ${g.rule}`),
    ...r.warnings.map((w) => `warning ${w.code}: ${w.message}; rule ${w.rule}`),
    ...v.ratchet.flatMap((x) => [x.heading, ...x.lines.map((l) => `  ${l}`)]),
    `repeat: ${repeatCommand(r)}`,
  ];
  const props: [string, string][] = [
    ['description', 'the run as a whole: completed, waivers in force'],
    ['tool', `${r.tool.name} ${r.tool.version}`],
    ['target', r.target.url],
    ['seed', String(r.seed)],
    ['runs', String(r.runs)],
    ['spec', `${r.spec.path} sha256:${r.spec.sha256}`],
    ['verdict', r.verdict],
    ['verdict-word', v.word],
    ['problems', String(v.counts.problems)],
    ...(r.shard ? [['shard', `${r.shard.index}/${r.shard.count}`] as [string, string]] : []),
  ];
  return suite('run', [completed, ...waivers], timestamp, props, notes.join('\n'));
}

/** junit.xml for a report: valid XML 1.0 whatever the bodies hold; its failures are non-zero exactly when the verdict fails. */
export function toJUnit(r: Report, opts: ShownOptions = {}): string {
  const timestamp = r.startedAt.slice(0, 19);
  const checks = [
    ...(r.problems ? [problemsSuite(r.problems, timestamp, opts.reportJson)] : []),
    ...r.checks.map((c) => checkSuite(c, r.failures, timestamp, opts.reportJson)),
  ];
  // A partial run's own suite comes first, so that a CI page shows INCOMPLETE before the checks that passed.
  const v = viewOf(r);
  const suites = v.partial ? [runSuiteXml(r, timestamp), ...checks] : [...checks, runSuiteXml(r, timestamp)];
  const sum = (k: 'tests' | 'failures' | 'skipped') => suites.reduce((n, s) => n + s[k], 0);
  const attrs = {
    name: `${r.tool.name}: ${v.operation}`,
    tests: sum('tests'),
    failures: sum('failures'),
    errors: 0,
    skipped: sum('skipped'),
    time: (r.summary.durationMs / 1000).toFixed(3),
    timestamp,
  };
  const head = element('testsuites', attrs).slice(0, -2) + '>';
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.map((s) => s.xml).join('')}</testsuites>\n`;
}
