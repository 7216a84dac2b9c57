// A framework's departures from the contract, established by direct requests (node:http, so that a test can send
// what a client library would normalise: raw bytes, two header lines of one name, any method) and then looked up in
// the suite's report: which check reports each, on which case labels, or that the suite does not send it yet.
import { request } from 'node:http';
import type { Report } from '../../src/report/model.ts';
import { ENDPOINT, TOKEN } from './onboarding.ts';

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
   * The checks that report it and the case labels they report it on; `sent: false` while the suite sends no such
   * request (the row to tighten once it does).
   */
  readonly caughtBy: { readonly checks: readonly string[]; readonly labels: RegExp; readonly sent: boolean };
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

/** Failures of the report as `check label` lines that no departure's `caughtBy` explains (a false alarm each). */
export function unexplained(report: Report, departures: readonly Departure[]): string[] {
  return report.failures
    .filter((f) => !departures.some((d) => d.caughtBy.checks.includes(f.check) && d.caughtBy.labels.test(f.case.label)))
    .map((f) => `${f.check} ${f.case.label}`);
}

/** The departures the suite sends, each with the checks of `caughtBy` that reported none of its labels. */
export function missed(report: Report, departures: readonly Departure[]): string[] {
  return departures
    .filter((d) => d.caughtBy.sent)
    .flatMap((d) =>
      d.caughtBy.checks
        .filter((check) => !report.failures.some((f) => f.check === check && d.caughtBy.labels.test(f.case.label)))
        .map((check) => `${d.what}: not reported by ${check}`),
    );
}
