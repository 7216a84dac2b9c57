import { describe, expect, it } from 'vitest';
import { createDeadTargetWatch, isUpAfter } from '../../../src/runner/give-up.ts';

describe('the dead-target watch', () => {
  it('says a target found up after giving up leaves requests unanswered, naming them, and blames no crash', () => {
    const w = createDeadTargetWatch(2);
    expect(w.messageWhenUp(201)).toBeUndefined();
    w.note(false, 'schema-violation', 'b0001 invalid/type/brand/number');
    w.note(false, 'empty-body', 'b0002 empty-body');
    expect(w.messageWhenUp(201)).toBe(
      'the target gave no usable answer (only transport failures, 429s or 503s) to 2 requests in a row, of 2 kinds; the run gave up on it (--give-up-after 2); a valid request sent after it was answered 201: the target is up: it leaves such requests unanswered, it did not go down, the first of them: b0001 invalid/type/brand/number, b0002 empty-body',
    );
    expect(w.message).toMatch(
      /in the order sent \(of those sent at once, the largest first; none refused a connection, which never reached it\): b0001 .*if it went down, any/,
    );
    expect([201, 200, 299, 300, 503, 429, undefined].map(isUpAfter)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('gives up after the limit, over two kinds, naming the first cases left unanswered', () => {
    const w = createDeadTargetWatch(6);
    w.note(false, 'valid', 'b0001 valid/minimal');
    w.note(true, 'valid', 'b0002 valid/all-fields');
    const streak = ['b0057 media/undecodable/gzip', 'b0058 valid/encoding/bom', 'b0059 auth/wrong', 'b0060 auth/basic'];
    for (const [i, which] of [...streak, 'b0061 method/GET', 'b0062 method/PUT'].entries()) {
      expect(w.gaveUp).toBe(false);
      w.note(false, i < 2 ? 'valid' : 'auth', which);
    }
    expect(w.gaveUp).toBe(true);
    expect(w.signal.aborted).toBe(true);
    expect(w.suspects).toEqual(streak);
    expect(w.message).toMatch(/^the target gave no usable answer .* to 6 requests in a row, of 2 kinds/);
    expect(w.message).toContain(
      `the first requests it left unanswered, in the order sent (of those sent at once, the largest first; none refused a connection, which never reached it): ${streak.join(', ')}`,
    );
    expect(w.answered).toBe(1);
  });

  it('names the suspect sent first first: the one a crash found in the server longest', () => {
    // Arrange: a crash resets the four requests in flight at once, in whatever order; those after it are refused.
    const w = createDeadTargetWatch(6);
    w.note(true, 'valid', 'b0001 valid/minimal', 0);
    const resets: [string, string, number][] = [
      ['schema-violation', 'b0363 empty-body', 40],
      ['media-type', 'b0376 media/unknown-coding', 45],
      ['auth', 'b0412 auth/none', 48],
      ['schema-violation', 'b0128 invalid/type/brand/nested-10000', 10],
    ];
    // Act
    for (const [kind, which, sentAt] of resets) w.note(false, kind, which, sentAt);
    w.note(false, 'valid', 'b0413 valid/minimal', 50);
    w.note(false, 'valid', 'b0414 valid/all-fields', 51);
    // Assert
    expect(w.gaveUp).toBe(true);
    expect(w.suspects).toEqual([
      'b0128 invalid/type/brand/nested-10000',
      'b0363 empty-body',
      'b0376 media/unknown-coding',
      'b0412 auth/none',
    ]);
  });

  it('of suspects sent at one moment, names the largest first (a deep array sent just after a small body)', () => {
    const w = createDeadTargetWatch(4);
    w.note(true, 'valid', 'b0001 valid/minimal', 0, 40);
    w.note(false, 'malformed-json', 'b0309 malformed/truncated', 10, 30);
    w.note(false, 'schema-violation', 'b0128 invalid/type/brand/nested-10000', 10.2, 20_000);
    w.note(false, 'empty-body', 'b0363 empty-body', 30, 0);
    w.note(false, 'auth', 'b0412 auth/none', 31, 40);
    expect(w.suspects).toEqual([
      'b0128 invalid/type/brand/nested-10000',
      'b0309 malformed/truncated',
      'b0412 auth/none',
      'b0363 empty-body',
    ]);
  });

  it('names a case sent again (after a 429 or 503) once among the suspects', () => {
    const w = createDeadTargetWatch(4);
    for (let i = 0; i < 3; i++) w.note(false, 'schema-violation', 'p1 preflight/invalid-body');
    w.note(false, 'auth', 'p2 preflight/no-credentials');
    expect(w.gaveUp).toBe(true);
    expect(w.suspects).toEqual(['p1 preflight/invalid-body', 'p2 preflight/no-credentials']);
  });

  it('names no request refused a connection, and says the target went down once one is refused after a reset', () => {
    // A validator's throw killed the process on the first request (Polka probe): reset, then refused.
    const w = createDeadTargetWatch(3);
    w.note(false, 'schema-violation', 'p1 preflight/invalid-body', 0, 10);
    expect(w.wentDown).toBe(false);
    w.note(false, 'auth', 'p2 preflight/no-credentials', 1, 10, 'connection-refused');
    w.note(false, 'valid', 'b0001 valid/minimal', 2, 10, 'connection-refused');
    expect(w.gaveUp).toBe(true);
    expect(w.suspects).toEqual(['p1 preflight/invalid-body']);
    expect(w.wentDown).toBe(true);
  });

  it('does not say a target went down that refused every connection from the start', () => {
    const w = createDeadTargetWatch(2);
    w.note(false, 'schema-violation', 'p1 preflight/invalid-body', 0, 10, 'connection-refused');
    w.note(false, 'auth', 'p2 preflight/no-credentials', 1, 10, 'connection-refused');
    expect(w.gaveUp).toBe(true);
    expect(w.wentDown).toBe(false);
    expect(w.suspects).toEqual([]);
  });

  it('says a request that found no such host or no TLS never reached a server: no suspect, nothing went down', () => {
    const w = createDeadTargetWatch(3);
    w.note(false, 'schema-violation', 'p1 preflight/invalid-body', 0, 10, 'dns');
    expect(w.reached).toBe(false);
    w.note(false, 'auth', 'p2 preflight/no-credentials', 1, 10, 'connection-reset');
    expect(w.reached).toBe(true);
    w.note(false, 'valid', 'b0001 valid/minimal', 2, 10, 'dns');
    w.note(false, 'valid', 'b0002 valid/all-fields', 3, 10, 'tls');
    expect(w.gaveUp).toBe(true);
    expect(w.suspects).toEqual(['p2 preflight/no-credentials']);
    expect(w.wentDown).toBe(false);
  });

  it('keeps going while the failures are of one kind only, and names no suspect before giving up', () => {
    const w = createDeadTargetWatch(3);
    for (let i = 0; i < 10; i++) w.note(false, 'malformed-json', `b${i} malformed/x`);
    expect(w.gaveUp).toBe(false);
    expect(w.suspects).toEqual([]);
  });
});
