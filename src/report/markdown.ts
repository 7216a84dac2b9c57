// report.md: the report as a pull-request comment or a CI job summary reads it (GitHub-flavoured Markdown): the
// verdict, what to fix first with its curl line, the checks table; capped, with a link to report.html for the rest.
import type { CaseRecord, Report, ReportedFailure, ReportedProblem } from './model.ts';
import { problemMarks } from './baseline.ts';
import { evidenceOf, freshNote, problemHeadline, problemRules, problemScope, shownClasses } from './problems.ts';
import { repeatCommand } from './repeat.ts';
import { fixtureLines, pacingLine, tlsLine } from './sending.ts';
import { curlBlockOf, tokenCurl, type CurlTls, curlTlsOf } from './curl.ts';
import { duration, escapeText, visible } from './text.ts';
import { reproduceLines } from './script.ts';
import { viewOf } from './view.ts';
import { fieldValue } from '../wire.ts';
import { replayInstead, tooLongToShow } from './shown.ts';

/** How report.md is cut to fit a comment (GitHub refuses comments over 65,536 characters). */
export interface MarkdownOptions {
  /** Most entries (problems, or failures of an older report) shown in full; the rest are counted and left to report.html. */
  readonly maxEntries?: number;
  /** Most characters in all; entries that would pass it are left out (counted) as well. */
  readonly maxChars?: number;
  /** The HTML report, relative to report.md. */
  readonly htmlLink?: string;
  /** report.json as the run wrote it, for the replay command of a curl line too long to show. */
  readonly reportJson?: string;
}

/** Longer than any curl line worth pasting from a comment; a longer one is left to report.html. */
const MAX_CURL = 2_000;
/** The characters of an example's answer shown under its problem (report.html has it whole). */
const MAX_ANSWER = 400;

