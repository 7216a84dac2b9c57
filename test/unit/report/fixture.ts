// A hand-made, realistic report: three failures (one found by shrinking), one waived failure, spec gaps, warnings,
// waivers that matched, went stale and expired, and bodies that test every writer's escaping.
import type { CheckSummary, Report, ReportedFailure, ReportedProblem } from '../../../src/report/model.ts';
import { toCurl } from '../../../src/report/curl.ts';

/** The token the fixture's run used: it appears nowhere but redacted, unless a test makes a field careless. */
export const TOKEN = 'tok_live_5f3c9a8e"&<b>1d4f60';

const OP = '/paths/~1v1~1onboarding~1entities/post';
const URL = 'https://sandbox.connect.example.com/connect/v1/onboarding/entities';

const request = (body: string | null, headers: Record<string, string> = {}) => ({
  method: 'POST',
  url: URL,
  headers: {
    accept: 'application/json',
    'user-agent': 'connect-onboarding-conformance/0.1.0',
    'content-type': 'application/json',
    authorization: 'Bearer [REDACTED]',
    ...headers,
  },
  body,
});

function failure(f: Omit<ReportedFailure, 'curl' | 'seed' | 'severity'>): ReportedFailure {
  return { ...f, severity: 'error', curl: toCurl(f.request), seed: 1234567 };
}

const tally = (passed: number, failed: number, waived: number, skipped: number) => ({
  passed,
  failed,
  waived,
  skipped,
});

function check(name: string, description: string, classes: Record<string, ReturnType<typeof tally>>): CheckSummary {
  const sum = tally(0, 0, 0, 0);
  for (const t of Object.values(classes)) {
    sum.passed += t.passed;
    sum.failed += t.failed;
    sum.waived += t.waived;
    sum.skipped += t.skipped;
  }
  return { name, description, ...sum, classes };
}

const ALL_LABELS = [
  'valid/application-json',
  'valid/text-json',
  'invalid/required/type',
  'invalid/enum/type',
  'malformed/truncated',
  'empty/no-body',
  'auth/none',
  'auth/wrong-token',
  'media-type/text-plain',
  'method/PUT',
] as const;

const everywhere = (passed: number) => Object.fromEntries(ALL_LABELS.map((l) => [l, tally(passed, 0, 0, 0)]));

