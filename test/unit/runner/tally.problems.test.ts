// The tally groups distinct failures into problems by root cause: the same answer failing the same checks the same way.
import { describe, expect, it } from 'vitest';
import { createChecks } from '../../../src/checks/index.ts';
import type { Judged } from '../../../src/checks/judge.ts';
import { fail } from '../../../src/checks/util.ts';
import type { TestCase } from '../../../src/generators/case.ts';
import { createWaiverBook } from '../../../src/report/waivers.ts';
import type { Exchange } from '../../../src/types.ts';
import { createTally } from '../../../src/runner/tally.ts';
import { reportMeta } from './tally-meta.ts';

const checks = createChecks();
const byName = (n: string) => checks.find((c) => c.name === n)!;
/** A judged check with its failures (the check's own name stamped on each). */
const judged = (name: string, ...found: ReturnType<typeof fail>[]): Judged => ({
  check: byName(name),
  outcome: 'fail',
  failures: found.map((f) => ({ check: name, ...f })),
});
/** A warning's finding: `fail` softened. */
const warning = (...a: Parameters<typeof fail>) => ({ ...fail(...a), severity: 'warning' as const });
const CREATED = '/paths/~1v1~1onboarding~1entities/post/responses/201';
const RESPONSES = '/paths/~1v1~1onboarding~1entities/post/responses';

const valid = (id: string, label: string, body: string, phase: TestCase['phase'] = 'boundary'): TestCase => ({
  id,
  phase,
  kind: 'valid',
  label,
  method: 'POST',
  contentType: 'application/json',
  body,
  auth: 'valid',
});

const answer = (c: TestCase, status: number): Exchange => ({
  request: { method: 'POST', url: 'http://127.0.0.1:1/v1/onboarding/entities', headers: {}, body: c.body },
  response: { status, headers: {}, body: '{}', truncated: false },
  durationMs: 1,
  rateLimited: 0,
});

/** The failures of a provider that answers 200 to a valid request. */
const status200: Judged[] = [
  {
    check: byName('status-is-allowed'),
    outcome: 'fail',
    failures: [
      { check: 'status-is-allowed', ...fail('undocumented-status', RESPONSES, 'Received: 200', 200, ['201', '400']) },
    ],
  },
  {
    check: byName('valid-is-created'),
    outcome: 'fail',
    failures: [
      { check: 'valid-is-created', ...fail('unexpected-status', CREATED, 'not created: Received: 200', 200, [201]) },
    ],
  },
];

/** A tally that knows the request's member names, for refusals whose answer names one. */
const namingTally = (names: string[]) =>
  createTally(
    checks,
    1,
    createWaiverBook([], 'url', '2026-01-01'),
    (s) => s,
    [],
    undefined,
    undefined,
    undefined,
    names,
  );

/** A valid request refused with 400. */
const refused: Judged[] = [
  {
    check: byName('valid-is-created'),
    outcome: 'fail',
    failures: [
      { check: 'valid-is-created', ...fail('unexpected-status', CREATED, 'not created: Received: 400', 400, [201]) },
    ],
  },
];

/** An invalid request accepted with 201 on an advisory case: the row's finding, softened to a warning. */
const acceptedInvalid = (): Judged => ({
  check: byName('invalid-is-rejected'),
  outcome: 'fail',
  failures: [
    {
      check: 'invalid-is-rejected',
      ...fail('unexpected-status', `${RESPONSES}/400`, 'not rejected: Received: 201', 201, [400]),
      severity: 'warning',
    },
  ],
});

/** A case whose answer was lost (`kind`: a timeout, a reset), as response-is-received judges it. */
function recordLost(
  t: ReturnType<typeof createTally>,
  c: TestCase,
  kind: 'timeout' | 'connection-reset',
  place: number,
) {
  const ex: Exchange = { request: answer(c, 0).request, error: { kind, message: kind }, durationMs: 1, rateLimited: 0 };
  t.record(c, ex, [judged('response-is-received', fail(kind, RESPONSES, `no answer: ${kind}`))], place);
}

function tallyOf(seed = 1) {
  return createTally(checks, seed, createWaiverBook([], 'url', '2026-01-01'), (s) => s);
}

const META = reportMeta(3);

/** A valid request created: most runs have some, and a run without any makes one problem of a core (below). */
function oneCreated(t: ReturnType<typeof createTally>, body = '{"brand":"b","type":"EV"}') {
  const c = valid('b0', 'valid/all-fields', body);
  t.record(c, answer(c, 201), [], 0);
}

