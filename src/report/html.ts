// report.html: one self-contained page a person can act on. Inline CSS, one inline script (copy buttons) allowed by its
// hash, and a Content-Security-Policy that forbids every fetch: the page works offline and leaks nothing.
import { createHash } from 'node:crypto';
import type { CaseRecord, CheckSummary, Report, ReportedFailure, ReportedProblem } from './model.ts';
import { problemMarks } from './baseline.ts';
import { evidenceOf, freshNote, problemHeadline, problemRules, problemScope, shownClasses } from './problems.ts';
import { repeatCommand, repeatNote } from './repeat.ts';
import { viewOf } from './view.ts';
import { curlBlockOf, curlTlsOf, tokenCurl, type CurlTls } from './curl.ts';
import { fixtureLines, pacingLine, tlsLine } from './sending.ts';
import { duration, escapeMarkup as a, escapeText as t } from './text.ts';
import { NEAREST_CURL, scriptNote } from './script.ts';
import { replayInstead, shownText, tooLongToShow, type ShownOptions } from './shown.ts';

const STYLE = `
:root { --ok: #17663a; --ok-bg: #e3f4e9; --bad: #a4161a; --bad-bg: #fde8e8; --warn: #8a5a00; --warn-bg: #fff4d6; --muted: #5f6670; --line: #d9dde3; --code: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d2127; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0; }
code, pre { font: 12.5px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
pre { background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 360px; overflow: auto; }
.muted { color: var(--muted); }
.verdict { display: flex; align-items: center; gap: 16px; margin: 16px 0; padding: 14px 18px; border-radius: 8px; border: 1px solid; }
.verdict strong { font-size: 22px; letter-spacing: .04em; }
.verdict ul { margin: 0; padding-left: 18px; }
.verdict.conforms { color: var(--ok); background: var(--ok-bg); border-color: #9fd3b2; }
.verdict.fails { color: var(--bad); background: var(--bad-bg); border-color: #f1a9ab; }
.verdict.interrupted { color: var(--warn); background: var(--warn-bg); border-color: #f0cf7a; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.stats { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 110px; }
.stat b { display: block; font-size: 20px; }
.stat.bad b { color: var(--bad); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: #fafbfc; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
tr.failed td { background: var(--bad-bg); }
tr.failed td.fail { color: var(--bad); font-weight: 700; }
tr.waived td.waive { color: var(--warn); font-weight: 700; }
.failure { border: 1px solid var(--line); border-left: 5px solid var(--bad); border-radius: 6px; padding: 12px 14px; margin: 14px 0; }
.failure.waived { border-left-color: #d9a400; }
.failure header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; }
.failure .message { margin: 8px 0 4px; font-weight: 600; }
.id { font-weight: 700; color: #fff; background: var(--bad); border-radius: 4px; padding: 0 6px; }
.waived .id { background: #b08500; }
.tag { border: 1px solid var(--line); border-radius: 10px; padding: 0 8px; font-size: 12px; color: var(--muted); }
.flag { border-radius: 4px; padding: 0 6px; font-size: 12px; font-weight: 700; }
.flag.stale { background: var(--warn-bg); color: var(--warn); }
.flag.expired { background: var(--bad-bg); color: var(--bad); }
.exchange { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-top: 8px; }
.exchange > div { min-width: 0; }
.label { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; margin-top: 8px; }
.copyable { position: relative; }
.copyable pre { padding-right: 70px; }
button.copy { position: absolute; top: 6px; right: 6px; font: 12px system-ui, sans-serif; padding: 2px 8px; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
.problem, .failure { content-visibility: auto; contain-intrinsic-size: auto 220px; }
.problem { border: 1px solid var(--line); border-left: 5px solid var(--bad); border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
.problem header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; }
.problem .headline { font-weight: 600; font-size: 15px; overflow-wrap: anywhere; }
.problem ul { margin: 4px 0; padding-left: 18px; }
.problem li, .problem .classes { overflow-wrap: anywhere; }
td { overflow-wrap: anywhere; }
details summary { cursor: pointer; color: var(--muted); margin: 6px 0; }
@media (max-width: 800px) { .exchange { grid-template-columns: 1fr; } }
@media print { button.copy { display: none; } pre { max-height: none; } }
`;

