// judge(): which checks run on a case, and what an advisory case softens: only its row check (the status it expects).
import { beforeAll, describe, expect, it } from 'vitest';
import { createChecks } from '../../../src/checks/index.ts';
import { judge, type Judged } from '../../../src/checks/judge.ts';
import type { TestCase } from '../../../src/generators/case.ts';
import type { Exchange } from '../../../src/types.ts';
import { loadSpec } from '../../../src/spec/load.ts';
import { buildValidators, type Validators } from '../../../src/validators/index.ts';
import { answer, err400, kase, timeout, with201 } from './fixture.ts';

const ADVICE = 'a rule beyond the profile';
const advisoryValid = kase('valid', { label: 'valid/format/owner/urn-uuid', advisory: ADVICE });
const advisoryAuth = kase('auth', { label: 'auth/none-invalid-body', auth: 'none', advisory: ADVICE });
const surrogate = kase('valid', {
  label: 'valid/surrogate/high/brand',
  body: '{"brand":"\\ud800","type":"EV"}',
  value: { brand: '\ud800', type: 'EV' },
  advisory: 'RFC 8259 §8.2',
});
const html = (status: number) => answer(status, '<html></html>', { 'content-type': 'text/html' });
const ECHO_SKIPPED = {
  'echo-request-type': 'skip',
  'echo-entity-type': 'skip',
  'echo-entity-information': 'skip',
  'echo-collective-id': 'skip',
  'echo-owner': 'skip',
  'echo-properties': 'skip',
  'echo-return-url': 'skip',
  'created-is-now': 'skip',
  'ids-are-assigned': 'skip',
  'members-are-kept': 'skip',
  'fills-are-own': 'skip',
  'unique-id': 'skip',
} as const;

type Outcome = 'pass' | 'skip' | 'fail' | 'warn';
// [what it shows, case, exchange, every applicable check that does not plainly pass → its outcome]
const table: [string, TestCase, Exchange, Record<string, Outcome>][] = [
  ['a valid case refused: the row fails', kase('valid'), err400, { 'valid-is-created': 'fail', ...ECHO_SKIPPED }],
  [
    'an advisory valid case refused with a documented 400: the row is a warning',
    advisoryValid,
    err400,
    { 'valid-is-created': 'warn', ...ECHO_SKIPPED },
  ],
  [
    'an advisory valid case answered 500: the 5xx and the undocumented status stay failures',
    advisoryValid,
    answer(500, 'oops', { 'content-type': 'text/plain' }),
    { 'valid-is-created': 'warn', 'not-a-server-error': 'fail', 'status-is-allowed': 'fail', ...ECHO_SKIPPED },
  ],
  [
    'an advisory valid case refused with an undocumented body: the response schema stays a failure',
    advisoryValid,
    answer(400, { title: 'Bad', status: 400 }),
    { 'valid-is-created': 'warn', 'response-schema-conformance': 'fail', ...ECHO_SKIPPED },
  ],
  [
    'an advisory valid case created with a wrong echo: the echo stays a failure',
    advisoryValid,
    with201((b) => ((b.data.entity.type = 'Battery'), b)),
    { 'echo-entity-type': 'fail' },
  ],
  [
    'a lone surrogate refused with 400: a warning (RFC 8259 §8.2)',
    surrogate,
    err400,
    { 'valid-is-created': 'warn', ...ECHO_SKIPPED },
  ],
  [
    'a lone surrogate answered 500: a failure',
    surrogate,
    answer(500, '{}'),
    { 'valid-is-created': 'warn', 'not-a-server-error': 'fail', 'status-is-allowed': 'fail', ...ECHO_SKIPPED },
  ],
  [
    'an advisory anonymous invalid body validated first: the row is a warning',
    advisoryAuth,
    err400,
    { 'auth-is-enforced': 'warn' },
  ],
  [
    'an advisory anonymous invalid body answered with an HTML page: the content type stays a failure',
    advisoryAuth,
    html(400),
    { 'auth-is-enforced': 'warn', 'content-type-conformance': 'fail', 'response-schema-conformance': 'fail' },
  ],
  [
    'a transport failure: response-is-received fails, the checks that need an answer skip',
    kase('schema-violation'),
    timeout,
    {
      'response-is-received': 'fail',
      'not-a-server-error': 'skip',
      'operation-method-is-allowed': 'skip',
      'status-is-allowed': 'skip',
      'invalid-is-rejected': 'skip',
      'content-type-conformance': 'skip',
      'response-schema-conformance': 'skip',
      'labelled-json-is-json': 'skip',
    },
  ],
];

let validators: Validators;
beforeAll(async () => {
  validators = buildValidators(await loadSpec('spec/openapi.yaml'));
});

function outcomeOf(j: Judged): Outcome {
  if (j.outcome !== 'pass') return j.outcome;
  return j.failures.length > 0 ? 'warn' : 'pass';
}

describe('judge', () => {
  it.each(table)('%s', (_what, c, ex, expected) => {
    const judged = judge(createChecks(), c, ex, { validators, mockTarget: false });
    const got = Object.fromEntries(judged.map((j) => [j.check.name, outcomeOf(j)]).filter(([, o]) => o !== 'pass'));
    expect(got).toEqual(expected);
    // The engine stamps each finding with the registry's name of its check.
    for (const j of judged) for (const f of j.failures) expect(f.check).toBe(j.check.name);
  });

  it('runs only the checks that apply, in the order of the registry', () => {
    const names = (c: TestCase) =>
      judge(createChecks(), c, answer(400, {}), { validators, mockTarget: false }).map((j) => j.check.name);
    expect(names(kase('method', { method: 'GET' }))).toEqual([
      'response-is-received',
      'not-a-server-error',
      'status-is-allowed',
      'method-is-not-allowed',
      'labelled-json-is-json',
      'close-is-announced',
    ]);
    expect(names(kase('schema-violation'))).toContain('response-schema-conformance');
    expect(names(kase('valid'))).toContain('unique-id');
  });

  it('a softened finding keeps its kind and rule, is a warning and says why', () => {
    const [row] = judge(createChecks(), advisoryValid, err400, { validators, mockTarget: false }).filter(
      (j) => j.check.name === 'valid-is-created',
    );
    expect(row.failures).toEqual([
      {
        check: 'valid-is-created',
        kind: 'unexpected-status',
        severity: 'warning',
        rule: '/paths/~1v1~1onboarding~1entities/post/responses/201',
        message: `a valid request was not created: Received: 400 / Due: 201 (advisory: ${ADVICE})`,
        received: 400,
        documented: [201],
      },
    ]);
  });

  it('every check declares whether it is a row of the verdict table or a rule for every request', () => {
    const rows = createChecks()
      .filter((k) => k.scope === 'row')
      .map((k) => k.name);
    expect(rows).toEqual([
      'valid-is-created',
      'invalid-is-rejected',
      'auth-is-enforced',
      'media-type-is-enforced',
      'method-is-not-allowed',
      'path-is-not-found',
    ]);
  });
});
