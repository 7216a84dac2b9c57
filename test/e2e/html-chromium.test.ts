// report.html and junit.xml as a real browser sees them: Debian's Chromium, headless, with every fetch made impossible.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeText } from '../../src/report/text.ts';
import { writeReports } from '../../src/report/write.ts';
import { ensureChromium } from '../setup/chromium.ts';
import { fixtureReport } from '../unit/report/fixture.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOT = join(ROOT, 'reports/test-output/report-html.png');
const work = mkdtempSync(join(tmpdir(), 'conformance-chromium-'));
let chromium = '';

/** Runs headless Chromium with a fresh profile; resolves with its stdout. */
function browse(args: readonly string[]): Promise<string> {
  const profile = mkdtempSync(join(work, 'profile-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Belt and braces beside the page's CSP: no name resolves, so nothing could be fetched.
    '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${profile}`,
  ];
  return new Promise((done, fail) => {
    execFile(chromium, [...flags, ...args], { timeout: 60_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`chromium ${args.join(' ')} failed: ${err.message}\n${stderr.slice(-2000)}`));
      else done(stdout);
    });
  });
}

beforeAll(async () => {
  chromium = await ensureChromium();
  await writeReports(fixtureReport(), work);
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('report.html in headless Chromium', () => {
  it('renders the verdict, the checks and each failure with its id, check, rule and curl line', async () => {
    // Act
    const dom = await browse(['--dump-dom', pathToFileURL(join(work, 'report.html')).href]);
    // Assert
    const r = fixtureReport();
    expect(dom).toContain('<strong>FAILS</strong>');
    expect(dom).toContain('waiver legacy-415 expired on 2025-01-31');
    for (const c of r.checks) expect(dom).toContain(`<code>${c.name}</code>`);
    for (const f of r.failures) {
      expect(dom).toContain(`id="${f.id}"`);
      expect(dom).toContain(escapeText(f.curl));
      expect(dom).toContain(escapeText(f.rule));
    }
    // Bodies stay text: the provider's <script> is not an element, unicode comes through.
    expect(dom).toContain('&lt;script&gt;alert(\\"x\\")&lt;/script&gt;');
    expect(dom.match(/<script>/g)).toHaveLength(1);
    expect(dom).toContain('Ölmühle');
    expect(dom).toContain('株式会社');
  });

  it('takes a screenshot a person can read (reports/test-output/report-html.png)', async () => {
    mkdirSync(join(ROOT, 'reports/test-output'), { recursive: true });
    rmSync(SCREENSHOT, { force: true });
    await browse([
      `--screenshot=${SCREENSHOT}`,
      '--window-size=1280,2000',
      pathToFileURL(join(work, 'report.html')).href,
    ]);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(50_000);
  });
});

describe('junit.xml in headless Chromium', () => {
  it('parses with the browser’s XML parser', async () => {
    const dom = await browse(['--dump-dom', pathToFileURL(join(work, 'junit.xml')).href]);
    expect(dom).not.toContain('parsererror');
    expect(dom).toContain('<testsuite name="valid-is-created"');
  });
});
