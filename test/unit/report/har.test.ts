import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHarStream, toHar } from '../../../src/report/har.ts';
import { fixtureReport, TOKEN } from './fixture.ts';
import { harValidator } from './har-schema.ts';
import { createSecrets } from '../../../src/secrets.ts';

const validate = harValidator();
const dir = mkdtempSync(join(tmpdir(), 'conformance-har-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Har {
  log: {
    entries: {
      request: { method: string; url: string; postData?: { text: string }; headers: { name: string; value: string }[] };
      response: { status: number; statusText: string; content: { text?: string }; _error?: string };
      comment?: string;
    }[];
  };
}

describe('failures.har', () => {
  it('validates against the HAR 1.2 schema', () => {
    const har: unknown = JSON.parse(toHar(fixtureReport()));
    expect(validate(har), JSON.stringify(validate.errors)).toBe(true);
    // The schema is really applied: an entry without its request and timings is refused.
    expect(validate({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [{ time: 1 }] } })).toBe(
      false,
    );
  });

  it('holds each failing exchange once, commented with the failures and problems it shows', () => {
    const har = JSON.parse(toHar(fixtureReport())) as Har;
    const r = fixtureReport();
    expect(har.log.entries).toHaveLength(r.failures.length);
    const [e1] = har.log.entries;
    expect(e1.request.postData!.text).toBe(r.failures[0].request.body);
    expect(e1.response.status).toBe(400);
    expect(e1.comment).toBe(
      'valid/application-json (case r0042): P1 status 400 where 201 is due; F1 valid-is-created [unexpected-status] /paths/~1v1~1onboarding~1entities/post/responses/201',
    );
    // The timeout has no answer: status 0, as browsers record it, and the error.
    const timeout = har.log.entries.find((e) => e.response.status === 0)!;
    expect(timeout.response._error).toBe('timeout: no complete answer within 10000 ms');
    expect(har.log.entries.some((e) => e.comment?.includes('waived by sandbox-accepts-any-bearer'))).toBe(true);
  });
});

describe('createHarStream (--har-all)', () => {
  it('writes a valid HAR entry by entry, redacted, closed once', () => {
    // Arrange
    const path = join(dir, 'exchanges.har');
    const har = createHarStream(path, createSecrets([TOKEN]));
    const request = { method: 'POST', url: 'http://127.0.0.1:1/v1/onboarding/entities?x=1', headers: {}, body: '{}' };
    // Act
    for (let i = 0; i < 3; i++)
      har.add(
        { request, response: { status: 201, headers: { 'x-echo': TOKEN }, body: `{"token":"${TOKEN}"}` } },
        12,
        `c${i}`,
      );
    har.add({ request, error: { kind: 'timeout', message: 'no answer' } }, 3000);
    har.close();
    har.close();
    // Assert
    const text = readFileSync(path, 'utf8');
    const parsed = JSON.parse(text) as Har;
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    expect(parsed.log.entries).toHaveLength(4);
    expect(text).not.toContain('tok_live_5f3c9a8e');
    expect(parsed.log.entries[0].response.content.text).toContain('[REDACTED]');
  });

  it('is a valid, empty HAR when the run sent nothing', () => {
    const path = join(dir, 'empty.har');
    createHarStream(path, createSecrets()).close();
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Har;
    expect(validate(parsed)).toBe(true);
    expect(parsed.log.entries).toEqual([]);
  });
});
