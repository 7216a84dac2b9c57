import { resolve } from 'node:path';
import { BUNDLED_SPEC, specFile } from '../package.ts';
import type { Report } from './model.ts';

/** Quotes a shell word only when it needs it. */
function word(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command that repeats a run exactly: every flag that shaped it (target, seed, runs, rate, budget, concurrency,
 * timeout, shard, token URL and scope, TLS, spec, waivers, give-up and time limits). No secret is ever part of it:
 * the run reads the token from `CONNECT_TOKEN` (or the client credentials from `CONNECT_CLIENT_ID` and
 * `CONNECT_CLIENT_SECRET`). A merged report repeats as one unsharded run (the union of its shards).
 */
export function repeatCommand(r: Report): string {
  const parts = [
    'npx',
    'conformance',
    'run',
    '--target',
    r.target.kind === 'prism' ? 'prism' : word(r.target.url),
    '--seed',
    String(r.seed),
    '--runs',
    String(r.runs),
  ];
  const o = r.options;
  const flag = (name: string, value: string | number | undefined) => {
    if (value !== undefined) parts.push(`--${name}`, word(String(value)));
  };
  if (o) {
    flag('rate', o.rate === undefined ? undefined : `${o.rate}/s`);
    flag('max-requests', o.maxRequests);
    if (o.concurrency !== 4) flag('concurrency', o.concurrency);
    // The target's own default is not repeated (2 s on Prism, 10 s elsewhere), so that the line stays short.
    if (o.timeoutMs !== (r.target.kind === 'prism' ? 2_000 : 10_000)) flag('timeout', o.timeoutMs);
    flag('token-url', o.tokenUrl);
    flag('scope', o.scope);
    flag('waivers', o.waivers);
    flag('give-up-after', o.giveUpAfter);
    flag('time-limit', o.timeLimitS);
    flag('ca', o.ca);
  }
  if (resolve(specFile(r.spec.path)) !== BUNDLED_SPEC) parts.push('--spec', word(r.spec.path));
  if (r.shard) parts.push('--shard', `${r.shard.index}/${r.shard.count}`);
  if (r.target.insecure) parts.push('--insecure');
  return parts.join(' ');
}

/** What the repeat command needs besides itself. */
export function repeatNote(r: Pick<Report, 'options'>): string {
  return r.options?.tokenUrl
    ? 'the client credentials in CONNECT_CLIENT_ID and CONNECT_CLIENT_SECRET, never on the command line'
    : REPEAT_NOTE;
}

/** What the repeat command needs besides itself (a static token). */
const REPEAT_NOTE = 'the token in CONNECT_TOKEN, never on the command line';
