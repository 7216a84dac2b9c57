// A framework's departures from the contract, established by direct requests (node:http, so that a test can send
// what a client library would normalise: raw bytes, two header lines of one name, any method) and then looked up in
// the suite's report: which check reports each, on which case labels, or that the suite does not send it yet.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.ts';
import { judge } from './judge.ts';
import { ENDPOINT, TOKEN } from './onboarding.ts';
import type { RunningFramework } from './running.ts';

/** One direct request to the operation's path. */
export interface Probe {
  readonly method?: string;
  /** Header lines in order; an array value sends one line per element. Default: the valid token and JSON. */
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string | Uint8Array;
}

/** What came back. */
export interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** One departure of a stack's default configuration, and where the suite reports it. */
export interface Departure {
  /** What the stack does, in one line. */
  readonly what: string;
  /** The direct request that shows it. */
  readonly probe: Probe;
  /** The default configuration's answer (the departure) … */
  readonly departs: { readonly status: number; readonly contentType?: RegExp };
  /** … and the strict configuration's (the contract's). */
  readonly strict: number;
  /**
   * The checks that report it, the case labels they report it on and, where one label pattern covers departures of
   * different kinds, the status received; `sent: false` while the suite sends no such request (the row to tighten
   * once it does).
   */
  readonly caughtBy: {
    readonly checks: readonly string[];
    readonly labels: RegExp;
    readonly received?: number;
    readonly sent: boolean;
  };
}

export const AUTH = `Bearer ${TOKEN}`;
export const JSON_HEADERS = { authorization: AUTH, 'content-type': 'application/json' } as const;

/** A minimal valid EntityOnboardingRequest with `extra` members merged in, as JSON text. */
export function entity(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'EV', brand: 'Tesla', ...extra });
}

/** A valid body whose `properties` nests `levels` objects deep. */
export function nested(levels: number): string {
  return `{"type":"EV","brand":"Tesla","properties":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`;
}

/** Sends `probe` to the operation at `base` (the provider's servers[0].url). */
export function send(base: string, probe: Probe): Promise<Answer> {
  const url = new URL(`${base}${ENDPOINT.replace(/^\/connect/, '')}`);
  const body = typeof probe.body === 'string' ? Buffer.from(probe.body, 'utf8') : probe.body;
  const headers = { ...(probe.headers ?? JSON_HEADERS), ...(body ? { 'content-length': String(body.length) } : {}) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: probe.method ?? 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

type Failure = Report['failures'][number];

/** True when the failure `f` is one of the departure's reports. */
function reports(d: Departure, f: Failure): boolean {
  const { checks, labels, received } = d.caughtBy;
  return (
    checks.includes(f.check) && labels.test(f.case.label) && (received === undefined || f.response?.status === received)
  );
}

/** Failures of the report as `check label status` lines that no departure explains (a false alarm each). */
export function unexplained(report: Report, departures: readonly Departure[]): string[] {
  return report.failures
    .filter((f) => !departures.some((d) => reports(d, f)))
    .map((f) => `${f.check} ${f.case.label} ${f.response?.status ?? 'no answer'}`);
}

/** The departures the suite sends, each with the checks of `caughtBy` that reported none of its labels. */
export function missed(report: Report, departures: readonly Departure[]): string[] {
  return departures
    .filter((d) => d.caughtBy.sent)
    .flatMap((d) =>
      d.caughtBy.checks
        .filter((check) => !report.failures.some((f) => f.check === check && reports(d, f)))
        .map((check) => `${d.what}: not reported by ${check}`),
    );
}

/** A stack with a departures table: its two configurations, and what must be ready before either starts. */
export interface Stack {
  readonly title: string;
  readonly start: (config: 'default' | 'strict') => Promise<RunningFramework>;
  readonly departures: readonly Departure[];
  /** What the strict configuration adds, for the test's name. */
  readonly strictAdds: string;
  readonly prepare?: { readonly run: () => Promise<void>; readonly timeoutMs: number };
}

/**
 * The tests of a stack: each departure shown by its direct request (and the strict configuration answering it as
 * the contract says), then the suite's report on the default configuration (every departure it sends reported by the
 * checks named, nothing else) and on the strict one (conforms).
 */
export function describeStack(stack: Stack): void {
  describe(stack.title, () => {
    let defaults: RunningFramework | undefined;
    let strict: RunningFramework | undefined;
    const running = () => {
      if (defaults === undefined || strict === undefined) throw new Error(`${stack.title} did not start`);
      return { defaults, strict };
    };
    beforeAll(async () => {
      await stack.prepare?.run();
      [defaults, strict] = await Promise.all([stack.start('default'), stack.start('strict')]);
    }, stack.prepare?.timeoutMs);
    afterAll(async () => {
      await Promise.all([defaults?.close(), strict?.close()]);
    });

    it.each(stack.departures)('direct request: $what', async (d) => {
      const { defaults: before, strict: after } = running();
      const [answer, corrected] = await Promise.all([send(before.url, d.probe), send(after.url, d.probe)]);
      expect(answer.status).toBe(d.departs.status);
      if (d.departs.contentType) expect(answer.contentType).toMatch(d.departs.contentType);
      expect(corrected.status).toBe(d.strict);
      expect(corrected.contentType).toMatch(/^application\/json/);
    });

    it('the suite reports every departure it sends, by the checks named, and nothing else', async () => {
      const report = await judge(running().defaults.url);
      expect(report.verdict).toBe('fails');
      expect(missed(report, stack.departures)).toEqual([]);
      expect(unexplained(report, stack.departures)).toEqual([]);
    });

    it(`the suite finds the strict configuration (${stack.strictAdds}) conforming`, async () => {
      const report = await judge(running().strict.url);
      expect(report.failures).toEqual([]);
      expect(report.verdict).toBe('conforms');
    });
  });
}
