import { describe, expect, it } from 'vitest';
import { caseFromFailure, inferAuth } from '../../../src/report/replay.ts';
import { FAILURES } from './fixture.ts';

describe('caseFromFailure', () => {
  it('rebuilds the case a failure was found with: kind, label, method, media type, body and its JSON value, auth', () => {
    // Arrange
    const [f1] = FAILURES;
    // Act
    const c = caseFromFailure(f1);
    // Assert
    expect(c).toEqual({
      id: 'r0042',
      phase: 'random',
      kind: 'valid',
      label: 'valid/application-json',
      method: 'POST',
      contentType: 'application/json',
      body: f1.request.body,
      value: JSON.parse(f1.request.body!),
      auth: 'valid',
    });
  });

  it('infers auth and media type from the request when the report does not carry them', () => {
    const f4 = FAILURES[3];
    const { auth: _a, contentType: _c, ...bare } = f4.case;
    const c = caseFromFailure({
      ...f4,
      case: bare,
      request: {
        ...f4.request,
        headers: { 'Content-Type': 'text/plain', authorization: f4.request.headers['authorization'] },
      },
    });
    expect([c.auth, c.contentType]).toEqual(['wrong', 'text/plain']);
    expect(caseFromFailure({ ...f4, case: { ...bare, contentType: null } }).contentType).toBeUndefined();
  });

  it('keeps a body that is not JSON without a value, and carries the violation', () => {
    const c = caseFromFailure(FAILURES[2]);
    expect(c.body).toBe('{"type":"Company","na');
    expect('value' in c).toBe(false);
    expect(caseFromFailure(FAILURES[1]).violation).toEqual({
      keyword: 'enum',
      rule: '/components/schemas/CreateEntityRequest/properties/type/enum',
      instancePath: '/type',
    });
  });

  it('refuses a case kind it does not know', () => {
    expect(() => caseFromFailure({ ...FAILURES[0], case: { ...FAILURES[0].case, kind: 'bogus' } })).toThrow(
      'F1: unknown case kind "bogus"',
    );
  });
});

describe('inferAuth', () => {
  it.each([
    [undefined, 'none'],
    ['Bearer [REDACTED]', 'valid'],
    ['bearer [REDACTED]', 'lowercase-scheme'],
    ['Bearer ', 'empty-bearer'],
    ['Basic Y29uZm9ybWFuY2U6d3JvbmctcGFzc3dvcmQ=', 'basic'],
    ['Bearer eyJhbGciOiJub25lIn0.e30.', 'wrong'],
  ])('%j is %s', (header, mode) => {
    expect(inferAuth(header)).toBe(mode);
  });
});
