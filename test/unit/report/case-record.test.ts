import { describe, expect, it } from 'vitest';
import { WIRE_TOKEN, type TestCase } from '../../../src/generators/case.ts';
import { caseFromRecord, toCaseRecord } from '../../../src/report/case-record.ts';
import { caseUrl } from '../../../src/runner/send.ts';

const CASES: TestCase[] = [
  {
    id: 'r0007',
    phase: 'random',
    kind: 'schema-violation',
    label: 'invalid/enum/type',
    method: 'POST',
    contentType: 'application/json',
    body: '{"type":"company"}',
    value: { type: 'company' },
    auth: 'valid',
    violation: { keyword: 'enum', rule: '/components/schemas/X/enum', instancePath: '/type' },
    counterexamplePath: '4:0',
  },
  {
    id: 'b0002',
    phase: 'boundary',
    kind: 'auth',
    label: 'auth/none',
    method: 'POST',
    contentType: undefined,
    body: 'not json',
    auth: 'none',
  },
  {
    id: 'b0101',
    phase: 'boundary',
    kind: 'valid',
    label: 'valid/json-text/duplicate-member/properties',
    method: 'POST',
    contentType: 'application/json',
    body: '{"brand":"b","type":"EV","properties":{"a":1,"a":1}}',
    value: { brand: 'b', type: 'EV', properties: { a: 1 } },
    auth: 'valid',
    accept: [201, 400],
    advisory: 'names SHOULD be unique (RFC 8259 §4)',
  },
  {
    id: 'b0090',
    phase: 'boundary',
    kind: 'schema-violation',
    label: 'invalid/required/brand/in-query',
    method: 'POST',
    contentType: 'application/json',
    body: '{"type":"EV"}',
    value: { type: 'EV' },
    auth: 'valid',
    violation: { keyword: 'required', rule: '/components/schemas/X/required', instancePath: '' },
    query: 'brand=conformance-brand',
  },
];