export const FAILURES: readonly ReportedFailure[] = [
  failure({
    id: 'F1',
    check: 'valid-is-created',
    kind: 'unexpected-status',
    rule: `${OP}/responses/201`,
    message: 'a valid request was not created: Received: 400 / Due: 201',
    received: 400,
    documented: [201],
    case: {
      id: 'r0042',
      label: 'valid/application-json',
      kind: 'valid',
      phase: 'random',
      auth: 'valid',
      contentType: 'application/json',
    },
    request: request(
      '{"type":"Company","name":"Ölmühle <b>&amp; Söhne</b> — 株式会社","owner":"3f1c2a8e-0000-4000-8000-000000000001"}',
    ),
    response: {
      status: 400,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-81f2' },
      body: '{"errors":[{"code":"invalid","message":"name must not contain <script>alert(\\"x\\")</script>"}]}',
    },
    counterexamplePath: '41:0:0',
    occurrences: 7,
  }),
  failure({
    id: 'F2',
    check: 'invalid-is-rejected',
    kind: 'unexpected-status',
    rule: '/components/schemas/CreateEntityRequest/properties/type/enum',
    message: 'an invalid request was not rejected: Received: 201 / Due: 400',
    received: 201,
    documented: [400],
    case: {
      id: 'b0017',
      label: 'invalid/enum/type',
      kind: 'schema-violation',
      phase: 'boundary',
      auth: 'valid',
      contentType: 'application/json',
      violation: {
        keyword: 'enum',
        rule: '/components/schemas/CreateEntityRequest/properties/type/enum',
        instancePath: '/type',
      },
    },
    // Control characters (NUL, SOH, ESC, DEL), a quote and an apostrophe: illegal in XML 1.0, awkward in a shell.
    request: request('{"type":"Comp\u0000any\u0001\u001b[31m\u007f","name":"O\'Brien & \\"Partners\\""}'),
    response: {
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: '{"id":"9b2e","requestType":"Entity","note":"\u0000\ufffe"}',
    },
    counterexamplePath: null,
    occurrences: 1,
  }),
  failure({
    id: 'F3',
    check: 'response-is-received',
    kind: 'timeout',
    rule: `${OP}/responses`,
    message: 'no complete answer within 10000 ms',
    received: 'timeout',
    case: {
      id: 'b0031',
      label: 'malformed/truncated',
      kind: 'malformed-json',
      phase: 'boundary',
      auth: 'valid',
      contentType: 'application/json',
    },
    request: request('{"type":"Company","na'),
    response: null,
    error: { kind: 'timeout', message: 'no complete answer within 10000 ms' },
    counterexamplePath: null,
    occurrences: 2,
  }),
  failure({
    id: 'F4',
    check: 'auth-is-enforced',
    kind: 'unexpected-status',
    rule: '/security',
    message: 'credentials were not enforced: Received: 201 / Due: 401, 403',
    received: 201,
    documented: [401, 403],
    case: {
      id: 'b0005',
      label: 'auth/wrong-token',
      kind: 'auth',
      phase: 'boundary',
      auth: 'wrong',
      contentType: 'application/json',
    },
    request: request('{"type":"Company","name":"Acme"}', {
      authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJjb25mb3JtYW5jZS13cm9uZy10b2tlbiJ9.',
    }),
    response: { status: 201, headers: { 'content-type': 'application/json' }, body: '{"id":"77aa"}' },
    counterexamplePath: null,
    occurrences: 3,
    waivedBy: 'sandbox-accepts-any-bearer',
  }),
];

/** A problem of the fixture: one of its failures as the example, in the classes given. */
function problem(
  id: string,
  f: ReportedFailure,
  extra: Partial<ReportedProblem> & Pick<ReportedProblem, 'title' | 'received' | 'due' | 'cases'>,
): ReportedProblem {
  const { case: c, request, response, curl, seed, counterexamplePath } = f;
  const received = extra.received;
  return {
    id,
    signature: `received ${received} | ${f.check} ${f.kind} ${f.rule}`,
    checks: [f.check],
    kinds: [f.kind],
    rules: [f.rule],
    messages: [f.message],
    classes: [f.case.label],
    failures: [f.id],
    example: { case: c, request, response, ...(f.error ? { error: f.error } : {}), curl, seed, counterexamplePath },
    shrunk: f.case.phase === 'random',
    ...extra,
  };
}

/** The fixture's failures grouped by root cause: F1, F2 and F3 are one problem each (F4 is waived). */
export const PROBLEMS: readonly ReportedProblem[] = [
  problem('P1', FAILURES[0], { title: 'status 400 where 201 is due', received: '400', due: '201', cases: 7 }),
  problem('P2', FAILURES[2], {
    title: 'no complete answer within 10000 ms',
    received: 'timeout',
    due: '',
    cases: 2,
  }),
  problem('P3', FAILURES[1], { title: 'status 201 where 400 is due', received: '201', due: '400', cases: 1 }),
];

