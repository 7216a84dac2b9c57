import { describe, expect, it } from 'vitest';
import { fieldValue, fillOrigin, framedBody, framedHeaders, requestBytes, WIRE_ORIGIN } from '../../src/wire.ts';

describe('framedBody', () => {
  it('cuts a chunked body at the given sizes, the rest in one chunk, the extension on every size line', () => {
    const body = framedBody({ framing: 'chunked', chunks: [1, 2], chunkExtension: ';a=1' }, Buffer.from('abcdef'));
    expect(body.toString('latin1')).toBe('1;a=1\r\na\r\n2;a=1\r\nbc\r\n3;a=1\r\ndef\r\n0;a=1\r\n\r\n');
  });

  it('writes a trailer field line between the last chunk and the end', () => {
    const body = framedBody({ framing: 'chunked', trailer: 'A: 1' }, Buffer.from('{}'));
    expect(body.toString('latin1')).toBe('2\r\n{}\r\n0\r\nA: 1\r\n\r\n');
  });

  it('writes what comes after the body last, outside the framing (an old client’s CRLF after a POST)', () => {
    expect(framedBody({ framing: 'length', afterBody: '\r\n' }, Buffer.from('{}')).toString('latin1')).toBe('{}\r\n');
    expect(framedBody({ framing: 'chunked', afterBody: '\r\n' }, Buffer.from('{}')).toString('latin1')).toBe(
      '2\r\n{}\r\n0\r\n\r\n\r\n',
    );
  });

  it('writes chunk sizes in upper-case hex digits when asked (RFC 9112 §7.1: HEXDIG, either case)', () => {
    const body = framedBody({ framing: 'chunked', chunks: [26], chunkSizeUpperCase: true }, Buffer.alloc(43, 'a'));
    expect(body.toString('latin1')).toBe(`1A\r\n${'a'.repeat(26)}\r\n11\r\n${'a'.repeat(17)}\r\n0\r\n\r\n`);
  });

  it('writes the message’s own Connection field in place of the sender’s close', () => {
    const url = new URL('http://127.0.0.1:9/p');
    const own = framedHeaders(url, { framing: 'length', body: Buffer.from('{}') }, [['Connection', 'Close']]);
    expect(own.filter(([k]) => k === 'Connection')).toEqual([['Connection', 'Close']]);
    const plain = framedHeaders(url, { framing: 'length', body: Buffer.from('{}') }, []);
    expect(plain.filter(([k]) => k === 'Connection')).toEqual([['Connection', 'close']]);
  });

  it('leaves a body framed by length or by nothing as it is', () => {
    expect(framedBody({ framing: 'none' }, Buffer.from('{}')).toString()).toBe('{}');
    expect(framedBody({ framing: 'length' }, undefined).length).toBe(0);
  });
});

describe('requestBytes', () => {
  it('writes the request line, the fields in order as bytes, and the body', () => {
    const bytes = requestBytes(
      'POST',
      new URL('http://127.0.0.1:1/a?b=1'),
      [
        ['X', '\u00ff'],
        ['X', 'y'],
      ],
      Buffer.from('z'),
    );
    expect(bytes).toEqual(Buffer.from('POST /a?b=1 HTTP/1.1\r\nX: \u00ff\r\nX: y\r\n\r\nz', 'latin1'));
  });

  it('writes the target in absolute form where asked, as HTTP/1.0 where asked', () => {
    const bytes = requestBytes('POST', new URL('http://127.0.0.1:1/a?b=1'), [], Buffer.alloc(0), {
      absoluteTarget: true,
      version: '1.0',
    });
    expect(bytes.toString('latin1')).toBe('POST http://127.0.0.1:1/a?b=1 HTTP/1.0\r\n\r\n');
  });
});

describe('fillOrigin', () => {
  it("puts the target's own origin (scheme, host, port; RFC 6454 §6.2) where a field value stands for it", () => {
    expect(fillOrigin(WIRE_ORIGIN, 'http://127.0.0.1:8080/connect')).toBe('http://127.0.0.1:8080');
    expect(fillOrigin(WIRE_ORIGIN, 'https://api.example.com/connect')).toBe('https://api.example.com');
    expect(fillOrigin('https://conformance.invalid', 'http://127.0.0.1:8080/connect')).toBe(
      'https://conformance.invalid',
    );
  });
});

describe('fieldValue', () => {
  it('finds a field by name in any case, the first of repeated lines, in lines or a record', () => {
    const lines: [string, string][] = [
      ['Content-Type', 'text/plain'],
      ['content-type', 'application/json'],
    ];
    expect(fieldValue(lines, 'content-type')).toBe('text/plain');
    expect(fieldValue(lines, 'CONTENT-TYPE')).toBe('text/plain');
    expect(fieldValue(Object.entries({ Location: '/x' }), 'location')).toBe('/x');
    expect(fieldValue(lines, 'content-encoding')).toBeUndefined();
  });
});