describe('createTally: problems', () => {
  it('scopes valid requests refused for a member they did not send, which the answer names, by that member', () => {
    // Arrange: `properties` made required by mistake (zod 4's z.unknown()), so every body without it is refused.
    const t = namingTally(['brand', 'type', 'properties']);
    const cases = [
      valid('b1', 'valid/minimal', '{"brand":"b","type":"EV"}'),
      valid('b2', 'valid/string/emoji', '{"brand":"😀","type":"EV"}'),
      valid('b3', 'valid/null/brand', '{"brand":null,"type":"EV"}'),
    ];
    const body =
      '{"errors":[{"code":"invalid_type","path":["properties"],"message":"Invalid input: expected unknown"}]}';
    // Act
    oneCreated(t, '{"brand":"b","type":"EV","properties":{}}');
    for (const c of cases)
      t.record(c, { ...answer(c, 400), response: { ...answer(c, 400).response!, body } }, refused, 1);
    const r = t.report(META);
    // Assert: one problem, named by the member, not one per family.
    expect(r.problems).toHaveLength(1);
    expect(r.problems![0]).toMatchObject({ scope: '/properties', cases: 3, at: ['/properties'] });
  });

  it('counts a class about the member the answer names under that member’s problem: one bug, one problem', () => {
    // Arrange: brand made non-nullable (required + nullable in the spec): all-null and null/brand refused, naming it.
    const t = namingTally(['brand', 'type', 'owner']);
    const body = '{"errors":[{"code":"invalid","path":"brand","message":"invalid string value"}]}';
    oneCreated(t, '{"brand":"b","type":"EV"}');
    for (const c of [
      valid('b1', 'valid/all-null', '{"brand":null,"type":"EV","owner":null}'),
      valid('b2', 'valid/null/brand', '{"brand":null,"type":"EV"}'),
    ])
      t.record(c, { ...answer(c, 400), response: { ...answer(c, 400).response!, body } }, refused, 1);
    // Act
    const r = t.report(META);
    // Assert: the class about brand (scoped by its family on its own) joins brand's problem, and is its example.
    expect(r.problems).toHaveLength(1);
    expect(r.problems![0]).toMatchObject({ scope: '/brand', cases: 2 });
    expect(r.problems![0].example.case.label).toBe('valid/null/brand');
  });

  it('counts every nullable member null under a member’s problem of the same core, with that member’s own null', () => {
    // Arrange: go-restful with plain string fields: a zero value is missing, so brand "" and brand null are refused
    // alike, the empty string's answer naming brand, the nulls' naming brand and type (so none).
    const t = namingTally(['brand', 'type', 'owner']);
    const named = '{"errors":[{"code":"required","path":"brand","message":"brand is required"}]}';
    const both = '{"errors":[{"code":"required","message":"brand and type are required"}]}';
    oneCreated(t, '{"brand":"b","type":"EV"}');
    const cases: [TestCase, string][] = [
      [valid('b1', 'valid/string/empty', '{"brand":"","type":"EV","name":""}'), named],
      [{ ...valid('b2', 'valid/all-null', '{"brand":null,"type":"EV","owner":null}'), family: 'valid/null' }, both],
      [valid('b3', 'valid/null/brand', '{"brand":null,"type":"EV"}'), both],
    ];
    for (const [c, body] of cases)
      t.record(c, { ...answer(c, 400), response: { ...answer(c, 400).response!, body } }, refused, 1);
    // Act
    const r = t.report(META);
    // Assert
    expect(r.problems!.map((p) => [p.scope, p.cases])).toEqual([['/brand', 3]]);
  });

  it('makes one problem of the same answer failing the same checks in many classes, with both rules', () => {
    // Arrange
    const t = tallyOf();
    const cases = [
      valid('b1', 'valid/a', '{"type":"Company","name":"a long name here"}'),
      valid('b2', 'valid/b', '{"type":"Company"}'),
      valid('b3', 'valid/c', '{"type":"Company","name":"x"}'),
    ];
    // Act
    for (const c of cases) t.record(c, answer(c, 200), status200, 1);
    const r = t.report(META);
    // Assert
    expect(r.failures).toHaveLength(6);
    expect(r.problems).toHaveLength(1);
    const [p] = r.problems!;
    expect(p).toMatchObject({
      id: 'P1',
      title: 'status 200 where 201 is due',
      received: '200',
      due: '201',
      checks: ['status-is-allowed', 'valid-is-created'],
      rules: [RESPONSES, CREATED],
      cases: 3,
      classes: ['valid/a', 'valid/b', 'valid/c'],
      failures: ['F1', 'F2', 'F3', 'F4', 'F5', 'F6'],
      shrunk: false,
    });
    // The smallest example, whatever came first.
    expect(p.example.case.id).toBe('b2');
    expect(p.example.curl).toContain(`'{"type":"Company"}'`);
  });

  it('never makes an advisory row warning the cause of a content error: one problem for the content', () => {
    // Arrange: a valid case and an advisory malformed case (accepted, a warning) both answered with a bad `created`.
    const t = tallyOf();
    const CONTENT = `${CREATED}/content/application~1json/schema/properties/created/format`;
    const contentFailure = {
      check: 'response-schema-conformance',
      ...fail('schema-mismatch', CONTENT, '/created must match format "date-time"', '2026-01-01T00:00:00', {
        format: 'date-time',
      }),
    };
    const badCreated: Judged = {
      check: byName('response-schema-conformance'),
      outcome: 'fail',
      failures: [contentFailure],
    };
    const advisory: TestCase = {
      ...valid('b2', 'malformed/invalid-utf8/lone/brand', '{"brand":"\uFFFD","type":"EV"}'),
      kind: 'malformed-json',
      advisory: 'many stacks decode it leniently',
    };

    // Act
    const v = valid('b1', 'valid/minimal', '{"brand":"b","type":"EV"}');
    t.record(v, answer(v, 201), [badCreated], 1);
    t.record(advisory, answer(advisory, 201), [acceptedInvalid(), badCreated], 2);
    const r = t.report(META);
    // Assert: the advisory case's content error counts under the content problem; its status is only a warning.
    expect(r.problems).toHaveLength(1);
    expect(r.problems![0]).toMatchObject({ cases: 2, checks: ['response-schema-conformance'] });
  });

  it('counts the advisory warnings of one class and answer as one line that names the class', () => {
    // Arrange: two places of a byte that is not UTF-8 (one class), both accepted.
    const t = tallyOf();
    const warned = (label: string): [TestCase, Judged[]] => [
      {
        ...valid(label, label, '{"brand":"b","type":"EV"}'),
        kind: 'malformed-json',
        class: 'malformed/invalid-utf8/<bytes>/<where>',
        advisory: 'many stacks decode it leniently',
      },
      [acceptedInvalid()],
    ];
    // Act
    for (const label of ['malformed/invalid-utf8/ff/brand', 'malformed/invalid-utf8/ff/name']) {
      const [c, judged] = warned(label);
      t.record(c, answer(c, 201), judged, 1);
    }
    const r = t.report(META);
    // Assert
    expect(r.warnings).toEqual([
      {
        code: 'invalid-is-rejected/unexpected-status',
        rule: `${RESPONSES}/400`,
        message:
          'not rejected: Received: 201 [malformed/invalid-utf8/<bytes>/<where>, e.g. malformed/invalid-utf8/ff/brand] (2×)',
      },
    ]);
  });

  it('counts a warning that is not the advisory row finding once, whichever classes gave it', () => {
    const t = tallyOf();
    const omitted = (): Judged => ({
      check: byName('echo-return-url'),
      outcome: 'fail',
      failures: [
        {
          check: 'echo-return-url',
          ...fail('echo-omission', CREATED, '201 leaves out returnUrl that the request sent', null, ['returnUrl']),
          severity: 'warning',
        },
      ],
    });
    const plain = valid('b1', 'valid/minimal', '{"brand":"b","type":"EV","returnUrl":"x"}');
    const advisory = { ...valid('b2', 'valid/auth-lowercase-scheme', plain.body!), advisory: 'not in the profile' };
    t.record(plain, answer(plain, 201), [omitted()], 1);
    t.record(advisory, answer(advisory, 201), [omitted()], 2);
    expect(t.report(META).warnings).toEqual([
      {
        code: 'echo-return-url/echo-omission',
        rule: CREATED,
        message: '201 leaves out returnUrl that the request sent (2×)',
      },
    ]);
  });

  it('makes a line of each field a server leaves out, so that every such field is named', () => {
    const t = tallyOf();
    const omitted = (...fields: string[]): Judged => ({
      check: byName('echo-entity-information'),
      outcome: 'fail',
      failures: fields.map((f) => ({
        check: 'echo-entity-information',
        ...fail('echo-omission', CREATED, `201 leaves out ${f} that the request sent`, null, f),
        at: `/${f.split('.').join('/')}`,
        severity: 'warning' as const,
      })),
    });
    const a = valid('b1', 'valid/minimal', '{}');
    const b = valid('b2', 'valid/string/empty', '{}');
    t.record(a, answer(a, 201), [omitted('data.entity.information.associatedEmail')], 1);
    t.record(
      b,
      answer(b, 201),
      [omitted('data.entity.information.associatedEmail', 'data.entity.information.brand')],
      2,
    );
    expect(t.report(META).warnings.map((w) => w.message)).toEqual([
      '201 leaves out data.entity.information.associatedEmail that the request sent (2×)',
      '201 leaves out data.entity.information.brand that the request sent (1×)',
    ]);
  });

  it('lists warnings in one order whatever order the answers came in', () => {
    const warn = (check: string, kind: string): Judged => judged(check, warning(kind, RESPONSES, kind));
    const lists = [false, true].map((reversed) => {
      const t = tallyOf();
      const a = valid('b1', 'valid/minimal', '{}');
      const b = valid('b2', 'valid/all-fields', '{}');
      const order: [TestCase, Judged][] = [
        [a, warn('method-is-not-allowed', 'missing-allow-header')],
        [b, warn('echo-return-url', 'echo-omission')],
      ];
      for (const [c, j] of reversed ? order.reverse() : order) t.record(c, answer(c, 201), [j], 1);
      return t.report(META).warnings.map((w) => w.code);
    });
    expect(lists[0]).toEqual(['echo-return-url/echo-omission', 'method-is-not-allowed/missing-allow-header']);
    expect(lists[1]).toEqual(lists[0]);
  });

  it('makes one line of a header missing from the answer, whatever the class, advisory or not', () => {
    const t = tallyOf();
    const missing = (): Judged =>
      judged('method-is-not-allowed', warning('missing-allow-header', RESPONSES, '405 has no Allow header'));
    const plain = { ...valid('b1', 'method/GET', '{}'), kind: 'method' as const, method: 'GET' };
    const layer = {
      ...valid('b2', 'method/QUERY', '{}'),
      kind: 'method' as const,
      method: 'QUERY',
      httpLayer: true as const,
    };
    t.record(plain, answer(plain, 405), [missing()], 1);
    t.record(layer, answer(layer, 405), [missing()], 2);
    expect(t.report(META).warnings.map((w) => [w.code, w.message])).toEqual([
      ['method-is-not-allowed/missing-allow-header', '405 has no Allow header [e.g. method/GET] (2×)'],
    ]);
  });

  it('makes one line of a 403 where credentials are missing or wrong, whatever the class, advisory or not', () => {
    const t = tallyOf();
    const forbidden = (advice = ''): Judged =>
      judged(
        'auth-is-enforced',
        warning('forbidden-without-valid-credentials', '/security', `403 where credentials are missing${advice}`),
      );
    const plain = { ...valid('b1', 'auth/wrong', '{}'), kind: 'auth' as const, class: 'auth/wrong' };
    const advisory = {
      ...valid('b2', 'auth/none-invalid-body', '{}'),
      kind: 'auth' as const,
      class: 'auth/none-invalid-body',
      advisory: 'an invalid body without credentials',
    };
    t.record(plain, answer(plain, 403), [forbidden()], 1);
    t.record(advisory, answer(advisory, 403), [forbidden(' (advisory: an invalid body without credentials)')], 2);
    expect(t.report(META).warnings.map((w) => [w.code, w.message])).toEqual([
      [
        'auth-is-enforced/forbidden-without-valid-credentials',
        // The example is the class that is not advisory, though it sorts after (fastify-type-provider-zod probe).
        '403 where credentials are missing [e.g. auth/wrong] (2×)',
      ],
    ]);
  });

  it('makes a line of each rule, a 405 and a 2xx to OPTIONS without Allow, whatever order the answers came in', () => {
    const missing = (message: string): Judged =>
      judged('method-is-not-allowed', warning('missing-allow-header', RESPONSES, message));
    const lines = [false, true].map((reversed) => {
      const t = tallyOf();
      const a = { ...valid('b1', 'method/GET', '{}'), kind: 'method' as const, method: 'GET' };
      const b = { ...valid('b2', 'method/OPTIONS', '{}'), kind: 'method' as const, method: 'OPTIONS' };
      const order: [TestCase, Judged][] = [
        [b, missing('200 to OPTIONS has no Allow header')],
        [a, missing('405 has no Allow header')],
      ];
      for (const [c, j] of reversed ? order.reverse() : order) t.record(c, answer(c, 405), [j], 1);
      return t.report(META).warnings.map((w) => w.message);
    });
    expect([...lines[0]].sort()).toEqual([
      '200 to OPTIONS has no Allow header [e.g. method/OPTIONS] (1×)',
      '405 has no Allow header [e.g. method/GET] (1×)',
    ]);
    expect(lines[1]).toEqual(lines[0]);
  });

  it('names the class of a message the HTTP layer may refuse when its connection was closed', () => {
    const t = tallyOf();
    const c: TestCase = {
      ...valid('b1', 'empty-body/no-framing', '{}'),
      kind: 'empty-body',
      class: 'empty-body/no-framing',
      httpLayer: true,
    };
    const reset: Judged = {
      check: byName('response-is-received'),
      outcome: 'fail',
      failures: [
        {
          check: 'response-is-received',
          ...fail('connection-reset', RESPONSES, 'socket hang up'),
          severity: 'warning',
        },
      ],
    };
    const { request, durationMs, rateLimited } = answer(c, 0);
    t.record(c, { request, durationMs, rateLimited, error: { kind: 'connection-reset', message: 'x' } }, [reset], 1);
    expect(t.report(META).warnings).toEqual([
      {
        code: 'response-is-received/connection-reset',
        rule: RESPONSES,
        message: 'socket hang up [empty-body/no-framing] (1×)',
      },
    ]);
  });

  it.each([
    // An HTTPS redirect in front of the API: every request on the path.
    [307, 307, 'every request on the operation’s path', '(a redirect)'],
    // A route declared with a slash (StrictSlash) redirects what reaches it; the anonymous request is refused before.
    [307, 401, 'the requests redirected on the operation’s path', '(a redirect)'],
    // An Accept check (restify's acceptParser) refuses `*/*` before the handler, whatever the row.
    [406, 401, 'the requests refused for their Accept field', '(not acceptable: a refusal of the Accept field)'],
  ])('makes one problem of a %i to several rows (auth/none answered %i): %s', (got, authStatus, scope, words) => {
    // Arrange: a parser's own 400 to a raw message and a path case aside.
    const t = tallyOf();
    const status = (check: string, kind: string, rule: string, due: number[]): Judged => ({
      check: byName(check),
      outcome: 'fail',
      failures: [{ check, ...fail(kind, rule, `Received: ${got} / Due: ${due.join(', ')}`, got, due) }],
    });
    const validCase = valid('b1', 'valid/minimal', '{"brand":"b","type":"EV"}');
    const invalidCase: TestCase = {
      ...valid('b2', 'invalid/required/brand', '{"type":"EV"}'),
      kind: 'schema-violation',
    };
    const authCase: TestCase = { ...valid('b3', 'auth/none', '{}'), kind: 'auth', auth: 'none' };
    const raw: TestCase = {
      ...valid('b4', 'empty-body/invalid-content-length', '{}'),
      kind: 'empty-body',
      httpLayer: true,
    };
    const path: TestCase = { ...valid('b5', 'path/child', '{}'), kind: 'path', pathSuffix: '/x' };
    t.record(validCase, answer(validCase, got), [status('valid-is-created', 'unexpected-status', CREATED, [201])], 1);
    t.record(
      invalidCase,
      answer(invalidCase, got),
      [status('invalid-is-rejected', 'unexpected-status', RESPONSES, [400])],
      2,
    );
    const authRow = authStatus === got ? [status('auth-is-enforced', 'unexpected-status', '/security', [401])] : [];
    t.record(authCase, answer(authCase, authStatus), authRow, 3);
    t.record(raw, answer(raw, 400), [], 4);
    t.record(path, answer(path, 404), [], 5);
    // Assert
    const problems = t.report(META).problems ?? [];
    expect(problems.map((p) => p.scope)).toEqual([scope]);
    expect(problems[0].title.startsWith(`status ${got} ${words} where `)).toBe(true);
  });

  it('keeps each random case whose answer was lost, so that the one that brought a target down is reported', () => {
    const t = tallyOf();
    const lost = (id: string) => {
      const c = valid(id, 'valid/random/application-json', '{"brand":"b","type":"EV"}', 'random');
      const reset: Judged = {
        check: byName('response-is-received'),
        outcome: 'fail',
        failures: [{ check: 'response-is-received', ...fail('connection-reset', RESPONSES, 'socket hang up') }],
      };
      const { request, durationMs, rateLimited } = answer(c, 0);
      t.record(c, { request, durationMs, rateLimited, error: { kind: 'connection-reset', message: 'x' } }, [reset], 1);
    };
    for (const id of ['r00103', 'r00095']) lost(id);
    expect(t.report(META).failures.map((f) => f.case.id)).toEqual(['r00103', 'r00095']);
  });

  it('lists a 500 to an advisory case once, as a problem, not again as a warning', () => {
    // Arrange: an advisory case answered 500: the server error, and its row's status finding softened to a warning.
    const t = tallyOf();
    const c: TestCase = {
      ...valid('b1', 'valid/depth/10000/objects', '{"brand":"b","type":"EV"}'),
      advisory: 'a limit',
    };
    const judged: Judged[] = [
      {
        check: byName('not-a-server-error'),
        outcome: 'fail',
        failures: [
          { check: 'not-a-server-error', ...fail('server-error', RESPONSES, 'server error: Received: 500', 500) },
        ],
      },
      {
        check: byName('valid-is-created'),
        outcome: 'fail',
        failures: [
          {
            check: 'valid-is-created',
            ...fail('unexpected-status', CREATED, 'not created: Received: 500', 500, [201, 400]),
            severity: 'warning',
          },
        ],
      },
    ];
    // Act
    t.record(c, answer(c, 500), judged, 1);
    const r = t.report(META);
    // Assert
    expect(r.problems).toHaveLength(1);
    expect(r.problems![0].title).toContain('status 500 (server error)');
    expect(r.warnings).toEqual([]);
  });

  it('keeps problems apart when the answer or the failures differ, most cases first', () => {
    const t = tallyOf();
    const a = valid('b1', 'valid/a', '{}');
    const b = valid('b2', 'valid/a', '{}');
    const c = valid('b3', 'valid/a', '{}');
    t.record(a, answer(a, 500), [status200[1]], 1);
    t.record(b, answer(b, 200), status200, 2);
    t.record(c, answer(c, 200), status200, 3);
    const r = t.report(META);
    expect(r.problems!.map((p) => [p.received, p.cases, p.checks.join(',')])).toEqual([
      ['200', 2, 'status-is-allowed,valid-is-created'],
      ['500', 1, 'valid-is-created'],
    ]);
  });

  it('gives a signature that does not depend on seed, case ids or classes', () => {
    const sig = (seed: number, id: string, label: string) => {
      const t = tallyOf(seed);
      const c = valid(id, label, '{}');
      t.record(c, answer(c, 200), status200, 1);
      return t.report(META).problems![0].signature;
    };
    expect(sig(1, 'b1', 'valid/a')).toBe(sig(99, 'r7', 'valid/z'));
    expect(sig(1, 'b1', 'valid/a')).toBe(`received 200 | valid-is-created unexpected-status ${CREATED}`);
  });

  it('offers random examples for shrinking, one per problem, and takes the shrunk one for the problem and its class', () => {
    // Arrange
    const t = tallyOf();
    const big = {
      ...valid('r1', 'valid/a', '{"type":"Company","name":"' + 'x'.repeat(400) + '"}', 'random'),
      counterexamplePath: '3:1',
    };
    t.record(big, answer(big, 200), status200, 1);
    const [p] = t.shrinkable();
    // Act
    expect(t.showsProblem(p, big, answer(big, 200), status200)).toBe(true);
    expect(t.showsProblem(p, big, answer(big, 201), [])).toBe(false);
    const small = { ...big, body: '{"type":"Company"}' };
    t.replaceExample(p, small, answer(small, 200), status200);
    const r = t.report(META);
    // Assert
    expect(r.problems![0].shrunk).toBe(true);
    expect(r.problems![0].example.request.body).toBe('{"type":"Company"}');
    expect(r.failures.map((f) => f.request.body)).toEqual(['{"type":"Company"}', '{"type":"Company"}']);
  });
});