// Copies the text of the element a button names; the page carries no data in script, so nothing here needs escaping.
const SCRIPT = `document.addEventListener('click', function (e) {
  var b = e.target.closest && e.target.closest('button[data-copy]');
  if (!b) return;
  var text = document.getElementById(b.getAttribute('data-copy')).textContent;
  var done = function () { b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Copy'; }, 1500); };
  var fallback = function () {
    var ta = document.createElement('textarea');
    ta.value = text; document.body.appendChild(ta); ta.select();
    try { document.execCommand('copy'); done(); } finally { ta.remove(); }
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback); else fallback();
});`;

const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'; img-src data:; base-uri 'none'; form-action 'none'`;

function copyable(id: string, text: string): string {
  return `<div class="copyable"><pre id="${a(id)}">${t(text)}</pre><button type="button" class="copy" data-copy="${a(id)}" title="Copy to the clipboard">Copy</button></div>`;
}

/** The curl line of a record; where curl falls short, the note and the script line that sends the exact bytes first. */
function reproduce(id: string, r: CaseRecord, tls: CurlTls, reportJson?: string): string {
  if (tooLongToShow(r.curl)) {
    const [why, replay] = replayInstead(id, r.curl.length, reportJson);
    return `<div class="muted">${t(why)}</div>\n${copyable(`replay-${id}`, replay)}`;
  }
  // A page shows the curl command laid out (body on its own line); where curl falls short, the exact line and the script.
  const curl = copyable(`curl-${id}`, r.curlGap === undefined ? curlBlockOf(r, tls) : r.curl);
  return r.curlGap !== undefined && r.script !== undefined
    ? `<div class="muted">${t(scriptNote(r.curlGap))}</div>\n${copyable(`script-${id}`, r.script)}\n<div class="muted">${t(NEAREST_CURL)}</div>\n${curl}`
    : curl;
}

