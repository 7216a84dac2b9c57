// Makes Debian's `chromium` available to the report tests: installs it with apt-get when /usr/bin/chromium is absent.
// Fails loudly (never skips) when it cannot be installed, so that a missing browser is not mistaken for a pass.
import { existsSync } from 'node:fs';
import { ensureDebian } from './debian.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** The path of a usable Chromium; installs Debian's package when it is missing. Throws with the reason otherwise. */
export async function ensureChromium(): Promise<string> {
  await ensureDebian(`report tests need Chromium at ${CHROMIUM}`, ['chromium'], async () => existsSync(CHROMIUM));
  return CHROMIUM;
}

/** Usable as a vitest `globalSetup` file as well. */
export default async function setup(): Promise<void> {
  await ensureChromium();
}