const SERVER = fail('server-error', RESPONSES, 'server error: Received: 500', 500, ['201', '400']);
const notCreated = (status: number) => fail('unexpected-status', CREATED, `Received: ${status}`, status, [201]);
const UUID_RULE = '/components/schemas/Request/properties/collectiveId/format';

const invalid = (id: string, label: string, body: string, at: string, phase: TestCase['phase'] = 'boundary') =>
  ({
    ...valid(id, label, body, phase),
    kind: 'schema-violation',
    violation: { keyword: 'format', rule: UUID_RULE, instancePath: at },
  }) satisfies TestCase;

describe('createTally: a problem is a cause (issue #24)', () => {
  it('counts a random case’s 500 under the boundary problem of the same answer, whatever else the case broke', () => {
    const t = tallyOf();
    const long = valid('b1', 'valid/string/long-256', `{"type":"EV","name":"${'a'.repeat(256)}"}`);
    const random = {
      ...invalid(
        'r1',
        'invalid/format/collectiveId',
        `{"collectiveId":"x","name":"${'b'.repeat(300)}"}`,
        '/collectiveId',
        'random',
      ),
      counterexamplePath: '1:0',
    };
    oneCreated(t);
    t.record(
      long,
      answer(long, 500),
      [judged('not-a-server-error', SERVER), judged('valid-is-created', notCreated(500))],
      1,
    );
    t.record(
      random,
      answer(random, 500),
      [
        judged('not-a-server-error', SERVER),
        judged('invalid-is-rejected', fail('unexpected-status', UUID_RULE, 'Received: 500', 500, [400])),
      ],
      2,
    );
    const r = t.report(META);
    expect(r.problems).toHaveLength(1);
    expect(r.problems![0]).toMatchObject({
      cases: 2,
      classes: ['invalid/format/collectiveId', 'valid/string/long-256'],
      title: 'status 500 (server error) on valid/string/long-256 and 1 more classes',
      scope: 'valid/string/long',
    });
    expect(r.problems![0].example.case.id).toBe('b1');
  });

  it('counts a random case refused under another media type with the media problem, not the first refusal by name', () => {
    const t = tallyOf();
    const proto = valid('b1', 'valid/any/properties/proto-key', '{"type":"EV","properties":{"__proto__":1}}');
    const media = {
      ...valid('b2', 'valid/text-json', '{"type":"EV"}'),
      contentType: 'text/json',
      family: 'valid/media',
    };
    const random = {
      ...valid('r1', 'valid/random/text-json', '{"type":"EV","name":"x"}', 'random'),
      contentType: 'text/json',
      family: 'valid/media',
    };
    oneCreated(t);
    for (const [i, c] of [proto, media, random].entries())
      t.record(c, answer(c, 415), [judged('valid-is-created', notCreated(415))], i + 1);
    const r = t.report(META);
    expect(r.problems!.map((p) => [p.scope, p.cases])).toEqual([
      ['valid/media', 2],
      ['valid/any', 1],
    ]);
  });

  it('makes one problem of a core when no valid request of the run was created, whatever the families', () => {
    // Arrange: every valid request answered 500 (a table never migrated), and an invalid one refused as due.
    const t = tallyOf();
    const cases = [
      valid('b1', 'valid/string/long-256', `{"type":"EV","name":"${'a'.repeat(256)}"}`),
      valid('b2', 'valid/null/brand', '{"type":"EV","brand":null}'),
      valid('b3', 'valid/minimal', '{"type":"EV"}'),
    ];
    // Act
    for (const [i, c] of cases.entries())
      t.record(
        c,
        answer(c, 500),
        [judged('not-a-server-error', SERVER), judged('valid-is-created', notCreated(500))],
        i + 1,
      );
    const r = t.report(META);
    // Assert: one problem, its example the plainest.
    expect(r.problems!.map((p) => [p.scope, p.cases, p.classes.length])).toEqual([['every valid request', 3, 3]]);
    expect(r.problems![0].example.case.id).toBe('b3');
  });

  it('makes one problem of the run’s credentials refused, valid and invalid requests alike, the anonymous ones apart', () => {
    // Arrange: the token is refused (expired, or the Authorization field lost on the way): 401 to everything.
    const t = tallyOf();
    const ok = valid('b1', 'valid/minimal', '{"type":"EV"}');
    const bad = invalid('b2', 'invalid/format/owner/braces', '{"type":"EV","owner":"{x}"}', '/owner');
    const anonymous = { ...valid('b3', 'auth/none', '{"type":"EV"}'), kind: 'auth' as const, auth: 'none' as const };
    // Act
    t.record(ok, answer(ok, 401), [judged('valid-is-created', notCreated(401))], 1);
    t.record(
      bad,
      answer(bad, 401),
      [judged('invalid-is-rejected', fail('unexpected-status', UUID_RULE, 'Received: 401', 401, [400]))],
      2,
    );
    t.record(anonymous, answer(anonymous, 401), [], 3);
    const r = t.report(META);
    // Assert
    expect(r.problems!.map((p) => [p.signature, p.cases, p.title])).toEqual([
      [
        'received 401 | the run’s credentials refused | in every request with the run’s credentials',
        2,
        'the run’s credentials refused: status 401 to the requests that carried them',
      ],
    ]);
  });

  it('notes what a problem’s example got on a connection of its own where it differs, a raw one only for a 5xx', () => {
    // Arrange: a buffer not reset per connection refuses a valid request the run sent on a kept-alive connection.
    const t = tallyOf();
    const c = valid('b1', 'valid/minimal', '{"type":"EV"}');
    const raw = {
      ...valid('b2', 'valid/framing/chunked', '{"type":"EV"}'),
      wire: { framing: 'chunked' as const, headers: [] },
    };
    oneCreated(t);
    t.record(c, answer(c, 400), [judged('valid-is-created', notCreated(400))], 1);
    t.record(raw, answer(raw, 500), [judged('not-a-server-error', SERVER)], 2);
    // Act
    const offered = t.confirmable();
    for (const p of offered) t.noteFresh(p, answer(p.case, 201));
    const r = t.report(META);
    // Assert: both got 201 alone, and the problems stay; the raw example, on a connection of its own already, went
    // again as it was, since a server error may come and go.
    expect(offered.map((p) => p.case.id)).toEqual(['b1', 'b2']);
    expect(offered[1].case).toBe(raw);
    expect(r.problems!.map((p) => [p.example.case.id, p.freshConnection])).toEqual([
      ['b1', '201'],
      ['b2', '201'],
    ]);
    expect(r.verdict).toBe('fails');
  });

  it('makes one problem of a redirect where refusals are due, whatever the families (a route declared with a slash)', () => {
    // Arrange: Werkzeug answers 308 to the path without the slash, invalid bodies of two families included.
    const t = tallyOf();
    const redirected = (id: string, label: string): TestCase => ({
      ...valid(id, label, '{"type":1}'),
      kind: 'schema-violation',
    });
    const notRefused: Judged[] = [
      {
        check: byName('invalid-is-rejected'),
        outcome: 'fail',
        failures: [
          {
            check: 'invalid-is-rejected',
            ...fail('unexpected-status', `${RESPONSES}/400`, 'not rejected: Received: 308', 308, [400]),
          },
        ],
      },
    ];
    // Act
    oneCreated(t);
    for (const [i, c] of [
      redirected('b1', 'invalid/type/brand'),
      redirected('b2', 'malformed/trailing-comma'),
    ].entries())
      t.record(c, answer(c, 308), notRefused, i + 1);
    // Assert
    expect(t.report(META).problems!.map((p) => [p.scope, p.cases])).toEqual([['', 2]]);
  });

  it.each([
    ['no invalid request refused: validation is off, one problem', false, [['every invalid request', 2]]],
    [
      'one invalid request refused: each rule accepted is its own problem',
      true,
      [
        ['invalid/enum', 1],
        ['invalid/format', 1],
      ],
    ],
  ])('%s', (_what, oneRefused, problems) => {
    // Arrange: a uuid format and an enum broken, each accepted with 201; and maybe a missing member refused.
    const t = tallyOf();
    const accepted = (id: string, label: string, keyword: string, rule: string): TestCase => ({
      ...valid(id, label, '{"type":"EV"}'),
      kind: 'schema-violation',
      violation: { keyword, rule, instancePath: '/x' },
    });
    const notRejected = (rule: string): Judged[] => [
      {
        check: byName('invalid-is-rejected'),
        outcome: 'fail',
        failures: [{ check: 'invalid-is-rejected', ...fail('unexpected-status', rule, 'not rejected', 201, [400]) }],
      },
    ];
    const cases = [
      accepted('b1', 'invalid/format/owner', 'format', UUID_RULE),
      accepted('b2', 'invalid/enum/type', 'enum', '/components/schemas/Request/properties/type/enum'),
    ];
    // Act
    oneCreated(t);
    for (const [i, c] of cases.entries()) t.record(c, answer(c, 201), notRejected(c.violation!.rule), i + 1);
    if (oneRefused) {
      const refused = accepted('b3', 'invalid/required/brand', 'required', '/components/schemas/Request/required');
      t.record(refused, answer(refused, 400), [], 3);
    }
    // Assert
    expect(
      t
        .report(META)
        .problems!.map((p) => [p.scope, p.cases])
        .sort(),
    ).toEqual(problems);
  });

  it('makes one problem of a core the plainest valid request failed with, while other valid requests are created', () => {
    // Arrange: a handler that crashes on a missing name (a Go nil pointer): the minimal body and its variants without a
    // name answer 500 in three families; one with a name is created; a 500 of another family's own stays apart.
    const t = tallyOf();
    const crashed = [
      valid('b1', 'valid/accept/none', '{"type":"EV"}'),
      valid('b2', 'valid/null/brand', '{"type":"EV","brand":null}'),
      valid('b3', 'valid/minimal', '{"type":"EV"}'),
    ];
    const named = valid('b4', 'valid/all-fields', '{"type":"EV","name":"a"}');
    const other = valid('b5', 'valid/string/long-256', `{"type":"EV","name":"${'a'.repeat(256)}"}`);
    // Act
    for (const [i, c] of crashed.entries())
      t.record(
        c,
        answer(c, 500),
        [judged('not-a-server-error', SERVER), judged('valid-is-created', notCreated(500))],
        i + 1,
      );
    t.record(named, answer(named, 201), [judged('valid-is-created')], 4);
    t.record(
      other,
      answer(other, 503),
      [judged('not-a-server-error', SERVER), judged('valid-is-created', notCreated(503))],
      5,
    );
    const r = t.report(META);
    // Assert: the three are one problem, its example the minimal request; the other family's 503 is its own.
    expect(r.problems!.map((p) => [p.scope, p.cases])).toEqual([
      ['valid/minimal and the valid requests failing alike', 3],
      ['valid/string/long', 1],
    ]);
    expect(r.problems![0].example.case.id).toBe('b3');
  });

  it('makes one problem of valid requests failing alike that carried what no created request carried', () => {
    // Arrange: a type switch without a number case (Echo probe): every valid request with a number in properties is a
    // 500, in four families; one with a string there is created; a 500 to a long brand (no number) stays apart, as
    // does a random case's (the boundary phase alone decides, the same in every run).
    const t = tallyOf();
    const crashed = [
      valid('b1', 'valid/any/properties/number', '{"brand":"b","type":"EV","properties":42.5}'),
      valid('b2', 'valid/number/negative-zero', '{"brand":"b","type":"EV","properties":{"n":-0}}'),
      valid('b3', 'valid/member-name/valueOf', '{"brand":"b","type":"EV","properties":{"valueOf":[1]}}'),
      valid('b4', 'valid/pretty-printed', '{\n "brand": "b", "type": "EV", "properties": {"a": [null, 2]}\n}'),
    ];
    const created = [
      valid('b5', 'valid/minimal', '{"brand":"b","type":"EV"}'),
      valid('b6', 'valid/any/properties/string', '{"brand":"b","type":"EV","properties":{"s":"x","o":{},"l":[]}}'),
    ];
    const long = valid('b7', 'valid/string/long-256', `{"brand":"${'b'.repeat(256)}","type":"EV"}`);
    const random = valid('r1', 'valid/random', '{"brand":"b","type":"EV","properties":{"n":1}}', 'random');
    const crash = [judged('not-a-server-error', SERVER), judged('valid-is-created', notCreated(500))];
    // Act
    for (const [i, c] of [...crashed, long].entries()) t.record(c, answer(c, 500), crash, i + 1);
    for (const [i, c] of created.entries()) t.record(c, answer(c, 201), [judged('valid-is-created')], i + 10);
    t.record(random, answer(random, 201), [judged('valid-is-created')], 20);
    const r = t.report(META);
    // Assert: one problem for the four, scoped and titled by what they carried, its example the plainest
    expect(r.problems!.map((p) => [p.scope, p.cases])).toEqual([
      ['valid requests with a number in properties', 4],
      ['valid/string/long', 1],
    ]);
    expect(r.problems![0].example.case.id).toBe('b1');
    expect(r.problems![0].title).toBe(
      'status 500 (server error) on valid requests with a number in properties (valid/any/properties/number and 3 more classes)',
    );
  });

  it('makes one problem of requests of any kind failing alike that were larger than any answered otherwise', () => {
    // Arrange: a body limit of 10 KiB answered 500 by a catch-all error handler: a long string, deep nesting and an
    // invalid body as big fail alike, three families; the small ones are created or refused.
    const t = tallyOf();
    const big = (n: number) => 'x'.repeat(n * 1024);
    const crash = [judged('not-a-server-error', SERVER), judged('valid-is-created', notCreated(500))];
    const small = invalid('b1', 'invalid/format/collectiveId', '{"type":"EV","collectiveId":"x"}', '/collectiveId');
    const failing = [
      valid('b2', 'valid/string/long-15000', `{"type":"EV","name":"${big(12)}"}`),
      valid('b3', 'valid/depth/10000/arrays', `{"type":"EV","properties":{"a":"${big(20)}"}}`),
      invalid('b4', 'invalid/format/owner', `{"type":"EV","owner":"${big(20)}"}`, '/owner'),
    ];
    // Act
    oneCreated(t);
    t.record(small, answer(small, 400), [judged('invalid-is-rejected')], 1);
    for (const [i, c] of failing.entries())
      t.record(c, answer(c, 500), c.kind === 'valid' ? crash : [judged('not-a-server-error', SERVER)], i + 2);
    const r = t.report(META);
    // Assert: one problem, scoped and titled by the size, its example the plainest
    expect(r.problems!.map((p) => [p.scope, p.cases])).toEqual([['requests with a body over 1 KiB', 3]]);
    expect(r.problems![0].title).toBe(
      'status 500 (server error) on requests with a body over 1 KiB (valid/string/long-15000 and 2 more classes)',
    );
  });

  it('keeps apart crashes of big requests where a request as big got another answer', () => {
    // Arrange: long strings overflow a column and deep nesting a stack, two bugs; an invalid body as big was refused.
    const t = tallyOf();
    const big = (n: number) => 'x'.repeat(n * 1024);
    const crash = [judged('not-a-server-error', SERVER), judged('valid-is-created', notCreated(500))];
    const refusedBig = invalid('b1', 'invalid/format/owner', `{"type":"EV","owner":"${big(30)}"}`, '/owner');
    const failing = [
      valid('b2', 'valid/string/long-15000', `{"type":"EV","name":"${big(12)}"}`),
      valid('b3', 'valid/depth/10000/arrays', `{"type":"EV","properties":{"a":"${big(20)}"}}`),
    ];
    // Act
    oneCreated(t);
    t.record(refusedBig, answer(refusedBig, 400), [judged('invalid-is-rejected')], 1);
    for (const [i, c] of failing.entries()) t.record(c, answer(c, 500), crash, i + 2);
    const r = t.report(META);
    // Assert
    expect(r.problems!.map((p) => p.scope)).toEqual(['valid/depth', 'valid/string/long']);
  });

  it('makes a null and a wrong value in the same echoed field one problem, naming the field', () => {
    const t = tallyOf();
    const at = '/data/entity/information/name';
    const a = valid('b1', 'valid/minimal', '{"type":"EV","name":"a"}');
    const b = valid('b2', 'valid/all-fields', '{"type":"EV","name":"b","identifier":"c"}');
    const created = (c: TestCase) => answer(c, 201);
    t.record(
      a,
      created(a),
      [judged('echo-entity-information', { ...fail('echo-null', CREATED, 'null', null, 'a'), at })],
      1,
    );
    t.record(
      b,
      created(b),
      [judged('echo-entity-information', { ...fail('echo-mismatch', CREATED, 'c', 'c', 'b'), at })],
      2,
    );
    const r = t.report(META);
    expect(r.problems!.map((p) => p.title)).toEqual([
      'data.entity.information.name: not the value sent (echo-entity-information, 201)',
    ]);
    expect(r.problems![0].at).toEqual([at]);
  });

  it('makes the failures about one value of the answer one problem, named by the schema’s (an enum written as 1)', () => {
    // Arrange: requestType written as the integer 1 (Newtonsoft's default for an enum, Mono probe): the schema's type
    // and enum keywords and the echo fail at /requestType; status is fine. Another value wrong stays apart.
    const t = tallyOf();
    const c = valid('b1', 'valid/minimal', '{"type":"EV","brand":"b"}');
    const schema = (keyword: string, at: string) => ({
      ...fail('schema-violation', `/components/schemas/R/properties${at}/${keyword}`, `201 body at ${at} ${keyword}`),
      at,
    });
    // Act
    t.record(
      c,
      answer(c, 201),
      [
        judged(
          'response-schema-conformance',
          schema('type', '/requestType'),
          schema('enum', '/requestType'),
          schema('format', '/id'),
        ),
        judged('echo-request-type', {
          ...fail('echo-mismatch', CREATED, '201 requestType: 1', 1, 'Entity'),
          at: '/requestType',
        }),
      ],
      1,
    );
    const r = t.report(META);
    // Assert: two problems, the first with all three of /requestType's failures
    expect(r.problems!.map((p) => [p.title, p.parts?.length])).toEqual([
      ['201 body at /id format', 1],
      ['201 body at /requestType type', 3],
    ]);
  });

  it('makes one problem of the resets of every kind to be refused where no invalid request was refused (a panic)', () => {
    // Arrange: serde's from_slice unwrapped (Rust probe): every refusal is a dropped connection, valid ones are created.
    const t = tallyOf();
    oneCreated(t);
    const dropped = [
      { ...valid('b1', 'invalid/type/brand/number', '{"brand":1,"type":"EV"}'), kind: 'schema-violation' as const },
      { ...valid('b2', 'malformed/truncated', '{"brand":'), kind: 'malformed-json' as const },
      { ...valid('b3', 'empty-body', ''), kind: 'empty-body' as const },
    ];
    // Act
    for (const [i, c] of dropped.entries()) recordLost(t, c, 'connection-reset', i + 1);
    // Assert: one problem, not one per kind
    expect(t.report(META).problems!.map((p) => [p.scope, p.cases])).toEqual([['every request to be refused', 3]]);
  });

  it('makes one problem of timeouts where one example hung alone again and another was answered alone', () => {
    // Arrange: a deep body blocks a single-threaded server; an empty body and a valid one in flight beside it timed out.
    const lost = (id: string, label: string, kind: TestCase['kind'], body: string): TestCase => ({
      ...valid(id, label, body),
      kind,
    });
    const deep = lost('b1', 'invalid/type/brand/nested-10000', 'schema-violation', `{"brand":${'['.repeat(50)}}`);
    const cases = [deep, lost('b2', 'empty-body', 'empty-body', ''), valid('b3', 'valid/http-1.0', '{"type":"EV"}')];
    const run = (alone: (c: TestCase) => Exchange) => {
      const t = tallyOf();
      oneCreated(t);
      const refusal = lost('b4', 'invalid/required/type', 'schema-violation', '{}');
      t.record(refusal, answer(refusal, 400), [judged('invalid-is-rejected')], 4);
      for (const [i, c] of cases.entries()) recordLost(t, c, 'timeout', i + 1);
      // Act: each example sent again alone
      for (const p of t.confirmable()) t.noteFresh(p, alone(p.case));
      return t.report(META).problems!.map((p) => [p.scope, p.cases, p.example.case.id, p.freshConnection]);
    };
    const timeout = (c: TestCase): Exchange => ({
      request: answer(c, 0).request,
      error: { kind: 'timeout', message: 'timeout' },
      durationMs: 1,
      rateLimited: 0,
    });
    // Assert: the deep one hung again, the others were answered: one problem, its example the one that hung
    expect(run((c) => (c === deep ? timeout(c) : answer(c, 400)))).toEqual([
      ['the requests left unanswered while the target answered others', 3, 'b1', undefined],
    ]);
    // Every one answered alone: nothing tells which blocked the others; each stays, saying what it got alone
    expect(run((c) => answer(c, 400)).map(([, , id, fresh]) => [id, fresh])).toEqual([
      ['b1', '400'],
      ['b2', '400'],
      ['b3', '400'],
    ]);
  });

  it('makes one problem of server errors that did not come again alone, and keeps one that did as its own', () => {
    // Arrange: a 500 to every 37th request (nginx + PHP-FPM probe) hit valid requests of four families; b4's 500 is a
    // crash on its own request (it comes again alone).
    const crashed = [
      valid('b1', 'valid/all-null/type/Meter', '{"type":"Meter"}'),
      valid('b2', 'valid/string/number-as-written', '{"type":"EV","name":"12"}'),
      valid('b3', 'valid/accept-encoding/deflate', '{"type":"EV","brand":"x"}'),
      valid('b4', 'valid/any/properties/deep', '{"type":"EV","properties":[[[]]]}'),
    ];
    const run = (alone: (c: TestCase) => Exchange) => {
      const t = tallyOf();
      oneCreated(t);
      for (const [i, c] of crashed.entries())
        t.record(
          c,
          answer(c, 500),
          [judged('not-a-server-error', SERVER), judged('valid-is-created', notCreated(500))],
          i + 1,
        );
      // Act: each example sent again alone
      for (const p of t.confirmable()) t.noteFresh(p, alone(p.case));
      return t.report(META).problems!.map((p) => [p.scope, p.cases, p.example.case.id, p.freshConnection, p.title]);
    };
    // Assert: three came and went, one problem titled so; the deep one stays a crash of its own
    expect(run((c) => answer(c, c.id === 'b4' ? 500 : 201))).toEqual([
      [
        'the requests whose server error came and went',
        3,
        'b1',
        '201',
        'status 500 (server error) that came and went: not again when sent alone (valid/all-null/type/Meter and 2 more classes)',
      ],
      ['valid/any', 1, 'b4', undefined, 'status 500 (server error) on valid/any/properties/deep'],
    ]);
    // Sent again, one went and the others got no answer (the target went down): nothing is said of those
    const lost = (c: TestCase): Exchange => ({
      request: answer(c, 0).request,
      error: { kind: 'connection-refused', message: 'refused' },
      durationMs: 1,
      rateLimited: 0,
    });
    const sentAgain = run((c) => (c.id === 'b1' ? answer(c, 201) : lost(c)));
    expect(Object.fromEntries(sentAgain.map(([, , id, fresh]) => [id, fresh]))).toEqual({
      b1: '201',
      b2: undefined,
      b3: undefined,
      b4: undefined,
    });
    // One went alone, the rest came again: nothing shows a server error that comes and goes; each stays its own
    expect(run((c) => answer(c, c.id === 'b1' ? 201 : 500)).map(([scope]) => scope)).not.toContain(
      'the requests whose server error came and went',
    );
  });

  it('makes one problem of the requests left unanswered once the run gave up: an outage, or a hang when it answered after', () => {
    // Arrange: an empty body and a deep invalid body left unanswered (two kinds); the deep one was the first in flight.
    const lostCase = (id: string, label: string, kind: TestCase['kind'], body: string): TestCase => ({
      ...valid(id, label, body),
      kind,
    });
    const cases = [
      lostCase(
        'b1',
        'invalid/type/brand/nested-1000',
        'schema-violation',
        `{"brand":${'['.repeat(50)}${']'.repeat(50)}}`,
      ),
      lostCase('b2', 'empty-body', 'empty-body', ''),
    ];
    const run = (answeredAfter?: number) => {
      const t = tallyOf();
      for (const [i, c] of cases.entries()) recordLost(t, c, 'timeout', i + 1);
      const gaveUp = {
        after: 8,
        message: 'gave up',
        suspects: ['b1 invalid/type/brand/nested-1000', 'b2 empty-body'],
        ...(answeredAfter === undefined ? {} : { answeredAfter }),
      };
      return t.report({ ...META, gaveUp }).problems!.map((p) => [p.scope, p.cases, p.example.case.id]);
    };
    // Act, assert: no answer after: the target went down, the first suspect is the example
    expect(run()).toEqual([['the requests left unanswered when the target went down', 2, 'b1']]);
    expect(run(503)).toEqual([['the requests left unanswered when the target went down', 2, 'b1']]);
    // A valid request created after: it hangs on these, and the plainest shows it
    expect(run(201)).toEqual([['the requests left unanswered while the target answered others', 2, 'b2']]);
  });

  it('shows an outage with the problem of its first suspect even where another case of its class is that problem’s example', () => {
    // Arrange: the deep body that killed the process (b9) failed in a problem shown with another case of its class
    // (b1); an empty body in flight beside it (b2), a problem of its own, is the second suspect (Hunchentoot probe).
    const t = tallyOf();
    const deep = { ...valid('b1', 'valid/depth/10000/objects', '{"type":"EV"}'), kind: 'valid' as const };
    const empty = { ...valid('b2', 'empty-body', ''), kind: 'empty-body' as const };
    recordLost(t, deep, 'connection-reset', 1);
    recordLost(t, empty, 'connection-reset', 2);
    const gaveUp = {
      after: 8,
      message: 'gave up',
      suspects: ['b9 valid/depth/10000/objects', 'b2 empty-body'],
    };
    // Act
    const problems = t.report({ ...META, gaveUp }).problems!;
    // Assert
    expect(problems.map((p) => [p.cases, p.example.case.id])).toEqual([[2, 'b1']]);
  });

  it('counts a 200 to an advisory request the server took for a valid one under 200 for 201, not as an auth problem', () => {
    // CherryPy took the last of two Authorization lines (advice) and answered every creation 200.
    const t = tallyOf();
    const v = valid('b1', 'valid/all-fields', '{"type":"EV"}');
    const twoLines: TestCase = {
      ...valid('b2', 'auth/two-authorization', '{"type":"EV"}'),
      kind: 'auth',
      advisory: 'a server that takes the last line answers 201, hence advice',
      accept: [400, 401, 403],
    };
    t.record(v, answer(v, 200), status200, 1);
    t.record(
      twoLines,
      answer(twoLines, 200),
      [
        {
          check: byName('auth-is-enforced'),
          outcome: 'fail',
          failures: [
            {
              check: 'auth-is-enforced',
              ...fail('unexpected-status', '/security', 'x', 200, [400]),
              severity: 'warning',
            },
          ],
        },
        status200[0],
      ],
      2,
    );
    const r = t.report(META);
    expect(r.problems!.map((p) => [p.title, p.classes])).toEqual([
      ['status 200 where 201 is due', ['auth/two-authorization', 'valid/all-fields']],
    ]);
  });

  it('says in a 413 problem’s title what 413 is, so that a size limit does not read as a validation bug', () => {
    const t = tallyOf();
    const c = valid('b1', 'valid/string/long-4096', '{"type":"EV","name":"x"}');
    t.record(c, answer(c, 413), [judged('valid-is-created', fail('unexpected-status', CREATED, 'x', 413, [201]))], 1);
    expect(t.report(META).problems!.map((p) => p.title)).toEqual([
      'status 413 (content too large; the spec sets no size limit) where 201 is due (valid/string/long-4096)',
    ]);
  });

  it('gives an echo problem the due value its example sent, not the first case’s', () => {
    const t = tallyOf();
    const at = '/data/entity/information/name';
    const first = valid('b1', 'valid/all-fields', '{"type":"EV","name":"first","identifier":"c"}');
    const plain = valid('b2', 'valid/minimal', '{"type":"EV","name":"plain"}');
    for (const [i, [c, sent]] of (
      [
        [first, 'first'],
        [plain, 'plain'],
      ] as const
    ).entries())
      t.record(
        c,
        answer(c, 201),
        [judged('echo-entity-information', { ...fail('echo-mismatch', CREATED, 'x', 'x', sent), at })],
        i + 1,
      );
    const [p] = t.report(META).problems!;
    expect(p.example.case.id).toBe('b2');
    expect(p.due).toBe('"plain"');
  });

  it('titles an accepted violation by field and rule in words, one problem for every class of the rule', () => {
    const t = createTally(
      checks,
      1,
      createWaiverBook([], 'url', '2026-01-01'),
      (s) => s,
      [],
      undefined,
      (p) => (p === UUID_RULE ? 'uuid' : undefined),
    );
    const rejected = (_c: TestCase) =>
      judged('invalid-is-rejected', fail('unexpected-status', UUID_RULE, 'Received: 201', 201, [400]));
    const a = invalid(
      'b1',
      'invalid/format/collectiveId/not-a-uuid',
      '{"type":"EV","collectiveId":"not-a-uuid"}',
      '/collectiveId',
    );
    const b = invalid('b2', 'invalid/format/collectiveId/empty', '{"type":"EV","collectiveId":""}', '/collectiveId');
    t.record(a, answer(a, 201), [rejected(a)], 1);
    t.record(b, answer(b, 201), [rejected(b)], 2);
    const r = t.report(META);
    expect(r.problems!.map((p) => p.title)).toEqual(['collectiveId: format uuid not enforced (201 to "")']);
  });

  it('counts a preflight invalid body accepted under the boundary problem of its rule; alone it keeps its scope', () => {
    const accepted = judged('invalid-is-rejected', fail('unexpected-status', UUID_RULE, 'Received: 201', 201, [400]));
    const preflight = invalid('p1', 'preflight/invalid-body', '{"collectiveId":"x"}', '/collectiveId', 'preflight');
    const boundary = invalid('b1', 'invalid/format/collectiveId/empty', '{"collectiveId":""}', '/collectiveId');
    // Another rule enforced: not every invalid request was accepted (that would be one run-wide problem).
    const refused = invalid('b2', 'invalid/enum/type/boat', '{"type":"Boat"}', '/type');
    const both = tallyOf();
    both.record(preflight, answer(preflight, 201), [accepted], 1);
    both.record(boundary, answer(boundary, 201), [accepted], 2);
    both.record(refused, answer(refused, 400), [], 3);
    const r = both.report(META);
    expect(r.problems!.map((p) => [p.scope, p.cases, p.classes])).toEqual([
      ['invalid/format', 2, ['invalid/format/collectiveId/empty', 'preflight/invalid-body']],
    ]);
    const alone = tallyOf();
    alone.record(preflight, answer(preflight, 201), [accepted], 1);
    alone.record(refused, answer(refused, 400), [], 2);
    expect(alone.report(META).problems!.map((p) => p.scope)).toEqual(['invalid/preflight']);
  });

  it('shows an array sent as an array, not as alternatives', () => {
    const t = createTally(checks, 1, createWaiverBook([], 'url', '2026-01-01'), (s) => s, []);
    const rule = '/components/schemas/Req/properties/pairingCode/type';
    const a = invalid(
      'b1',
      'invalid/type/pairingCode/array-of-number',
      '{"type":"EV","pairingCode":[0]}',
      '/pairingCode',
    );
    t.record(
      a,
      answer(a, 201),
      [judged('invalid-is-rejected', fail('unexpected-status', rule, 'Received: 201', 201, [400]))],
      1,
    );
    expect(t.report(META).problems![0].title).toMatch(/\(201 to \[0\]\)$/);
  });
});
