// The console reporter: progress while a run goes (a redrawn bar on a terminal, a few plain lines in CI logs), then a
// summary a person can act on. Only the CLI prints; the engine reports through `RunHooks`.
import type { Report, ReportedFailure, ReportedProblem } from '../report/model.ts';
import { problemMarks } from '../report/baseline.ts';
import { freshNote, problemDetails, problemHeadline, problemRules, problemScope } from '../report/problems.ts';
import { repeatCommand, repeatNote } from '../report/repeat.ts';
import { fixtureLines, pacingLine, tlsLine } from '../report/sending.ts';
import { tokenCurl } from '../report/curl.ts';
import { duration, visible } from '../report/text.ts';
import { reproduceLines } from '../report/script.ts';
import { preflightMessage } from '../report/tallied.ts';
import { viewOf } from '../report/view.ts';
import { replayInstead, tooLongToShow } from '../report/shown.ts';
import type { Io } from './io.ts';

/** What `runSuite`'s hooks tell the reporter. */
export interface ProgressHooks {
  onStart: (info: { total: number; target: { readonly baseUrl: string; readonly mock: boolean } }) => void;
  onProgress: (p: { done: number; total: number; failures: number }) => void;
  /** Clears the bar (terminal) or prints the last count (logs); call before the summary. */
  finish(): void;
}

export interface ProgressOptions {
  /** Raw writes for the terminal bar (no newline added); stderr by default. */
  readonly write?: (s: string) => void;
  readonly now?: () => number;
  /** Least time between two plain lines when not on a terminal (ms); 10 s by default. */
  readonly logIntervalMs?: number;
  /** Least time between two redraws of the bar (ms); 100 ms by default. */
  readonly redrawMs?: number;
}

