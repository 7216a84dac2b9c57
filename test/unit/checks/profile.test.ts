// The verdict profile of an operation: what the default operation's holds, the rules and rows made from it, and
// checks built from another profile citing that operation, not this one.
import { beforeAll, describe, expect, it } from 'vitest';
import { createChecks } from '../../../src/checks/index.ts';
import { judge } from '../../../src/checks/judge.ts';
import {
  DEFAULT_PROFILE,
  ENTITY_ONBOARDING,
  profileFor,
  PROFILES,
  type OperationProfile,
} from '../../../src/checks/profile.ts';
import { rowStatuses, rulesOf } from '../../../src/checks/rules.ts';
import { loadSpec, SpecError } from '../../../src/spec/load.ts';
import { DEFAULT_OPERATION } from '../../../src/spec/operation.ts';
import { buildValidators, type Validators } from '../../../src/validators/index.ts';
import { answer, CREATED, kase } from './fixture.ts';

const OP = '/paths/~1v1~1onboarding~1entities/post';

describe('the default operation profile', () => {
  it('is POST /v1/onboarding/entities, the only one the suite has', () => {
    expect(DEFAULT_PROFILE).toBe(ENTITY_ONBOARDING);
    expect(DEFAULT_PROFILE.operation).toEqual({ method: 'POST', path: '/v1/onboarding/entities' });
    expect(PROFILES).toEqual([ENTITY_ONBOARDING]);
    expect(profileFor({ ...DEFAULT_OPERATION, operationId: 'post-postentityonboardingasync' })).toBe(DEFAULT_PROFILE);
  });

  it.each<[keyof OperationProfile, unknown]>([
    ['success', 201],
    ['idPath', ['id']],
    ['requestType', { field: 'requestType', value: 'Entity' }],
  ])('%s is %j', (key, value) => {
    expect(DEFAULT_PROFILE[key]).toEqual(value);
  });

  // check, request field, where it comes back, compared when, how
  const echoes: [string, string, string, 'always' | 'given' | 'advice', 'json' | 'uuid'][] = [
    ['echo-entity-type', 'type', 'data.entity.type', 'always', 'json'],
    ...['type', 'brand', 'identifier', 'pairingCode', 'associatedEmail', 'name', 'track'].map(
      (k): [string, string, string, 'always', 'json'] => [
        'echo-entity-information',
        k,
        `data.entity.information.${k}`,
        'always',
        'json',
      ],
    ),
    ['echo-entity-information', 'brand', 'data.entity.reference.brand', 'advice', 'json'],
    ['echo-entity-information', 'identifier', 'data.entity.reference.identifier', 'advice', 'json'],
    ['echo-collective-id', 'collectiveId', 'data.entity.collectiveId', 'given', 'uuid'],
    ['echo-owner', 'owner', 'data.entity.owner', 'given', 'uuid'],
    ['echo-properties', 'properties', 'data.entity.properties', 'given', 'json'],
    ['echo-return-url', 'returnUrl', 'returnUrl', 'given', 'json'],
  ];
  it('has the echo map', () => {
    const rows = DEFAULT_PROFILE.echoes.flatMap((g) =>
      g.fields.map((f) => [g.name, f.request, f.response.join('.'), f.when, f.compare]),
    );
    expect(rows).toEqual(echoes);
  });

  it('makes the rules the rows cite and the statuses each row allows', () => {
    expect(rulesOf(DEFAULT_PROFILE)).toEqual({
      responses: `${OP}/responses`,
      created: `${OP}/responses/201`,
      badRequest: `${OP}/responses/400`,
      requestBody: `${OP}/requestBody`,
      requestContent: `${OP}/requestBody/content`,
      pathItem: '/paths/~1v1~1onboarding~1entities',
      security: '/security',
      bearerScheme: '/components/securitySchemes/bearerAuth',
    });
    expect(rowStatuses(DEFAULT_PROFILE)).toEqual({
      valid: [201],
      'schema-violation': [400],
      'malformed-json': [400],
      'empty-body': [400],
      auth: [401, 403],
      'media-type': [415, 400],
      method: [405],
      path: [404],
    });
  });

  it('builds the checks in report order', () => {
    expect(createChecks(DEFAULT_PROFILE).map((c) => c.name)).toEqual([
      'response-is-received',
      'not-a-server-error',
      'operation-method-is-allowed',
      'status-is-allowed',
      'valid-is-created',
      'invalid-is-rejected',
      'auth-is-enforced',
      'media-type-is-enforced',
      'media-types-agree',
      'method-is-not-allowed',
      'path-is-not-found',
      'content-type-conformance',
      'response-schema-conformance',
      'labelled-json-is-json',
      'unchunked-to-http-1-0',
      'coding-is-accepted',
      'answer-ends-as-framed',
      'close-is-honoured',
      'connection-is-reusable',
      'close-is-announced',
      'echo-request-type',
      'echo-entity-type',
      'echo-entity-information',
      'echo-collective-id',
      'echo-owner',
      'echo-properties',
      'echo-return-url',
      'created-is-now',
      'ids-are-assigned',
      'members-are-kept',
      'fills-are-own',
      'unique-id',
    ]);
    expect(createChecks().map((c) => c.name)).toEqual(createChecks(DEFAULT_PROFILE).map((c) => c.name));
  });

  it('refuses an operation it has no profile for in one line', () => {
    expect(() => profileFor({ method: 'GET', path: '/v1/onboarding/entities' })).toThrow(
      new SpecError(
        'no verdict profile for GET /v1/onboarding/entities: the suite judges POST /v1/onboarding/entities',
      ),
    );
  });
});

