// The evidence a problem shows beside its request (issue #24): the answer's value at the path that is wrong, received
// against due; a data table of problems and what their example shows.
import { describe, expect, it } from 'vitest';
import type { ReportedProblem } from '../../../src/report/model.ts';
import {
  describeProblem,
  evidenceOf,
  freshNote,
  problemHeadline,
  shownClasses,
  valueAt,
} from '../../../src/report/problems.ts';
import { fixtureReport } from './fixture.ts';

const base = fixtureReport().problems![0];
const withExchange = (request: string, response: string, over: Partial<ReportedProblem>): ReportedProblem => ({
  ...base,
  ...over,
  example: {
    ...base.example,
    request: { ...base.example.request, body: request },
    response: { status: 201, headers: {}, body: response },
  },
});

describe('problemHeadline', () => {
  it.each([
    ['status 500 (server error) on valid/a', '500', '', 'status 500 (server error) on valid/a'],
    ['owner: format uuid not enforced', '201', '400', 'owner: format uuid not enforced (received 201, due 400)'],
    ['auth/none refused', '200', '401 or 403', 'auth/none refused (received 200, due 401 or 403)'],
    ['track: not the value sent', '201', 'null', 'track: not the value sent (status 201; expected null)'],
    ['created', '201', '{"format":"date-time"}', 'created (status 201; expected {"format":"date-time"})'],
    // A title that says the answer and the due value is not told them again (CherryPy probe).
    [
      '400 answered with Content-Type text/html: Documented: application/json',
      '400',
      'application/json',
      '400 answered with Content-Type text/html: Documented: application/json',
    ],
    ['no answer (timeout) on valid/a', 'timeout', '201', 'no answer (timeout) on valid/a (due 201)'],
    [
      'owner: format uuid not enforced (201 to "")',
      '201',
      '400',
      'owner: format uuid not enforced (201 to "") (due 400)',
    ],
  ])('%s, received %s, due %s: %s', (title, received, due, headline) => {
    expect(problemHeadline({ title, received, due })).toBe(headline);
  });
});

