import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCurl } from '../../../src/report/curl.ts';
import { duration, escapeMarkup, escapeText, visible } from '../../../src/report/text.ts';
import { parseXml, textOf } from './xml.ts';

/** Any UTF-16 string, lone surrogates and control characters included (provider bodies can hold all of them). */
const anyText = fc.string({ unit: fc.nat(0xffff).map((n) => String.fromCharCode(n)), maxLength: 40 });
const mixed = fc.string({
  unit: fc.constantFrom(
    'a',
    'é',
    '株',
    '😀',
    '<',
    '&',
    '"',
    "'",
    '\\',
    '%',
    '$',
    '`',
    '\n',
    '\r',
    '\t',
    '\u0000',
    '\u0001',
    '\u001b',
    '\u007f',
    '\u0085',
    '\ud800',
    '\udc00',
    '\ufffe',
  ),
  maxLength: 30,
});

describe('escaping', () => {
  it('makes any text well-formed XML content and attribute values that read back as the visible text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, mixed), (s) => {
        // Arrange / Act
        const root = parseXml(`<a b="${escapeMarkup(s)}" c='${escapeMarkup(s)}'>${escapeText(s)}</a>`);
        // Assert
        expect(textOf(root)).toBe(visible(s));
        expect(root.attrs['b']).toBe(visible(s));
        expect(root.attrs['c']).toBe(visible(s));
      }),
    );
  });
  it('shows unprintable characters as \\u escapes and keeps the rest', () => {
    expect(visible('a\u0000b\u001b[31m\u007f\ud800é😀\ufffe\t\n')).toBe(
      'a\\u0000b\\u001b[31m\\u007f\\ud800é😀\\ufffe\t\n',
    );
    expect(escapeText(`<script>alert("x")</script> & 'y'`)).toBe(`&lt;script&gt;alert("x")&lt;/script&gt; &amp; 'y'`);
    expect(escapeMarkup(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });
  it('formats durations for people', () => {
    expect([850, 12_345, 245_000].map(duration)).toEqual(['850 ms', '12.3 s', '4 min 05 s']);
  });
});

/** Runs a curl line in sh with a fake `curl` that prints its arguments (NUL-separated), then its stdin (empty unless piped). */
function runCurl(line: string): { args: string[]; stdin: Buffer } {
  const out = execFileSync('sh', ['-c', `curl() { printf '%s\\0' "$@"; printf 'STDIN:'; cat; }\n${line}`], {
    env: { PATH: process.env['PATH'] ?? '', CONNECT_TOKEN: 'the-token' },
  });
  const at = out.lastIndexOf('STDIN:');
  return { args: out.subarray(0, at).toString('utf8').split('\0').slice(0, -1), stdin: out.subarray(at + 6) };
}

describe('toCurl', () => {
  const req = (body: string | null) => ({
    method: 'POST',
    url: 'https://x.example/v1/onboarding/entities',
    headers: { 'content-type': 'application/json', authorization: 'Bearer [REDACTED]' },
    body,
  });
  it('sends the exact body bytes, on one printable line, whatever the body holds', () => {
    fc.assert(
      fc.property(fc.oneof(mixed, anyText), (body) => {
        // Arrange / Act
        const line = toCurl(req(body));
        const { args, stdin } = runCurl(line);
        // Assert
        expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        const sent = args.at(-1) === '@-' ? stdin : Buffer.from(args.at(-1)!, 'utf8');
        expect(sent.equals(Buffer.from(body, 'utf8'))).toBe(true);
        expect(args).toContain('Authorization: Bearer the-token');
      }),
      { numRuns: 60 },
    );
  });
  it('asks for a HEAD with -I: with -X HEAD curl waits for the body the answer announces', () => {
    const line = toCurl({ ...req(null), method: 'HEAD' });
    expect(line).toMatch(/^curl -sS -i -I 'https:\/\/x\.example\/v1\/onboarding\/entities' /);
    expect(line).not.toContain('-X');
  });
  it('writes a plain body as a quoted argument and a body with controls through printf', () => {
    expect(toCurl(req(`{"name":"O'Brien"}`))).toMatchInlineSnapshot(
      `"curl -sS -i -X POST 'https://x.example/v1/onboarding/entities' -H 'Accept:' -H 'User-Agent:' -H 'content-type: application/json' -H "Authorization: Bearer $CONNECT_TOKEN" --data-binary '{"name":"O'\\''Brien"}'"`,
    );
    expect(toCurl(req('{"a":"\u0000\\n"}\n'))).toMatchInlineSnapshot(
      `"printf '%b' '{"a":"\\0000\\\\n"}\\0012' | curl -sS -i -X POST 'https://x.example/v1/onboarding/entities' -H 'Accept:' -H 'User-Agent:' -H 'content-type: application/json' -H "Authorization: Bearer $CONNECT_TOKEN" --data-binary @-"`,
    );
  });
});