/** `[########------------]  40%  400/1000 cases · 3 failures · 12.3 s · ~18 s left` */
export function progressLine(
  p: { done: number; total: number; failures: number },
  elapsedMs: number,
  width = 24,
): string {
  const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(ratio * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const left = p.done > 0 && p.done < p.total ? ` · ~${duration((elapsedMs / p.done) * (p.total - p.done))} left` : '';
  return `${bar} ${String(Math.floor(ratio * 100)).padStart(3)}%  ${p.done}/${p.total} cases · ${p.failures} failure${p.failures === 1 ? '' : 's'} · ${duration(elapsedMs)}${left}`;
}

/** Progress on stderr: a bar redrawn with `\r` on a terminal, else a plain line at most every `logIntervalMs`. */
export function createProgress(io: Io, options: ProgressOptions = {}): ProgressHooks {
  const now = options.now ?? (() => Date.now());
  const write = options.write ?? ((s: string) => void process.stderr.write(s));
  const logInterval = options.logIntervalMs ?? 10_000;
  const redraw = options.redrawMs ?? 100;
  let started = now();
  let last = -Infinity;
  let latest: { done: number; total: number; failures: number } | undefined;
  let drawn = false;
  return {
    onStart(info) {
      started = now();
      last = started;
      io.err(
        `running ${info.total} cases against ${info.target.baseUrl}${info.target.mock ? ' (embedded Prism mock)' : ''}`,
      );
    },
    onProgress(p) {
      latest = p;
      const t = now();
      const final = p.done >= p.total;
      if (io.isTTY) {
        if (!final && t - last < redraw) return;
        last = t;
        write(`\r${progressLine(p, t - started)}\x1b[K`);
        drawn = true;
      } else {
        if (final || t - last < logInterval) return;
        last = t;
        io.err(
          `progress: ${p.done}/${p.total} cases, ${p.failures} failure${p.failures === 1 ? '' : 's'}, ${duration(t - started)}`,
        );
      }
    },
    finish() {
      if (io.isTTY) {
        if (drawn) write('\r\x1b[K');
      } else if (latest)
        io.err(
          `progress: ${latest.done}/${latest.total} cases, ${latest.failures} failure${latest.failures === 1 ? '' : 's'}, ${duration(now() - started)}`,
        );
    },
  };
}

function table(rows: readonly (readonly string[])[], numeric: (col: number) => boolean): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (numeric(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/** Longest reproduce lines printed in a terminal: a 10,000-deep body's curl line runs to ~20 KB. */
const MAX_CONSOLE_CURL = 2_000;

/** The lines that reproduce a case, or one line saying where they are when they are too long for a terminal. */
function reproduce(r: Parameters<typeof reproduceLines>[0], ref: string, reportJson?: string): string[] {
  const lines = reproduceLines(r);
  const length = lines.reduce((n, l) => n + l.length, 0);
  if (length <= MAX_CONSOLE_CURL) return lines;
  // Past report.html's own limit the page shows the replay command too (src/report/shown.ts).
  return tooLongToShow(r.curl)
    ? [`(its curl line has ${length} characters: re-send it with ${replayInstead(ref, r.curl.length, reportJson)[1]})`]
    : [`(its curl line has ${length} characters: copy it from report.html, or re-send it with conformance replay)`];
}

function failureLines(f: ReportedFailure, reportJson?: string): string[] {
  return [
    `${f.id} ${f.check} [${f.kind}] ${f.case.label}${f.occurrences > 1 ? ` (${f.occurrences}×)` : ''}`,
    `    ${visible(f.message)}`,
    `    rule: ${f.rule}`,
    `    ${f.response ? `answer: ${f.response.status}` : `no answer: ${f.error?.kind ?? 'none'}`} · case ${f.case.id} (${f.case.phase})`,
    ...reproduce(f, f.id, reportJson).map((l) => `    ${l}`),
  ];
}

function compactLine(f: ReportedFailure, problems: readonly ReportedProblem[]): string {
  const of = problems.filter((p) => p.failures.includes(f.id)).map((p) => p.id);
  return `${f.id} ${f.check} [${f.kind}] ${f.case.label}${f.occurrences > 1 ? ` (${f.occurrences}×)` : ''} · ${f.response ? `answer ${f.response.status}` : `no answer: ${f.error?.kind ?? 'none'}`}${of.length ? ` · ${of.join(', ')}` : ''}`;
}

function problemLines(r: Report, p: ReportedProblem, reportJson?: string): string[] {
  const ex = p.example;
  const marks = problemMarks(r, p);
  return [
    `${p.id}${marks.length ? ` [${marks.join(', ')}]` : ''} ${visible(problemHeadline(p))} · ${problemScope(p)}`,
    ...problemRules(p).map((r) => `    rule: ${r}`),
    `    ${p.shrunk ? 'smallest example (shrunk)' : 'smallest example'}: case ${ex.case.id} ${ex.case.label} · details ${problemDetails(p)}`,
    ...[freshNote(p)].filter((x) => x !== undefined).map((x) => `    ${x}`),
    ...reproduce(ex, p.id, reportJson).map((l) => `    ${l}`),
  ];
}

/** The summary after a run, as lines: problems, checks, failures, spec gaps, warnings, waivers, verdict and how to repeat it. */
export function formatSummary(
  r: Report,
  opts: {
    readonly reportDir?: string;
    /** List every distinct failure, not only the problems and counts (`--all-failures`, or a terminal). */
    readonly allFailures?: boolean;
  } = {},
): string[] {
  const out: string[] = [];
  // Where replay reads the run from, for a curl line too long to print.
  const reportJson = opts.reportDir === undefined ? undefined : `${opts.reportDir.replace(/\/+$/, '')}/report.json`;
  const v = viewOf(r);
  const partial = v.partial;
  // A partial verdict comes first: whoever reads only the top must not take the table below for a whole run.
  if (partial) out.push(`${v.word}: ${v.reasons.join('; ')}`, ...v.untested, '');
  const shard = r.shard
    ? ` · shard ${r.shard.index}/${r.shard.count}`
    : r.mergedShards
      ? ` · merged from ${r.mergedShards} shards`
      : '';
  out.push(
    `${r.tool.name} ${r.tool.version} · ${v.operation} · target ${r.target.url}${r.target.mock ? ' (embedded Prism mock)' : ''} · seed ${r.seed}${shard}`,
  );
  out.push(v.headline);
  for (const p of r.preflight.filter((x) => !x.ok)) out.push(`preflight: ${preflightMessage(p)}`);
  const problems = r.problems ?? [];
  if (problems.length)
    out.push(
      '',
      `problems (${problems.length}), by root cause:`,
      ...problems.flatMap((p) => problemLines(r, p, reportJson)),
    );
  for (const x of v.ratchet)
    out.push('', `${visible(x.heading)}${x.lines.length ? ':' : ''}`, ...x.lines.map((l) => `  ${visible(l)}`));

  out.push(
    '',
    ...table(
      [
        ['check', 'passed', 'failed', 'waived', 'skipped', ...(r.baseline ? ['baselined'] : [])],
        ...r.checks.map((c) => [
          c.name,
          String(c.passed),
          String(c.failed),
          String(c.waived),
          String(c.skipped),
          ...(r.baseline ? [String(c.baselined ?? 0)] : []),
        ]),
      ],
      (i) => i > 0,
    ).map((l) => `  ${l}`),
  );

  const unwaived = r.failures.filter((f) => !f.waivedBy && !f.baselined);
  const waived = r.failures.filter((f) => f.waivedBy);
  const baselined = r.failures.filter((f) => f.baselined);
  // With problems above, the per-class detail is one line each (its curl line is in report.html and `replay --failure`).
  const detail = problems.length
    ? (f: ReportedFailure) => [compactLine(f, problems)]
    : (f: ReportedFailure) => failureLines(f, reportJson);
  // With problems above, CI logs get the problems and counts; the per-class list is in the reports (or --all-failures).
  const listAll = opts.allFailures === true || problems.length === 0;
  if (unwaived.length && listAll) out.push('', `failures (${unwaived.length}):`, ...unwaived.flatMap(detail));
  else if (unwaived.length)
    out.push(
      '',
      `failures (${unwaived.length}): listed in report.html and report.json (--all-failures prints them here)`,
    );
  if (baselined.length && listAll)
    out.push(
      '',
      `baselined failures (${baselined.length}), in problems the baseline lists:`,
      ...baselined.map((f) => compactLine(f, problems)),
    );
  if (waived.length)
    out.push(
      '',
      `waived failures (${waived.length}):`,
      ...waived.map((f) => `${f.id} ${f.check} [${f.kind}] ${f.case.label} — waived by ${f.waivedBy}`),
    );
  if (r.specGaps.length)
    out.push(
      '',
      `spec gaps (${r.specGaps.length}):`,
      ...r.specGaps.map((g) => `  ${visible(g.message)} (${g.count}×, e.g. ${g.example})`),
    );
  if (r.warnings.length)
    out.push('', `warnings (${r.warnings.length}):`, ...r.warnings.map((w) => `  ${w.code}: ${visible(w.message)}`));
  if (r.waivers.length) {
    const flag = (w: Report['waivers'][number]) =>
      [
        w.expired ? ` EXPIRED ${w.expires}` : '',
        w.stale ? ' STALE (matched nothing: remove it?)' : '',
        w.notExercised ? ' not exercised (none of its cases ran)' : '',
      ].join('');
    out.push(
      '',
      `waivers (${r.waivers.length}):`,
      ...r.waivers.map((w) => `  ${w.id} (${w.check}, owner ${w.owner}): matched ${w.matched}${flag(w)}`),
    );
  }

  const s = r.summary;
  out.push(
    '',
    `${v.word}: ${v.counts.problems} problem${v.counts.problems === 1 ? '' : 's'} · ${s.cases} cases, ${s.requests} requests, ${s.failures} failures, ${s.waived} waived${s.baselined ? `, ${s.baselined} baselined` : ''} in ${duration(s.durationMs)}${v.reasons.length ? ' — ' + v.reasons.join('; ') : ''}`,
  );
  if (r.budgetExhausted && r.complete !== false) out.push('--max-requests was reached while shrinking');
  for (const line of [pacingLine(r), tlsLine(r), ...fixtureLines(r)]) if (line !== undefined) out.push(line);
  if (!partial) out.push(...v.untested);
  out.push(
    `seed ${r.seed}; repeat the run${r.target.kind === 'url' ? ` (${repeatNote(r)})` : ''}: ${repeatCommand(r)}`,
  );
  if (unwaived.length && opts.reportDir !== undefined)
    out.push(
      `replay the failures: npx conformance replay ${reportJson}${r.target.kind === 'prism' ? ' --target URL' : ''}`,
    );
  const token = tokenCurl(r);
  if (unwaived.length && token !== undefined)
    out.push(`the curl lines read $CONNECT_TOKEN; get one as the run did: ${token}`);
  return out;
}
