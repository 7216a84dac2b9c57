// Debian packages the tests need, installed with apt-get when they are missing (CI runs on a fresh machine). Fails
// loudly (never skips) when they cannot be installed, so that a missing package is not mistaken for a pass.
import { spawn } from 'node:child_process';

/** Runs a command with its output captured; resolves with the exit code and the output's last lines. */
export function sh(command: string, args: readonly string[]): Promise<{ code: number; tail: string }> {
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

/**
 * Installs `packages` with apt-get unless `present()` already holds; throws, naming `needed`, when that fails or
 * `present()` still does not hold.
 */
export async function ensureDebian(
  needed: string,
  packages: readonly string[],
  present: () => Promise<boolean>,
): Promise<void> {
  if (await present()) return;
  const step = `apt-get install -y ${packages.join(' ')}`;
  const why = (failed: string, tail: string) =>
    new Error(
      `${needed}; "${failed}" failed (run as root with network access to the Debian mirrors, or install ${packages.join(', ')} yourself):\n${tail}`,
    );
  if (process.getuid?.() !== 0) throw why(step, 'not running as root');
  const update = await sh('apt-get', ['update']);
  if (update.code !== 0) throw why('apt-get update', update.tail);
  const install = await sh('apt-get', ['install', '-y', '--no-install-recommends', ...packages]);
  if (install.code !== 0 || !(await present())) throw why(step, install.tail);
}
