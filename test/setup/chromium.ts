// Makes Debian's `chromium` available to the report tests: installs it with apt-get when /usr/bin/chromium is absent.
// Fails loudly (never skips) when it cannot be installed, so that a missing browser is not mistaken for a pass.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/** Runs a command with its output captured; resolves with the exit code and the output's last lines. */
function sh(command: string, args: readonly string[]): Promise<{ code: number; tail: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const keep = (chunk: Buffer) => (out = (out + chunk.toString('utf8')).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => resolve({ code: 127, tail: e.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, tail: out.trim().split('\n').slice(-5).join('\n') }));
  });
}

/** The path of a usable Chromium; installs Debian's package when it is missing. Throws with the reason otherwise. */
export async function ensureChromium(): Promise<string> {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const why = (step: string, tail: string) =>
    new Error(
      `report tests need Chromium at ${CHROMIUM}; "${step}" failed (run as root with network access to the Debian mirrors, or install the "chromium" package yourself):\n${tail}`,
    );
  if (process.getuid?.() !== 0) throw why('apt-get install -y chromium', 'not running as root');
  const update = await sh('apt-get', ['update']);
  if (update.code !== 0) throw why('apt-get update', update.tail);
  const install = await sh('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  if (install.code !== 0 || !existsSync(CHROMIUM)) throw why('apt-get install -y chromium', install.tail);
  return CHROMIUM;
}

/** Usable as a vitest `globalSetup` file as well. */
export default async function setup(): Promise<void> {
  await ensureChromium();
}
