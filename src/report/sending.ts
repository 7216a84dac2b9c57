// How a run was sent, said alike by the console and report.md: the pace against the target's rate limit, and
// whether TLS was verified.
import type { Report } from './model.ts';
import { duration } from './text.ts';

const perSecond = (n: number) => `${n}/s`;

/**
 * One line on the pace (`429s: 12 of 480 requests (2.5%); the pace settled at 31.5/s, under --rate 200/s, lowered 4×;
 * all sending paused 3.2 s`); undefined when the run was unpaced and met no rate limit.
 */
export function pacingLine(r: Report): string | undefined {
  const p = r.pacing;
  const rate = r.options?.rate;
  if (!p || (p.rateLimited === 0 && !p.unavailable && p.lowered === 0 && p.policy === undefined && rate === undefined))
    return undefined;
  const share = r.summary.requests > 0 ? ` (${((100 * p.rateLimited) / r.summary.requests).toFixed(1)}%)` : '';
  const settled =
    p.settledRate === undefined
      ? 'the run was unpaced'
      : `the pace settled at ${perSecond(p.settledRate)}${rate === undefined ? '' : `, under --rate ${perSecond(rate)}`}`;
  return [
    `429s: ${p.rateLimited} of ${r.summary.requests} requests${share}; `,
    p.unavailable ? `503s taken for an overload: ${p.unavailable}; ` : '',
    settled,
    p.lowered ? `, lowered ${p.lowered}×` : '',
    p.policy ? `; the target's quota: ${p.policy}` : '',
    p.pausedMs ? `; all sending paused ${duration(p.pausedMs)} in all` : '',
  ].join('');
}

/** What `--fixtures` put into the cases, and each stale value (refused by the sandbox): not failures, to be updated. */
export function fixtureLines(r: Report): string[] {
  const f = r.fixtures;
  if (!f) return [];
  const fields = f.fields.map(
    (x) => `${x.field} (${x.usable} of ${x.values} value${x.values === 1 ? '' : 's'}, in ${x.cases} cases)`,
  );
  return [
    `fixtures from ${f.file}: ${fields.join(', ')}`,
    ...f.stale.map(
      (s) =>
        `stale fixture: ${s.field} ${s.value} was refused by the target (${s.received}); not used: update ${f.file}`,
    ),
  ];
}

/** Said whenever certificates were not verified, so that nobody takes the run for one over verified TLS. */
export function tlsLine(r: Report): string | undefined {
  return r.target.insecure
    ? '--insecure: TLS certificates were not verified, for the target and the token endpoint'
    : undefined;
}