const checks: CheckSummary[] = [
  check('response-is-received', 'every request is answered (no timeout, reset or refused connection)', {
    ...everywhere(20),
    'malformed/truncated': tally(18, 2, 0, 0),
  }),
  check('not-a-server-error', 'no answer is a 5xx', everywhere(20)),
  check('status-is-allowed', 'every status is documented or allowed by the verdict profile', everywhere(20)),
  check('valid-is-created', 'a schema-valid request with valid credentials is answered 201', {
    'valid/application-json': tally(13, 7, 0, 0),
    'valid/text-json': tally(20, 0, 0, 0),
  }),
  check('invalid-is-rejected', 'a request with one schema violation, malformed JSON or an empty body is answered 400', {
    'invalid/required/type': tally(20, 0, 0, 0),
    'invalid/enum/type': tally(19, 1, 0, 0),
    'malformed/truncated': tally(18, 0, 0, 2),
    'empty/no-body': tally(20, 0, 0, 0),
  }),
  check('auth-is-enforced', 'missing, wrong, empty or non-Bearer credentials are answered 401 (403 accepted)', {
    'auth/none': tally(20, 0, 0, 0),
    'auth/wrong-token': tally(17, 0, 3, 0),
  }),
  check('media-type-is-enforced', 'an undeclared media type is answered 415 (400 accepted)', {
    'media-type/text-plain': tally(20, 0, 0, 0),
  }),
  check('method-is-not-allowed', 'another method on the path is answered 405', { 'method/PUT': tally(20, 0, 0, 0) }),
  check('echo-owner', 'data.entity.owner echoes the owner sent', {
    'valid/application-json': tally(13, 0, 0, 7),
    'valid/text-json': tally(20, 0, 0, 0),
  }),
];

/** The fixture report: it fails (three distinct failures and an expired waiver). */
export function fixtureReport(): Report {
  return {
    tool: { name: 'connect-onboarding-conformance', version: '0.1.0' },
    spec: { path: 'spec/openapi.yaml', sha256: '5d41402abc4b2a76b9719d911017c592e8f1c7a2d2b0f7e3c9a4b6d8e0f1a2b3' },
    operation: { method: 'POST', path: '/v1/onboarding/entities', operationId: 'post-postentityonboardingasync' },
    target: { kind: 'url', url: 'https://sandbox.connect.example.com/connect', mock: false, insecure: false },
    seed: 1234567,
    runs: 200,
    shard: null,
    interrupted: false,
    budgetExhausted: false,
    startedAt: '2025-05-06T07:08:09.000Z',
    complete: true,
    verdict: 'fails',
    verdictReasons: ['3 distinct failures (10 in all)', 'waiver legacy-415 expired on 2025-01-31'],
    summary: {
      cases: 213,
      requests: 229,
      failures: 10,
      waived: 3,
      passed: 200,
      rateLimited: 4,
      firstFailureAt: 12,
      durationMs: 12_345,
    },
    plan: Object.fromEntries(ALL_LABELS.map((l) => [l, 20])),
    checks: structuredClone(checks),
    coverage: [
      { pointer: '/components/schemas/CreateEntityRequest/properties/type', keyword: 'enum', valid: 120, invalid: 20 },
      { pointer: '/components/schemas/CreateEntityRequest', keyword: 'required', valid: 120, invalid: 20 },
    ],
    failures: structuredClone(FAILURES),
    problems: structuredClone(PROBLEMS),
    specGaps: [
      {
        status: 401,
        rule: `${OP}/responses`,
        message: '401 is allowed by the verdict profile but not documented by the spec',
        count: 40,
        example: 'auth/none',
      },
      {
        status: 415,
        rule: `${OP}/responses`,
        message: '415 is allowed by the verdict profile but not documented by the spec',
        count: 20,
        example: 'media-type/text-plain',
      },
    ],
    warnings: [
      {
        code: 'required-nullable',
        rule: '/components/schemas/CreateEntityRequest/properties/owner',
        message: 'owner is required and nullable: null is accepted',
      },
      {
        code: 'auth-is-enforced/missing-www-authenticate',
        rule: '/components/securitySchemes/bearerAuth',
        message: '401 has no WWW-Authenticate challenge (RFC 9110 §15.5.2) (40×)',
      },
    ],
    preflight: [
      { label: 'auth/none', expected: '401/403', received: '401', ok: true },
      { label: 'invalid/required/type', expected: '400', received: '400', ok: true },
    ],
    normalisations: [],
    waivers: [
      {
        id: 'sandbox-accepts-any-bearer',
        check: 'auth-is-enforced',
        case: 'auth/wrong*',
        reason: 'The sandbox accepts any well-formed bearer token (CONN-812).',
        owner: 'team-onboarding',
        matched: 3,
        expired: false,
        stale: false,
      },
      {
        id: 'old-echo-bug',
        check: 'echo-owner',
        reason: 'Owner was lower-cased before 2024-11.',
        owner: 'team-onboarding',
        matched: 0,
        expired: false,
        stale: true,
      },
      {
        id: 'legacy-415',
        check: 'media-type-is-enforced',
        reason: 'Legacy gateway answered 406.',
        owner: 'platform',
        expires: '2025-01-31',
        matched: 0,
        expired: true,
        stale: true,
      },
    ],
    created: ['9b2e0c1d-0000-4000-8000-00000000000a', '9b2e0c1d-0000-4000-8000-00000000000b'],
    createdCount: 2,
  };
}