describe('describeProblem', () => {
  const CREATED = '/paths/~1v1~1onboarding~1entities/post/responses/201';
  const problem = (check: string, documented: unknown, at: string[], received?: unknown) => ({
    received: '201',
    scope: '',
    failures: [{ check, kind: 'echo-mismatch', message: 'm', documented, rule: CREATED, received }],
    at,
    classes: ['valid/string/padded'],
  });
  const example = { request: { method: 'POST', url: 'u', headers: {}, body: '{}' } };
  it.each([
    ['a string sent: quoted, so that its white space shows', '  padded \t ', ['/returnUrl'], '"  padded \\t "'],
    ['none sent: absent or null, as the check reads it', null, ['/data/entity/type'], 'absent or null'],
    [
      'an array sent: one JSON value, not alternatives',
      [1, 'conformance', null],
      ['/data/entity/properties'],
      '[1,"conformance",null]',
    ],
    [
      'a number beyond the double range: Infinity, as sent (1e400), not null',
      { conformance: Infinity },
      ['/data/entity/properties'],
      '{"conformance":Infinity}',
    ],
  ])('an echo due: %s', (_what, documented, at, due) => {
    expect(describeProblem(problem('echo-return-url', documented, at), example).due).toBe(due);
  });

  it('says a value came back where none was sent, not that it differs', () => {
    const title = (documented: unknown) =>
      describeProblem(problem('echo-entity-information', documented, ['/data/entity/information/track']), example)
        .title;
    expect(title(null)).toBe(
      'data.entity.information.track: a value where null or nothing was sent (echo-entity-information, 201)',
    );
    expect(title('beta')).toBe('data.entity.information.track: not the value sent (echo-entity-information, 201)');
  });

  it('says a value sent was left out of the answer (echo-dropped), not that it differs', () => {
    const dropped = problem('echo-owner', 'b0b3a1d2-1c0e-4c3e-9d1f-6a2b3c4d5e6f', ['/data/entity/owner'], null);
    const p = { ...dropped, failures: dropped.failures.map((f) => ({ ...f, kind: 'echo-dropped' })) };
    expect(describeProblem(p, example).title).toBe(
      'data.entity.owner: the value sent left out of the answer (echo-owner, 201)',
    );
  });

  it('says a value of another JSON type came back (an object stored as text: the string "{}"), not only that it differs', () => {
    const title = (documented: unknown, received: unknown) =>
      describeProblem(problem('echo-properties', documented, ['/data/entity/properties'], received), example).title;
    expect(title({}, '{}')).toBe('data.entity.properties: a string where an object was sent (echo-properties, 201)');
    expect(title({ a: 1 }, [['a', 1]])).toBe(
      'data.entity.properties: an array where an object was sent (echo-properties, 201)',
    );
    expect(title({ a: 1 }, { a: 2 })).toBe('data.entity.properties: not the value sent (echo-properties, 201)');
    // Inside it too: Jackson echoes 1e400 as the string "Infinity" (RESTEasy probe).
    expect(title({ a: [1, { n: Infinity }] }, { a: [1, { n: 'Infinity' }] })).toBe(
      'data.entity.properties: a string where a number was sent, inside it (echo-properties, 201)',
    );
  });

  it('names a violation of the body as a whole by its rule in words, with the classes', () => {
    const rule = '/components/schemas/Req/additionalProperties';
    const p = {
      received: '201',
      scope: '',
      failures: [{ check: 'invalid-is-rejected', kind: 'unexpected-status', message: 'm', documented: [400], rule }],
      at: [],
      classes: ['invalid/additionalProperties/unknown', 'invalid/additionalProperties/Brand'],
    };
    const ex = {
      ...example,
      case: {
        label: 'invalid/additionalProperties/unknown',
        violation: { keyword: 'additionalProperties', rule, instancePath: '' },
      },
    };
    expect(describeProblem(p, ex).title).toBe(
      'additionalProperties not enforced (201 to invalid/additionalProperties/unknown and 1 more classes)',
    );
  });

  it('says a due status, not a schema the accepted answer also broke (fasthttp probe)', () => {
    const p = {
      received: '201',
      scope: 'malformed',
      failures: [
        {
          check: 'invalid-is-rejected',
          kind: 'unexpected-status',
          message: 'm',
          documented: [400, 411, 501],
          rule: 'r',
        },
        {
          check: 'response-schema-conformance',
          kind: 'schema-violation',
          message: 'm',
          documented: { type: 'string' },
          rule: 's',
        },
      ],
      at: [],
      classes: ['malformed/transfer-coding/xchunked'],
    };
    expect(describeProblem(p, example).due).toBe('400 or 411 or 501');
    // A 413 to a valid request: named by the undocumented status, due the row's 201, not every status the profile knows.
    const limit = {
      ...p,
      received: '413',
      failures: [
        {
          check: 'status-is-allowed',
          kind: 'undocumented-status',
          message: 'm',
          documented: [201, 400, 401],
          rule: 'r',
        },
        { check: 'valid-is-created', kind: 'unexpected-status', message: 'm', documented: [201], rule: 'c' },
      ],
    };
    expect(describeProblem(limit, example).due).toBe('201');
  });

  it('says a success came with an empty body (a writer that failed after the status: go-restful probe)', () => {
    const p = {
      received: '200',
      scope: '',
      failures: [{ check: 'valid-is-created', kind: 'unexpected-status', message: 'm', documented: [201], rule: 'r' }],
      at: [],
      classes: ['valid/number/max-double'],
    };
    expect(describeProblem(p, { ...example, response: { body: '' } }).title).toBe(
      'status 200 (an empty body) where 201 is due',
    );
    expect(describeProblem(p, { ...example, response: { body: '{}' } }).title).toBe('status 200 where 201 is due');
  });

  it('says the status due to its example, not to the case that found the problem first', () => {
    const row = (documented: number[]) => ({
      check: 'valid-is-created',
      kind: 'unexpected-status',
      message: 'm',
      documented,
      rule: CREATED,
    });
    const p = {
      received: '200',
      scope: '',
      failures: [row([201, 400])],
      exampleFailures: [row([201])],
      at: [],
      classes: ['valid/query-members', 'valid/minimal'],
    };
    expect(describeProblem(p, example)).toEqual({ title: 'status 200 where 201 is due', due: '201' });
  });

  it('names a null accepted where the type has none as such, and any other value by its rule', () => {
    const rule = '/components/schemas/Req/properties/type/type';
    const title = (body: string) =>
      describeProblem(
        {
          received: '201',
          scope: '',
          failures: [
            { check: 'invalid-is-rejected', kind: 'unexpected-status', message: 'm', documented: [400], rule },
          ],
          at: ['/type'],
          classes: ['invalid/type/type/null'],
        },
        { ...example, request: { ...example.request, body } },
        () => 'string',
      ).title;
    expect(title('{"type":null}')).toBe('type: null accepted, not nullable (type string) (201)');
    expect(title('{"type":5}')).toBe('type: type string not enforced (201 to the value 5)');
  });

  it('names fewer fields in a long title, never cutting what went wrong, the check or the answer', () => {
    const at = ['associatedEmail', 'identifier', 'pairingCode', 'track'].map((k) => `/data/entity/information/${k}`);
    const { title } = describeProblem(problem('echo-entity-information', null, at), example);
    expect(title.length).toBeLessThanOrEqual(160);
    expect(title).toBe(
      'data.entity.information.associatedEmail, data.entity.information.identifier and 2 more: a value where null or nothing was sent (echo-entity-information, 201)',
    );
  });
});

