import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOutcome } from '../../../src/client/onboarding.ts';
import { compareReads, fieldsOf, keepFields, recordReads } from '../../../src/pact/reads.ts';
import { DEFAULT_PACT as PACT } from '../../../src/cli/verify-pact.ts';
import { FULL, MINIMAL } from '../../../contracts/interactions.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures: pact JSON, mutated freely
type Json = any;
const committed = (): Json => JSON.parse(readFileSync(PACT, 'utf8'));
const content = (pact: Json, description: string): Json =>
  (pact.interactions as Json[]).find((i) => i.description === description).response.body.content;

describe('recordReads', () => {
  it('records the fields read, present or absent, arrays by item, inherited members not', () => {
    const body = { a: { b: 1, c: 2 }, list: [{ m: 'x' }, { m: 'y' }] };
    const { result, reads } = recordReads(body, (v) => {
      const o = v as Json;
      return [
        o.a.b,
        o.missing,
        (o.list as Json[]).map((i: Json) => i.m),
        'c' in o.a,
        o.a.toString === Object.prototype.toString,
      ];
    });
    expect(result).toEqual([1, undefined, ['x', 'y'], true, true]);
    expect([...reads].sort()).toEqual(['$.a', '$.a.b', '$.a.c', '$.list', '$.list[*]', '$.list[*].m', '$.missing']);
  });

  it('counts enumerating an object as reading all of it', () => {
    expect([...recordReads({ a: 1 }, (v) => Object.keys(v as object)).reads]).toEqual(['$.*']);
  });
});

describe('keepFields / fieldsOf', () => {
  it('cuts a value down to the kept fields, dropping what is left empty', () => {
    const value = { a: { b: 1, c: 2 }, d: { e: 3 }, list: [{ m: 'x', n: 1 }] };
    const kept = keepFields(value, new Set(['$.a', '$.a.b', '$.d', '$.list', '$.list[*]', '$.list[*].m']));
    expect(kept).toEqual({ a: { b: 1 }, list: [{ m: 'x' }] });
    expect([...fieldsOf(kept)].sort()).toEqual(['$.a', '$.a.b', '$.list', '$.list[*]', '$.list[*].m']);
  });
});

describe('the committed contract asks for what the client reads, no more', () => {
  it('holds every field the client reads, and only those', () => {
    expect(compareReads(committed(), readOutcome)).toEqual([]);
  });

  it('fails when the contract requires a field the client never reads', () => {
    const pact = committed();
    content(pact, MINIMAL).principalId = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
    expect(compareReads(pact, readOutcome)).toEqual([
      {
        kind: 'unread',
        where: MINIMAL,
        field: '$.principalId',
        message: `interaction "${MINIMAL}" requires $.principalId, which the client never reads`,
      },
    ]);
  });

  it('fails when the client reads a field the contract does not hold', () => {
    // A client that also shows the track back: no interaction of the contract asks the provider for it.
    const readsTrack = (status: number, body: Json): unknown => [
      readOutcome(status, body),
      status === 201 && body?.data?.entity?.information?.track,
    ];
    expect(compareReads(committed(), readsTrack)).toContainEqual({
      kind: 'not-held',
      where: '201',
      field: '$.data.entity.information.track',
      message:
        'the client reads $.data.entity.information.track of a 201 answer, which no interaction of the contract holds',
    });
    // Dropping a field the contract holds is caught the same way.
    const pact = committed();
    delete content(pact, FULL).data.entity.information.name;
    expect(compareReads(pact, readOutcome).map((m) => m.field)).toEqual(['$.data.entity.information.name']);
  });
});