/** A run that conforms: no failures, no expired waiver. */
export function conformingReport(): Report {
  const r = fixtureReport();
  return {
    ...r,
    verdict: 'conforms',
    verdictReasons: [],
    failures: [],
    problems: [],
    summary: { ...r.summary, failures: 0, waived: 0, passed: 213, firstFailureAt: null },
    checks: r.checks.map((c) => ({
      ...c,
      passed: c.passed + c.failed + c.waived,
      failed: 0,
      waived: 0,
      classes: Object.fromEntries(
        Object.entries(c.classes ?? {}).map(([l, t]) => [
          l,
          { ...t, passed: t.passed + t.failed + t.waived, failed: 0, waived: 0 },
        ]),
      ),
    })),
    waivers: [],
  };
}

/** The fixture with the token where a careless writer or provider put it: a body, a header, a message, a curl line. */
export function carelessReport(): Report {
  const r = fixtureReport();
  const [f1, ...rest] = r.failures;
  const careless: ReportedFailure = {
    ...f1,
    message: `token ${TOKEN} was refused`,
    received: { echoed: TOKEN },
    request: { ...f1.request, headers: { ...f1.request.headers, authorization: `Bearer ${TOKEN}` } },
    response: {
      status: 400,
      headers: { 'x-debug-token': TOKEN },
      body: JSON.stringify({ error: `bad token ${TOKEN}` }),
    },
    curl: `curl -H 'Authorization: Bearer ${TOKEN}'`,
  };
  const [p1, ...others] = r.problems ?? [];
  const { case: c, request, response, curl, seed, counterexamplePath } = careless;
  return {
    ...r,
    failures: [careless, ...rest],
    problems: [
      {
        ...p1,
        title: `token ${TOKEN} was refused`,
        messages: [careless.message],
        example: { case: c, request, response, curl, seed, counterexamplePath },
      },
      ...others,
    ],
    warnings: [...r.warnings, { code: 'careless', rule: '/security', message: `saw ${TOKEN}` }],
  };
}

/**
 * The fixture with its first failure's request and answer 100,000 characters long, and its curl line as long; the
 * first problem's example too.
 */
export function largeBodyReport(): { report: Report; id: string; problem: string } {
  const r = fixtureReport();
  const long = `{"name":"${'n'.repeat(100_000)}"}`;
  const enlarged = <T extends ReportedFailure | ReportedProblem['example']>(f: T): T => ({
    ...f,
    request: { ...f.request, body: long },
    ...(f.response ? { response: { ...f.response, body: long } } : {}),
    curl: `curl --data-binary '${long}'`,
  });
  const [first, ...rest] = r.failures;
  const [p, ...others] = r.problems ?? [];
  return {
    report: {
      ...r,
      failures: [enlarged(first), ...rest],
      problems: [{ ...p, example: enlarged(p.example) }, ...others],
    },
    id: first.id,
    problem: p.id,
  };
}