/** Inline code that survives any content: a fence longer than every backtick run inside, on one visible line. */
export function code(s: string): string {
  const text = visible(s).replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block that no line of `s` can close. */
function block(s: string, lang = ''): string {
  const longest = Math.max(2, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${visible(s)}\n${fence}`;
}

/** Plain Markdown text: markup escaped as in HTML (GitHub renders Markdown to HTML), one line. */
function text(s: string): string {
  return escapeText(s).replace(/\r?\n/g, ' ');
}

/**
 * How to reproduce a case record (`ref`, F12 or P3), the curl command laid out with the body on its own line; a long
 * one is left to report.html, and one too long for it to the replay command.
 */
function curlBlock(r: CaseRecord, ref: string, htmlLink: string, tls: CurlTls, reportJson?: string): string {
  const lines = r.curlGap === undefined ? [curlBlockOf(r, tls)] : reproduceLines(r);
  const length = lines.reduce((n, l) => n + l.length, 0);
  if (length <= MAX_CURL) return block(lines.join('\n'), 'sh');
  return tooLongToShow(r.curl)
    ? `_curl line of ${length} characters: replay the request from report.json, ${code(replayInstead(ref, r.curl.length, reportJson)[1])}_`
    : `_curl line of ${length} characters: copy it from [report.html](${htmlLink})_`;
}

/** The example's answer, its first characters: the provider's own words often name the cause (a field, a rule). */
function answerLines(r: CaseRecord): string[] {
  const res = r.response;
  if (!res || res.body === '') return [];
  const type = fieldValue(Object.entries(res.headers), 'content-type');
  const long = res.body.length > MAX_ANSWER;
  return [
    '',
    `the answer, ${res.status}${type ? ` ${code(type)}` : ''}${long ? ` (its first ${MAX_ANSWER} of ${res.body.length} characters)` : ''}:`,
    '',
    block(long ? res.body.slice(0, MAX_ANSWER) : res.body, type?.includes('json') ? 'json' : ''),
  ];
}

function failureEntry(f: ReportedFailure, htmlLink: string, tls: CurlTls, reportJson?: string): string {
  const answer = f.response ? `answer ${f.response.status}` : `no answer (${f.error?.kind ?? 'none'})`;
  return [
    `#### ${f.id} ${code(f.check)} · ${code(f.kind)} · ${code(f.case.label)}${f.occurrences > 1 ? ` (${f.occurrences}×)` : ''}`,
    '',
    `${text(f.message)}  `,
    `rule ${code(f.rule)} · ${answer} · case ${code(f.case.id)} (${f.case.phase})`,
    '',
    curlBlock(f, f.id, htmlLink, tls, reportJson),
  ].join('\n');
}

function problemEntry(
  p: ReportedProblem,
  marks: readonly string[],
  htmlLink: string,
  tls: CurlTls,
  reportJson?: string,
): string {
  const ex = p.example;
  const fresh = freshNote(p);
  const shown = shownClasses(p);
  const classes = shown.slice(0, 5).map(code).join(', ') + (shown.length > 5 ? ` and ${shown.length - 5} more` : '');
  return [
    `#### ${p.id} ${text(problemHeadline(p))}${marks.map((m) => ` · _${m}_`).join('')}`,
    '',
    `${problemScope(p)}: ${classes}  `,
    ...problemRules(p).map((x) => {
      const [check, ...rule] = x.split(' ');
      return `${code(check)} rule ${code(rule.join(' '))}  `;
    }),
    `${p.shrunk ? 'smallest example (shrunk)' : 'smallest example'}: case ${code(ex.case.id)} ${code(ex.case.label)}${fresh === undefined ? '' : '  '}`,
    ...(fresh === undefined ? [] : [`**${text(fresh)}**`]),
    ...evidenceOf(p).flatMap((e, i) => [
      ...(i === 0 ? [''] : []),
      `- ${text(e.where)}: received ${code(e.received)}, due ${code(e.due)}`,
    ]),
    '',
    curlBlock(ex, p.id, htmlLink, tls, reportJson),
    ...answerLines(ex),
  ].join('\n');
}

/** The entries a reader acts on, in order, each as Markdown: the problems, or the failures of an older report. */
function entries(r: Report, htmlLink: string, reportJson?: string): { title: string; items: string[] } {
  if (r.problems)
    return {
      title: `Problems (${r.problems.length})`,
      items: r.problems.map((p) => problemEntry(p, problemMarks(r, p), htmlLink, curlTlsOf(r), reportJson)),
    };
  const unwaived = r.failures.filter((f) => !f.waivedBy);
  return {
    title: `Failures (${unwaived.length})`,
    items: unwaived.map((f) => failureEntry(f, htmlLink, curlTlsOf(r), reportJson)),
  };
}

function checksTable(r: Report): string {
  const b = r.baseline !== undefined;
  const rows = r.checks.map(
    (c) =>
      `| ${c.failed > 0 ? '❌' : c.waived > 0 ? '⚠️' : '✅'} ${code(c.name)} | ${c.passed} | ${c.failed} | ${c.waived} | ${c.skipped} |${b ? ` ${c.baselined ?? 0} |` : ''}`,
  );
  return [
    `| check | passed | failed | waived | skipped |${b ? ' baselined |' : ''}`,
    `|---|--:|--:|--:|--:|${b ? '--:|' : ''}`,
    ...rows,
  ].join('\n');
}

/** After an OAuth2 run with failures: how to get the token their curl lines read. */
function tokenLines(r: Report): string[] {
  const token = tokenCurl(r);
  if (token === undefined || !r.failures.some((f) => !f.waivedBy)) return [];
  return ['The curl lines read `$CONNECT_TOKEN`; get one from the run’s token endpoint:', '', block(token, 'sh'), ''];
}

/**
 * report.md for a report: verdict, what failed (with rule and curl line), the checks table. At most `maxEntries`
 * entries and about `maxChars` characters: what is left out is counted and linked to report.html.
 */
export function toMarkdown(r: Report, opts: MarkdownOptions = {}): string {
  const maxEntries = opts.maxEntries ?? 10;
  const maxChars = opts.maxChars ?? 60_000;
  const html = opts.htmlLink ?? 'report.html';
  const s = r.summary;
  const v = viewOf(r);
  const head = [
    `## ${v.icon} ${v.word} · conformance of ${code(v.operation)}`,
    '',
    `**${text(v.headline)}**`,
    '',
    `Target ${code(r.target.url)}${r.target.mock ? ' (embedded Prism mock)' : ''} · seed ${r.seed} · ${s.cases} cases, ${s.requests} requests, ${s.waived} waived · ${duration(s.durationMs)}`,
    ...(v.reasons.length || v.untested.length ? ['', ...[...v.reasons, ...v.untested].map((x) => `- ${text(x)}`)] : []),
    ...[pacingLine(r), tlsLine(r), ...fixtureLines(r)].flatMap((l) => (l === undefined ? [] : ['', text(l)])),
  ].join('\n');
  const ratchet = v.ratchet.flatMap((x) => [
    `### ${text(x.heading.charAt(0).toUpperCase() + x.heading.slice(1))}`,
    '',
    ...x.lines.slice(0, 20).map((l) => `- ${text(l)}`),
    ...(x.lines.length > 20 ? [`- _…and ${x.lines.length - 20} more in [report.html](${html})_`] : []),
    '',
  ]);
  // Warnings never fail a run, but a gate's reader should see them where the verdict is (the spec's quirks, advice).
  const warnings = r.warnings.length
    ? [
        `### Warnings (${r.warnings.length})`,
        '',
        ...r.warnings.slice(0, 20).map((w) => `- ${code(w.code)}: ${text(w.message)}`),
        ...(r.warnings.length > 20 ? [`- _…and ${r.warnings.length - 20} more in [report.html](${html})_`] : []),
        '',
      ]
    : [];
  const tail = [
    ...ratchet,
    ...warnings,
    `### Checks`,
    '',
    checksTable(r),
    '',
    ...tokenLines(r),
    `Full report: [report.html](${html}) · repeat the run: ${code(repeatCommand(r))}`,
    '',
  ].join('\n');

  const { title, items } = entries(r, html, opts.reportJson);
  const shown: string[] = [];
  let size = head.length + tail.length + title.length + 200;
  for (const item of items.slice(0, maxEntries)) {
    if (size + item.length + 2 > maxChars) break;
    shown.push(item);
    size += item.length + 2;
  }
  const left = items.length - shown.length;
  const body = [
    `### ${title}`,
    '',
    ...(items.length === 0 ? ['None.'] : shown.flatMap((x) => [x, ''])),
    ...(left > 0 ? [`_…and ${left} more, left out to keep this short: see [report.html](${html})._`] : []),
  ].join('\n');
  return [head, '', body.trimEnd(), '', tail].join('\n');
}
