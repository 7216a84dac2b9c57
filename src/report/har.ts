// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): the exchanges as a browser's developer tools and HTTP
// tools import them. failures.har holds the failing exchanges of a report; `--har-all` streams every exchange of a run
// to disk as it happens (one entry written at a time, none kept). Both go through the same redaction pass as every writer.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { CaseRecord, Report } from './model.ts';
import type { Secrets } from '../secrets.ts';
import { TOOL } from '../version.ts';
import { fieldValue, type SentWire } from '../wire.ts';

/** An exchange as HAR needs it (a report's case record, or the runner's `Exchange`, have this shape). */
export interface HarExchange {
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | null | undefined;
    readonly wire?: SentWire | undefined;
  };
  readonly response?: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
    readonly version?: '1.0' | undefined;
  } | null;
  readonly error?: { readonly kind: string; readonly message: string };
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

const headerList = (h: Readonly<Record<string, string>>) => Object.entries(h).map(([name, value]) => ({ name, value }));

/** A record's field by name, in any case. */
const header = (h: Readonly<Record<string, string>>, name: string) => fieldValue(Object.entries(h), name);

/** One HAR entry; `comment` says what the suite found (failure ids, check, rule). */
function harEntry(ex: HarExchange, startedAt: string, timeMs: number, comment?: string): object {
  const req = ex.request;
  const body = req.body ?? undefined;
  const res = ex.response ?? undefined;
  const query = new URL(req.url).searchParams;
  return {
    startedDateTime: startedAt,
    time: Math.max(0, timeMs),
    request: {
      method: req.method,
      url: req.url,
      httpVersion: `HTTP/${req.wire?.version ?? '1.1'}`,
      cookies: [],
      // A raw message's fields as written: in order, a repeated one repeated.
      headers: req.wire ? req.wire.headers.map(([name, value]) => ({ name, value })) : headerList(req.headers),
      queryString: [...query].map(([name, value]) => ({ name, value })),
      ...(body === undefined
        ? {}
        : { postData: { mimeType: header(req.headers, 'content-type') ?? '', params: [], text: body } }),
      headersSize: -1,
      bodySize: body === undefined ? 0 : Buffer.byteLength(body),
    },
    // A transport error has no answer: status 0, as browsers record a failed request, and the error in `_error`.
    response: {
      status: res?.status ?? 0,
      statusText: res ? (STATUS_TEXT[res.status] ?? '') : (ex.error?.kind ?? ''),
      httpVersion: res ? `HTTP/${res.version ?? '1.1'}` : '',
      cookies: [],
      headers: res ? headerList(res.headers) : [],
      content: {
        size: res ? Buffer.byteLength(res.body) : 0,
        mimeType: (res && header(res.headers, 'content-type')) ?? '',
        ...(res ? { text: res.body } : {}),
      },
      redirectURL: (res && header(res.headers, 'location')) ?? '',
      headersSize: -1,
      bodySize: res ? Buffer.byteLength(res.body) : 0,
      ...(ex.error ? { _error: `${ex.error.kind}: ${ex.error.message}` } : {}),
    },
    cache: {},
    timings: { send: 0, wait: Math.max(0, timeMs), receive: 0 },
    ...(comment ? { comment } : {}),
  };
}

const CREATOR = { name: TOOL.name, version: TOOL.version };

/**
 * failures.har of a report: the exchange of each distinct failure and of each problem's smallest example (one entry
 * per distinct request), commented with what failed. Times are the run's start (a report keeps no per-case times).
 */
export function toHar(r: Report): string {
  const byCurl = new Map<string, { record: CaseRecord; notes: string[] }>();
  const note = (record: CaseRecord, text: string) => {
    const seen = byCurl.get(record.curl) ?? { record, notes: [] };
    seen.notes.push(text);
    byCurl.set(record.curl, seen);
  };
  for (const p of r.problems ?? []) note(p.example, `${p.id} ${p.title}`);
  for (const f of r.failures)
    note(f, `${f.id} ${f.check} [${f.kind}] ${f.rule}${f.waivedBy ? ` (waived by ${f.waivedBy})` : ''}`);
  const entries = [...byCurl.values()].map(({ record, notes }) =>
    harEntry(record, r.startedAt, 0, `${record.case.label} (case ${record.case.id}): ${notes.join('; ')}`),
  );
  return JSON.stringify({ log: { version: '1.2', creator: CREATOR, entries } }, null, 1) + '\n';
}

/**
 * A HAR file written as a run goes (`--har-all`): each entry is redacted and written to disk at once, so memory does
 * not grow with the run. `close()` ends the JSON.
 */
export function createHarStream(path: string, secrets: Pick<Secrets, 'redact' | 'deep'>) {
  const fd = openSync(path, 'w');
  writeSync(fd, `{"log":{"version":"1.2","creator":${JSON.stringify(CREATOR)},"entries":[\n`);
  let first = true;
  let open = true;
  return {
    add(ex: HarExchange, durationMs: number, comment?: string): void {
      if (!open) return;
      const started = new Date(Date.now() - durationMs).toISOString();
      const text = secrets.redact(JSON.stringify(secrets.deep(harEntry(ex, started, durationMs, comment))));
      writeSync(fd, `${first ? '' : ',\n'}${text}`);
      first = false;
    },
    close(): void {
      if (!open) return;
      open = false;
      writeSync(fd, '\n]}}\n');
      closeSync(fd);
    },
  };
}