describe('evidenceOf', () => {
  it.each([
    [
      'a swapped echo: what came back at the path, what was sent',
      withExchange('{"name":"n","identifier":"i"}', '{"data":{"entity":{"information":{"name":"i"}}}}', {
        received: '201',
        due: '',
        at: ['/data/entity/information/name'],
      }),
      [{ where: 'answer data.entity.information.name', received: '"i"', due: '"n" (as sent)' }],
    ],
    [
      'a field the problem names in other cases that this example echoes as sent: not shown (fastify-zod probe)',
      withExchange(
        '{"brand":"","pairingCode":"é"}',
        '{"data":{"entity":{"information":{"brand":"","pairingCode":"Ã©"}}}}',
        { received: '201', due: '', at: ['/data/entity/information/brand', '/data/entity/information/pairingCode'] },
      ),
      [{ where: 'answer data.entity.information.pairingCode', received: '"Ã©"', due: '"é" (as sent)' }],
    ],
    [
      'a number beyond the double range sent (1e400): shown as Infinity, never as JSON.stringify’s null',
      withExchange('{"properties":{"n":1e400}}', '{"data":{"entity":{"properties":{"n":"Infinity"}}}}', {
        received: '201',
        due: '',
        at: ['/data/entity/properties'],
      }),
      [{ where: 'answer data.entity.properties', received: '{"n":"Infinity"}', due: '{"n":Infinity} (as sent)' }],
    ],
    [
      'two long values that differ 300 characters in: shown around the difference, not as two equal prefixes',
      withExchange(
        `{"properties":{"a":"${'x'.repeat(300)}","n":1.5}}`,
        `{"data":{"entity":{"properties":{"a":"${'x'.repeat(300)}","n":"1.5"}}}}`,
        { received: '201', due: '', at: ['/data/entity/properties'] },
      ),
      [
        {
          where: 'answer data.entity.properties',
          received: `…${'x'.repeat(24)}","n":"1.5"}`,
          due: `…${'x'.repeat(24)}","n":1.5} (as sent)`,
        },
      ],
    ],
    [
      'an accepted violation: the value sent, a refusal due',
      withExchange('{"collectiveId":"not-a-uuid"}', '{}', { received: '201', due: '400', at: ['/collectiveId'] }),
      [
        { where: 'status', received: '201', due: '400' },
        { where: 'request collectiveId', received: '"not-a-uuid" accepted', due: 'refused (400)' },
      ],
    ],
    [
      'a valid request refused: the field its answer blamed, acceptance due',
      withExchange('{"collectiveId":null}', '{"errors":[{"message":"body/collectiveId must be string"}]}', {
        received: '400',
        due: '201',
        at: ['/collectiveId'],
      }),
      [
        { where: 'status', received: '400', due: '201' },
        { where: 'request collectiveId', received: 'null sent; the 400 names it', due: 'accepted (201)' },
      ],
    ],
    [
      'a valid request refused by a size limit that names no field: no field of the invalid cases it counts (Bottle)',
      withExchange('{"brand":"long…","type":"EV"}', 'Request entity too large', {
        received: '413',
        due: '201',
        at: ['/brand'],
      }),
      [{ where: 'status', received: '413', due: '201' }],
    ],
    [
      'an id the server made, one for two entities: due as its rule says, not as sent',
      withExchange('{"identifier":"b"}', '{"data":{"entity":{"id":"e1"}}}', {
        received: '201',
        due: 'an id of its own',
        at: ['/data/entity/id'],
        checks: ['ids-are-assigned'],
      }),
      [{ where: 'answer data.entity.id', received: '"e1"', due: 'an id of its own' }],
    ],
    [
      'a crash on a violation: neither accepted nor refused',
      withExchange('{"brand":[[1]]}', 'Internal Server Error', { received: '500', due: '400', at: ['/brand'] }),
      [
        { where: 'status', received: '500', due: '400' },
        { where: 'request brand', received: '[[1]] answered 500', due: 'refused (400)' },
      ],
    ],
    [
      'a field left out of the answer',
      withExchange('{"owner":"x"}', '{"data":{"entity":{}}}', { received: '201', due: '', at: ['/data/entity/owner'] }),
      [{ where: 'answer data.entity.owner', received: '(absent)', due: '"x" (as sent)' }],
    ],
    [
      'an echo whose due is a value: no status line, and a field this example echoes as due is left out',
      withExchange('{"brand":"b"}', '{"data":{"entity":{"information":{"brand":"c","name":null}}}}', {
        received: '201',
        due: '"b"',
        at: ['/data/entity/information/brand', '/data/entity/information/name'],
      }),
      [{ where: 'answer data.entity.information.brand', received: '"c"', due: '"b" (as sent)' }],
    ],
  ])('%s', (_name, problem, expected) => {
    expect(evidenceOf(problem)).toEqual(expected);
  });

  it('reads a value at a pointer of a body nested 10,000 levels without recursing', () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect(valueAt(deep, '/a/a/a')).toMatchObject({ a: expect.anything() });
    expect(valueAt('not json', '/a')).toBeUndefined();
  });
});

describe('freshNote', () => {
  it('says an answer depended on its connection only where the example got another one alone', () => {
    expect(freshNote({ received: '400' })).toBeUndefined();
    expect(freshNote({ received: '400', freshConnection: '201' })).toBe(
      'sent again alone on a connection of its own, this request got 201, not 400: the answer likely depended on what came before it on its connection (a body left unread, a buffer not reset, a per-connection cache), so its curl line may not show the problem',
    );
  });

  it('says a timeout answered alone likely waited behind another request', () => {
    expect(freshNote({ received: 'timeout', freshConnection: '400' })).toMatch(
      /got 400, not timeout: it likely waited behind another request the server was busy with/,
    );
  });
});

describe('shownClasses', () => {
  it('lists the example’s class first, the others in their order', () => {
    const example = { ...base.example, case: { ...base.example.case, label: 'valid/minimal' } };
    const classes = ['malformed/comment', 'media/undecodable/br', 'valid/minimal', 'valid/string/empty'];
    expect(shownClasses({ classes, example })).toEqual([
      'valid/minimal',
      'malformed/comment',
      'media/undecodable/br',
      'valid/string/empty',
    ]);
    expect(shownClasses({ classes: ['a', 'b'], example })).toEqual(['a', 'b']);
  });
});
