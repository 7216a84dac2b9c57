import { resolve } from 'node:path';
import { BUNDLED_SPEC } from '../package.ts';
import type { Report } from './model.ts';

/** Quotes a shell word only when it needs it. */
function word(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command that repeats a run exactly: same target, seed, runs, spec and shard. The token is never part of it;
 * the run reads it from `CONNECT_TOKEN`. A merged report repeats as one unsharded run (the union of its shards).
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
  if (resolve(r.spec.path) !== BUNDLED_SPEC) parts.push('--spec', word(r.spec.path));
  if (r.shard) parts.push('--shard', `${r.shard.index}/${r.shard.count}`);
  if (r.target.insecure) parts.push('--insecure');
  return parts.join(' ');
}

/** What the repeat command needs besides itself. */
export const REPEAT_NOTE = 'the token in CONNECT_TOKEN, never on the command line';