describe('checks built from another profile', () => {
  // A made-up operation: 200 due, the id under data, no request type, one echo.
  const OTHER: OperationProfile = {
    operation: { method: 'PUT', path: '/v1/onboarding/entities/{id}' },
    success: 200,
    idPath: ['data', 'entity', 'id'],
    echoes: [
      {
        name: 'echo-brand',
        description: 'the brand comes back',
        fields: [{ request: 'brand', response: ['brand'], when: 'given', compare: 'json' }],
      },
    ],
  };
  const OTHER_OP = '/paths/~1v1~1onboarding~1entities~1{id}/put';
  let validators: Validators;
  beforeAll(async () => {
    validators = buildValidators(await loadSpec('spec/openapi.yaml'));
  });
  // These read the document's responses, and the validators here are the default operation's: left out.
  const BY_DOCUMENT = ['status-is-allowed', 'content-type-conformance', 'response-schema-conformance'];
  const failuresOf = (checks: ReturnType<typeof createChecks>, status: number, body: unknown, id = 'b0001') =>
    judge(checks, { ...kase('valid'), id }, answer(status, body), { validators, mockTarget: false })
      .filter((j) => !BY_DOCUMENT.includes(j.check.name))
      .flatMap((j) => j.failures);

  it('cite its operation and hold its success status, not the default one', () => {
    const checks = createChecks(OTHER);
    expect(checks.map((c) => c.name)).not.toContain('echo-request-type');
    expect(checks.map((c) => c.name)).toContain('echo-brand');
    const created = failuresOf(checks, 201, {}).find((f) => f.check === 'valid-is-created');
    expect(created).toMatchObject({ rule: `${OTHER_OP}/responses/200`, received: 201, documented: [200] });
    expect(failuresOf(checks, 200, { brand: 'Audi' }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('compare its echo map and read the id where it says', () => {
    const checks = createChecks(OTHER);
    expect(failuresOf(checks, 200, { brand: 'BMW', requestType: 'Other' }).map((f) => [f.check, f.kind])).toEqual([
      ['echo-brand', 'echo-mismatch'],
    ]);
    const body = { brand: 'Audi', data: { entity: { id: 'same' } } };
    expect(failuresOf(checks, 200, body)).toEqual([]);
    expect(failuresOf(checks, 200, body, 'b0002')).toMatchObject([
      { check: 'unique-id', kind: 'duplicate-id', rule: `${OTHER_OP}/responses/200` },
    ]);
    // The default profile judges the same answers by its own map: the default operation's id is at the top.
    expect(failuresOf(createChecks(), 201, CREATED)).toEqual([]);
  });
});