describe('toCaseRecord and caseFromRecord', () => {
  it.each(CASES)('read back the case they wrote ($label)', (c) => {
    // Arrange
    const url = `http://127.0.0.1:9/v1/onboarding/entities${c.query === undefined ? '' : `?${c.query}`}`;
    const ex = {
      request: { method: c.method, url, headers: {}, body: c.body },
      response: { status: 201, headers: { 'x-token': 'secret-token' }, body: 'echo secret-token' },
    };
    // Act
    const record = toCaseRecord(c, ex, 5, (s) => s.replaceAll('secret-token', '[REDACTED]'));
    const back = caseFromRecord(record, 'P1');
    // Assert
    const { counterexamplePath: _p, ...rest } = c;
    expect(back).toEqual(rest);
    expect(record.counterexamplePath).toBe(c.counterexamplePath ?? null);
    expect(record.response).toEqual({ status: 201, headers: { 'x-token': '[REDACTED]' }, body: 'echo [REDACTED]' });
    expect(record.curl).toContain(`curl -sS -i -X POST '${url}'`);
  });

  it('sends a token in the query string, shows it redacted, replays it through $CONNECT_TOKEN', () => {
    // Arrange
    const c: TestCase = {
      id: 'b0413',
      phase: 'boundary',
      kind: 'auth',
      label: 'auth/token-in-query/api_token',
      method: 'POST',
      contentType: 'application/json',
      body: '{"type":"EV"}',
      value: { type: 'EV' },
      auth: 'none',
      query: `api_token=${WIRE_TOKEN}`,
    };
    const base = 'http://127.0.0.1:9/v1/onboarding/entities';
    // Act
    const { url, shownUrl } = caseUrl(c, base, 'se cret/+');
    const record = toCaseRecord(
      c,
      { request: { method: 'POST', url: shownUrl!, headers: {}, body: c.body } },
      1,
      (s) => s,
    );
    // Assert
    expect(url).toBe(`${base}?api_token=se%20cret%2F%2B`);
    expect(shownUrl).toBe(`${base}?api_token=%5BREDACTED%5D`);
    expect(record.curl).toContain(`-X POST '${base}?api_token='"$CONNECT_TOKEN" -H`);
    expect(caseFromRecord(record, 'P1').query).toBe(c.query);
    expect(caseUrl({ ...c, query: 'a=1' }, base, 't')).toEqual({ url: `${base}?a=1` });
  });

  it('sends a case with a path suffix next to the operation, and rebuilds it from its record', () => {
    // Arrange
    const c: TestCase = { ...CASES[0], kind: 'path', label: 'path/child', pathSuffix: '/conformance-unknown' };
    const base = 'http://127.0.0.1:9/connect/v1/onboarding/entities';
    // Act
    const { url } = caseUrl({ ...c, query: 'a=1' }, base, 't');
    const record = toCaseRecord(c, { request: { method: 'POST', url, headers: {}, body: c.body } }, 1, (s) => s);
    // Assert
    expect(url).toBe(`${base}/conformance-unknown?a=1`);
    expect(record.case.pathSuffix).toBe('/conformance-unknown');
    expect(caseFromRecord(record, 'P1')).toMatchObject({ kind: 'path', pathSuffix: '/conformance-unknown' });
  });

  it.each([
    ['path/upper-case', '/V1/ONBOARDING/ENTITIES'],
    // Longer by the slashes it repeats: still in the operation path's place, the target's prefix kept.
    ['path/empty-segments', '/v1//onboarding//entities'],
    // Longer or shorter in a segment: the same segments replaced.
    ['path/sibling/v1', '/v1-conformance-unknown/onboarding/entities'],
    ['path/singular', '/v1/onboarding/entity'],
    // An encoded slash stands for the one it spells: the same segments replaced.
    ['path/encoded-slash', '/v1/onboarding%2Fentities'],
  ])(
    'sends the operation’s path spelt another way (%s) in its place, under the target’s own prefix, and rebuilds it',
    (label, spelt) => {
      // Arrange
      const c: TestCase = { ...CASES[0], kind: 'path', label, pathSpelling: spelt };
      // Act
      const { url } = caseUrl(c, 'http://127.0.0.1:9/connect/v1/onboarding/entities', 't');
      const record = toCaseRecord(c, { request: { method: 'POST', url, headers: {}, body: c.body } }, 1, (s) => s);
      // Assert: the target's prefix (/connect) keeps its spelling; only the operation's path is spelt otherwise.
      expect(url).toBe(`http://127.0.0.1:9/connect${spelt}`);
      expect(caseFromRecord(record, 'P1')).toMatchObject({ kind: 'path', pathSpelling: spelt });
    },
  );

  it('names the record when its case kind is unknown', () => {
    const record = toCaseRecord(
      CASES[1],
      { request: { method: 'POST', url: 'u', headers: {}, body: undefined } },
      1,
      (s) => s,
    );
    expect(() => caseFromRecord({ ...record, case: { ...record.case, kind: 'bogus' } }, 'P9')).toThrow(
      'P9: unknown case kind "bogus"',
    );
  });
});

describe('a raw message read back from its record', () => {
  const c: TestCase = {
    id: 'b0524',
    phase: 'boundary',
    kind: 'valid',
    label: 'valid/framing/coding-case',
    method: 'POST',
    contentType: 'application/json',
    body: '{"type":"EV"}',
    value: { type: 'EV' },
    auth: 'valid',
    wire: { framing: 'chunked', headers: [] },
  };
  const back = (fields: [string, string][]) => {
    const wire = { framing: 'chunked' as const, headers: [['Host', '127.0.0.1:9'], ...fields] as [string, string][] };
    const url = 'http://127.0.0.1:9/v1/onboarding/entities';
    const record = toCaseRecord(c, { request: { method: 'POST', url, headers: {}, body: c.body, wire } }, 1, (s) => s);
    return caseFromRecord(record, 'P1').wire?.headers;
  };

  it.each([
    [
      'the sender’s own fields are left to the sender',
      [
        ['Connection', 'close'],
        ['Transfer-Encoding', 'chunked'],
      ],
      [],
    ],
    [
      'a Connection or Transfer-Encoding of the message’s own is kept (it stood for the sender’s)',
      [
        ['Connection', 'Close'],
        ['Transfer-Encoding', 'Chunked'],
      ],
      [
        ['Connection', 'Close'],
        ['Transfer-Encoding', 'Chunked'],
      ],
    ],
  ] as const)('%s', (_what, sent, kept) => {
    expect(back(sent.map(([k, v]): [string, string] => [k, v]))).toEqual(kept);
  });
});