function headers(h: Readonly<Record<string, string>>): string {
  return Object.entries(h)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

/** A JSON body indented for reading (the exact bytes are in report.json and the curl line); anything else as is. */
function readable(body: string): { text: string; formatted: boolean } {
  try {
    const value: unknown = JSON.parse(body);
    if (value !== null && typeof value === 'object') return { text: JSON.stringify(value, null, 2), formatted: true };
  } catch {
    // not JSON: shown as it came
  }
  return { text: body, formatted: false };
}

/** The request and the answer of a case record, as readable text. */
function exchangeText(f: CaseRecord): { request: string; response: string; note: string } {
  const request = `${f.request.method} ${f.request.url}\n${headers(f.request.headers)}${f.request.body === null ? '' : `\n\n${shownText(f.request.body)}`}`;
  let response: string;
  let note = '';
  if (f.response) {
    const body = readable(f.response.body);
    response = `${f.response.status}\n${headers(f.response.headers)}${f.response.body === '' ? '' : `\n\n${shownText(body.text)}`}`;
    if (body.formatted) note = ' <span class="muted">(JSON body indented)</span>';
  } else response = `no answer: ${f.error ? `${f.error.kind}: ${f.error.message}` : 'none'}`;
  return { request, response, note };
}

/** Classes shown before the rest are folded away (a problem may span 70 of them). */
const SHOWN_CLASSES = 6;

function problemSection(
  p: ReportedProblem,
  open: boolean,
  marks: readonly string[],
  tls: CurlTls,
  reportJson?: string,
): string {
  const ex = p.example;
  const { request, response, note } = exchangeText(ex);
  // The answer's fragment at the path that is wrong, received against due, beside the request (issue #24).
  const evidence = evidenceOf(p);
  // Folded classes are one text node: a page of 500 problems in 70 classes each stays quick to open.
  const shown = shownClasses(p);
  const classes = shown.slice(0, SHOWN_CLASSES).map((c) => `<code>${t(c)}</code>`);
  const classList =
    shown.length <= SHOWN_CLASSES
      ? classes.join(', ')
      : `${classes.join(', ')} <details><summary>and ${shown.length - SHOWN_CLASSES} more classes</summary><code>${t(shown.slice(SHOWN_CLASSES).join(', '))}</code></details>`;
  const details =
    p.failures
      .slice(0, 20)
      .map((id) => `<a href="#${a(id)}">${t(id)}</a>`)
      .join(' ') + (p.failures.length > 20 ? ` and ${p.failures.length - 20} more` : '');
  const fresh = freshNote(p);
  const exchange = `<div class="exchange"><div><div class="label">${p.shrunk ? 'Smallest request (shrunk)' : 'Smallest request'}</div><pre>${t(request)}</pre></div><div><div class="label">Answer${note}</div><pre>${t(response)}</pre></div></div>
<div class="label">Reproduce</div>
${fresh === undefined ? '' : `<p><strong>${t(fresh)}</strong></p>\n`}${reproduce(p.id, ex, tls, reportJson)}`;
  return `<section class="problem" id="${a(p.id)}">
<header><span class="id">${t(p.id)}</span><span class="headline">${t(problemHeadline(p))}</span><span class="tag">${t(problemScope(p))}</span>${marks.map((m) => `<span class="flag ${m === 'new' ? 'expired' : 'stale'}">${t(m)}</span>`).join('')}</header>
<ul>${problemRules(p)
    .map((r) => {
      const [check, ...rule] = r.split(' ');
      return `<li><code>${t(check)}</code> · rule <code class="rule">${t(rule.join(' '))}</code></li>`;
    })
    .join('')}</ul>
<div class="classes muted">Classes: ${classList}</div>
<div class="muted">Example case ${t(ex.case.id)} (${t(ex.case.label)}) · details ${details || '—'}</div>
${evidence.length ? `<table class="evidence"><thead><tr><th>where</th><th>received</th><th>due</th></tr></thead><tbody>${evidence.map((e) => `<tr><td>${t(e.where)}</td><td><code>${t(e.received)}</code></td><td><code>${t(e.due)}</code></td></tr>`).join('')}</tbody></table>` : ''}
${open ? exchange : `<details><summary>Smallest request, answer and curl line</summary>${exchange}</details>`}
</section>`;
}

function failureSection(f: ReportedFailure, tls: CurlTls, reportJson?: string): string {
  const { request, response, note } = exchangeText(f);
  const caseInfo = [
    `case ${f.case.id}`,
    f.case.phase,
    ...(f.counterexamplePath ? [`counterexample path ${f.counterexamplePath}`] : []),
    `seed ${f.seed}`,
  ].join(' · ');
  return `<section class="failure${f.waivedBy ? ' waived' : ''}" id="${a(f.id)}">
<header><span class="id">${t(f.id)}</span><h3><code>${t(f.check)}</code></h3><span class="tag">${t(f.kind)}</span><span class="tag">${t(f.case.label)}</span>${f.occurrences > 1 ? `<span class="tag">${f.occurrences}× in the run</span>` : ''}${f.waivedBy ? `<span class="flag stale">waived by ${t(f.waivedBy)}</span>` : ''}</header>
<p class="message">${t(f.message)}</p>
<div>Rule: <code class="rule">${t(f.rule)}</code></div>
<div class="muted">${t(caseInfo)}</div>
<div class="exchange"><div><div class="label">Minimal request</div><pre>${t(request)}</pre></div><div><div class="label">Answer${note}</div><pre>${t(response)}</pre></div></div>
<div class="label">Reproduce${f.curl.includes('$CONNECT_TOKEN') ? ' (token from <code>CONNECT_TOKEN</code>)' : ''}</div>
${reproduce(f.id, f, tls, reportJson)}
</section>`;
}

function checkRow(c: CheckSummary, firstFailure: ReportedFailure | undefined, baselined: boolean): string {
  const cls = c.failed > 0 ? 'failed' : c.waived > 0 ? 'waived' : '';
  const name = firstFailure
    ? `<a href="#${a(firstFailure.id)}"><code>${t(c.name)}</code></a>`
    : `<code>${t(c.name)}</code>`;
  return `<tr class="${cls}"><td>${name}</td><td class="muted">${t(c.description)}</td><td class="n">${c.passed}</td><td class="n fail">${c.failed}</td><td class="n waive">${c.waived}</td><td class="n">${c.skipped}</td>${baselined ? `<td class="n">${c.baselined ?? 0}</td>` : ''}</tr>`;
}

function table(head: readonly string[], rows: readonly string[], numeric: readonly number[] = []): string {
  return `<table><thead><tr>${head.map((h, i) => `<th${numeric.includes(i) ? ' class="n"' : ''}>${t(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

/** Created ids the page lists (the count and the file name say the rest). */
const HTML_CREATED = 20;

/** report.html for a report: every value escaped, nothing fetched. */
export function toHtml(r: Report, opts: ShownOptions = {}): string {
  const view = viewOf(r);
  // The stylesheet's classes: a run that did not judge its whole plan is shown in amber.
  const state = view.tone === 'partial' ? 'interrupted' : view.tone;
  const word = view.word;
  const untested = view.untested;
  const unwaived = r.failures.filter((f) => !f.waivedBy && !f.baselined);
  const waived = r.failures.filter((f) => f.waivedBy);
  const baselined = r.failures.filter((f) => f.baselined);
  const shard = r.shard
    ? `${r.shard.index}/${r.shard.count}`
    : r.mergedShards
      ? `merged from ${r.mergedShards} shards`
      : 'none (the whole run)';
  const meta: [string, string][] = [
    [
      'Target',
      `${r.target.url}${r.target.mock ? ' (embedded Prism mock)' : ''}${r.target.insecure ? ' (--insecure: TLS not verified, for the target and the token endpoint)' : ''}${r.options?.ca ? ` (--ca ${r.options.ca}: trusted for the target and the token endpoint)` : ''}`,
    ],
    ['Seed', String(r.seed)],
    ['Runs', String(r.runs)],
    ['Shard', shard],
    ['Spec', `${r.spec.path} · sha256 ${r.spec.sha256}`],
    ['Tool', `${r.tool.name} ${r.tool.version}`],
    ['Started', r.startedAt],
    ['Duration', duration(r.summary.durationMs)],
  ];
  const stats: [string, number, boolean][] = [
    ['cases', r.summary.cases, false],
    ['requests', r.summary.requests, false],
    ['passed', r.summary.passed, false],
    ['failures', r.summary.failures, r.summary.failures > 0],
    ['distinct failures', unwaived.length, unwaived.length > 0],
    ['waived', r.summary.waived, false],
    ...(r.summary.baselined !== undefined
      ? [['baselined', r.summary.baselined, false] as [string, number, boolean]]
      : []),
    ['429 waited out', r.summary.rateLimited, false],
    ...(r.pacing?.unavailable ? [['503 waited out', r.pacing.unavailable, false] as [string, number, boolean]] : []),
  ];
  const repeat = repeatCommand(r);
  // How the run was sent, as the console and report.md say it: the pace, unverified TLS, the fixtures and stale ones.
  const sending = [pacingLine(r), tlsLine(r), ...fixtureLines(r)].filter((l) => l !== undefined);
  // The page's curl lines (waived ones too) read $CONNECT_TOKEN after an OAuth2 run: how to get one.
  const token = r.failures.length > 0 ? tokenCurl(r) : undefined;
  const sections: string[] = [];
  const problems = r.problems ?? [];
  // What a person sees first: the problems, right under the verdict (the first few open, the rest one click away).
  const problemsHtml = r.problems
    ? `<h2 id="problems">Problems (${problems.length})</h2>${problems.length ? `<p class="muted">The failures grouped by root cause: the same answer failing the same checks, in any case class. Per-class detail below.</p>${problems.map((p, i) => problemSection(p, i < 3, problemMarks(r, p), curlTlsOf(r), opts.reportJson)).join('\n')}` : '<p class="muted">None.</p>'}`
    : '';
  const ratchet = view.ratchet
    .map(
      (x) =>
        `<h2>${t(x.heading.charAt(0).toUpperCase() + x.heading.slice(1))}</h2>${x.lines.length ? `<ul>${x.lines.map((l) => `<li>${t(l)}</li>`).join('')}</ul>` : ''}`,
    )
    .join('\n');

  sections.push(
    `<h2>Checks</h2>${table(
      ['check', 'what it asserts', 'passed', 'failed', 'waived', 'skipped', ...(r.baseline ? ['baselined'] : [])],
      r.checks.map((c) =>
        checkRow(
          c,
          unwaived.find((f) => f.check === c.name) ?? waived.find((f) => f.check === c.name),
          r.baseline !== undefined,
        ),
      ),
      [2, 3, 4, 5, 6],
    )}`,
  );
  sections.push(
    `<h2 id="failures">Failures by check and case class (${unwaived.length})</h2>${unwaived.length ? unwaived.map((f) => failureSection(f, curlTlsOf(r), opts.reportJson)).join('\n') : '<p class="muted">None.</p>'}`,
  );
  if (baselined.length)
    sections.push(
      `<h2 id="baselined">Baselined failures (${baselined.length})</h2><p class="muted">In problems the baseline lists: reported, not failing the run.</p>${baselined.map((f) => failureSection(f, curlTlsOf(r), opts.reportJson)).join('\n')}`,
    );
  if (waived.length)
    sections.push(
      `<h2 id="waived">Waived failures (${waived.length})</h2>${waived.map((f) => failureSection(f, curlTlsOf(r), opts.reportJson)).join('\n')}`,
    );
  if (r.specGaps.length) {
    sections.push(
      `<h2 id="spec-gaps">Spec gaps (${r.specGaps.length})</h2><p class="muted">Statuses the verdict profile allows but the spec does not document: not failures; the spec should list them.</p>${table(
        ['status', 'message', 'count', 'example case', 'rule'],
        r.specGaps.map(
          (g) =>
            `<tr><td>${g.status}</td><td>${t(g.message)}</td><td class="n">${g.count}</td><td><code>${t(g.example)}</code></td><td><code>${t(g.rule)}</code></td></tr>`,
        ),
        [2],
      )}`,
    );
  }
  if (r.warnings.length) {
    sections.push(
      `<h2 id="warnings">Warnings (${r.warnings.length})</h2>${table(
        ['code', 'message', 'rule'],
        r.warnings.map(
          (w) =>
            `<tr><td><code>${t(w.code)}</code></td><td>${t(w.message)}</td><td><code>${t(w.rule)}</code></td></tr>`,
        ),
      )}`,
    );
  }
  if (r.waivers.length) {
    const flags = (w: Report['waivers'][number]) =>
      `${w.expired ? `<span class="flag expired">EXPIRED</span> ` : ''}${w.stale ? '<span class="flag stale">STALE</span>' : ''}${w.notExercised ? '<span class="flag">NOT EXERCISED</span>' : ''}`;
    sections.push(
      `<h2 id="waivers">Waivers (${r.waivers.length})</h2>${table(
        ['waiver', 'check', 'matched', 'status', 'expires', 'owner', 'reason'],
        r.waivers.map(
          (w) =>
            `<tr><td><code>${t(w.id)}</code></td><td><code>${t(w.check)}</code></td><td class="n">${w.matched}</td><td>${flags(w)}</td><td class="nowrap">${t(w.expires ?? '—')}</td><td>${t(w.owner)}</td><td>${t(w.reason)}</td></tr>`,
        ),
        [2],
      )}`,
    );
  }
  if (r.preflight.length) {
    sections.push(
      `<h2 id="preflight">Preflight</h2>${table(
        ['case', 'expected', 'received', ''],
        r.preflight.map(
          (p) =>
            `<tr class="${p.ok ? '' : 'failed'}"><td><code>${t(p.label)}</code></td><td>${t(p.expected)}</td><td>${t(p.received)}</td><td>${p.ok ? 'ok' : 'accepted: the target does not seem to enforce the contract'}</td></tr>`,
        ),
      )}`,
    );
  }
  const extras: string[] = [];
  if (r.coverage.length) {
    extras.push(
      `<details><summary>Coverage: ${r.coverage.length} schema rules exercised</summary>${table(
        ['rule', 'keyword', 'valid', 'invalid'],
        r.coverage.map(
          (c) =>
            `<tr><td><code>${t(c.pointer)}</code></td><td>${t(c.keyword)}</td><td class="n">${c.valid}</td><td class="n">${c.invalid}</td></tr>`,
        ),
        [2, 3],
      )}</details>`,
    );
  }
  if (Object.keys(r.plan).length) {
    extras.push(
      `<details><summary>Plan: cases by class</summary>${table(
        ['case class', 'cases'],
        Object.entries(r.plan).map(([l, n]) => `<tr><td><code>${t(l)}</code></td><td class="n">${n}</td></tr>`),
        [1],
      )}</details>`,
    );
  }
  if (r.normalisations.length) {
    extras.push(
      `<details><summary>Spec normalisations for the target (${r.normalisations.length})</summary>${table(
        ['rule', 'change', 'reason'],
        r.normalisations.map(
          (n) => `<tr><td><code>${t(n.rule)}</code></td><td>${t(n.change)}</td><td>${t(n.reason)}</td></tr>`,
        ),
      )}</details>`,
    );
  }
  const createdCount = r.createdCount ?? r.created.length;
  if (createdCount)
    extras.push(
      `<details><summary>Entities created by the run (${createdCount}; the API has no delete)${createdCount > HTML_CREATED ? `: the first ${HTML_CREATED}, every one in ${t(r.createdFile ?? 'created.ndjson')}` : ''}</summary><pre>${t(r.created.slice(0, HTML_CREATED).join('\n'))}</pre></details>`,
    );
  if (extras.length) sections.push(`<h2>Details</h2>${extras.join('\n')}`);

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(`${word}: conformance of ${r.target.url} (seed ${r.seed})`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Conformance report · <code>${t(view.operation)}</code></h1>
<div class="muted">${t(`${r.tool.name} ${r.tool.version}`)}</div>
<div class="verdict ${state}" id="verdict"><strong>${word}</strong><span id="headline">${t(view.headline)}</span>${view.reasons.length || untested.length ? `<ul>${[...view.reasons, ...untested].map((x) => `<li>${t(x)}</li>`).join('')}</ul>` : '<span>every check passed (waived failures allowed)</span>'}</div>
${problemsHtml}
${ratchet}
<dl class="meta">${meta.map(([k, v]) => `<dt>${t(k)}</dt><dd>${t(v)}</dd>`).join('')}</dl>
<div class="stats">${stats.map(([k, n, bad]) => `<div class="stat${bad ? ' bad' : ''}"><b>${n}</b>${t(k)}</div>`).join('')}</div>
${sending.length ? `<ul id="sending">${sending.map((l) => `<li>${t(l)}</li>`).join('')}</ul>` : ''}
<div class="label">Repeat this run${r.target.kind === 'url' ? ` (${t(repeatNote(r))})` : ''}</div>
${copyable('repeat', repeat)}
${token === undefined ? '' : `<div class="label">The curl lines read $CONNECT_TOKEN: get one from the run’s token endpoint</div>\n${copyable('token', token)}`}
${sections.join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
