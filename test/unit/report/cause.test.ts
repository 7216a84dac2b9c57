import { describe, expect, it } from 'vitest';
import type { Failure } from '../../../src/checks/types.ts';
import { HTTP_10_FAMILY, type TestCase, type Wire } from '../../../src/generators/case.ts';
import { causesOf, familyOf, memberNamedBy, plainer, plainness, slipOf } from '../../../src/report/cause.ts';

const RESPONSES = '/paths/~1v1~1onboarding~1entities/post/responses';
const serverError: Failure = {
  check: 'not-a-server-error',
  kind: 'server-error',
  severity: 'error',
  rule: RESPONSES,
  message: 'a server error',
  received: '500',
  documented: '201',
};

const validCase = (label: string) => ({ kind: 'valid' as const, label, phase: 'boundary' as const });
const refusedCase = (kind: 'schema-violation' | 'auth' | 'malformed-json', label: string) => ({
  kind,
  label,
  phase: 'boundary' as const,
});
const statusFailure = (check: string, received: string, documented: string): Failure => ({
  check,
  kind: 'unexpected-status',
  severity: 'error',
  rule: `${RESPONSES}/${documented}`,
  message: `Received: ${received}`,
  received,
  documented,
});
const scopeOf = (c: Parameters<typeof causesOf>[0], answer: string, f: Failure) => causesOf(c, answer, [f])[0].scope;

describe('familyOf', () => {
  it.each([
    ['valid', 'valid/string/cjk', 'valid/string'],
    ['valid', 'valid/string/emoji', 'valid/string'],
    ['valid', 'valid/string/long-256', 'valid/string/long'],
    ['valid', 'valid/string/long-65536', 'valid/string/long'],
    ['valid', 'valid/string/length-257', 'valid/string/long'],
    ['schema-violation', 'invalid/format/owner/braces', 'invalid/format'],
    ['malformed-json', 'malformed/truncated', 'malformed'],
  ] as const)('%s %s is of %s', (kind, label, family) => {
    expect(familyOf({ kind, label })).toBe(family);
  });

  it('takes the family a class gives its cases over the label (every media-type spelling is one family)', () => {
    expect(familyOf({ kind: 'valid', label: 'valid/text-json', family: 'valid/media' })).toBe('valid/media');
  });
});

describe('causesOf', () => {
  it('a 500 on a long string and a 500 on other characters are two causes; the long variants one', () => {
    // Act
    const [long256] = causesOf(validCase('valid/string/long-256'), '500', [serverError]);
    const [long4096] = causesOf(validCase('valid/string/long-4096'), '500', [serverError]);
    const [emoji] = causesOf(validCase('valid/string/emoji'), '500', [serverError]);
    // Assert
    expect(long256.signature).toBe(long4096.signature);
    expect(long256.signature).not.toBe(emoji.signature);
    expect(long256.core).toBe(emoji.core);
  });

  // One wrong status is one problem whatever the request: the scope a status cause is counted in.
  it.each([
    [
      'a 422 where 400 is due, in every invalid family',
      refusedCase('schema-violation', 'invalid/format/owner/braces'),
      '422',
      statusFailure('invalid-is-rejected', '422', '400'),
      '',
    ],
    [
      'the same 422 to malformed JSON',
      refusedCase('malformed-json', 'malformed/truncated'),
      '422',
      statusFailure('invalid-is-rejected', '422', '400'),
      '',
    ],
    [
      'an invalid request created: which rule went unchecked',
      refusedCase('schema-violation', 'invalid/format/owner/braces'),
      '201',
      statusFailure('invalid-is-rejected', '201', '400'),
      'invalid/format',
    ],
    [
      'a request without valid credentials created, whichever they were',
      refusedCase('auth', 'auth/near-token/suffix'),
      '201',
      statusFailure('auth-is-enforced', '201', '401'),
      'auth',
    ],
    [
      'a valid request refused: what it carried',
      validCase('valid/string/emoji'),
      '400',
      statusFailure('valid-is-created', '400', '201'),
      'valid/string',
    ],
    ['200 for 201', validCase('valid/string/emoji'), '200', statusFailure('valid-is-created', '200', '201'), ''],
    [
      'a 500 to a refused request: one crash for its kind (a handler answering 500 to every error it does not know)',
      refusedCase('auth', 'auth/near-token/suffix'),
      '500',
      serverError,
      'auth',
    ],
    [
      'the same to an invalid body of any rule',
      refusedCase('schema-violation', 'invalid/format/owner/braces'),
      '500',
      serverError,
      'invalid',
    ],
    ['a 500 to a valid request: its family', validCase('valid/depth/10000/objects'), '500', serverError, 'valid/depth'],
  ] as const)('%s: scope %j', (_what, c, answer, f, scope) => {
    expect(scopeOf(c, answer, f)).toBe(scope);
  });

  it('names an advisory case’s cause by its error, not by the row finding softened to a warning', () => {
    const softened = { ...statusFailure('invalid-is-rejected', '200', '400'), severity: 'warning' as const };
    const undocumented = statusFailure('status-is-allowed', '200', '201');
    const [cause] = causesOf(refusedCase('malformed-json', 'malformed/invalid-utf8/ff/brand'), '200', [
      softened,
      undocumented,
    ]);
    expect(cause.primary).toBe(undocumented);
    expect(cause.failures).toHaveLength(2);
  });

  it('makes one cause of a 422 for 400 whatever rule the request broke, and of 200 for 201 advisory or not', () => {
    const refused = (label: string, rule: string) =>
      causesOf(refusedCase('schema-violation', label), '422', [
        { ...statusFailure('invalid-is-rejected', '422', '400'), rule },
      ])[0].signature;
    expect(refused('invalid/format/owner/braces', '/c/s/properties/owner/format')).toBe(
      refused('invalid/enum/type/lowercase', '/c/s/properties/type/enum'),
    );
    const advisoryRefused = causesOf(refusedCase('malformed-json', 'malformed/invalid-utf8/ff/brand'), '422', [
      { ...statusFailure('invalid-is-rejected', '422', '400'), severity: 'warning' },
      statusFailure('status-is-allowed', '422', '400'),
    ])[0].signature;
    expect(advisoryRefused).toBe(refused('invalid/format/owner/braces', '/c/s/properties/owner/format'));
    const created200 = statusFailure('valid-is-created', '200', '201');
    const undocumented = statusFailure('status-is-allowed', '200', '201');
    const plain = causesOf(validCase('valid/minimal'), '200', [created200, undocumented])[0];
    const advisory = causesOf(validCase('valid/auth-lowercase-scheme'), '200', [
      { ...created200, severity: 'warning' },
      undocumented,
    ])[0];
    expect(advisory.signature).toBe(plain.signature);
  });
});

describe('causesOf, a refusal given an undocumented 4xx', () => {
  const undocumented = (received: string): Failure => ({
    ...statusFailure('status-is-allowed', received, '201'),
    kind: 'undocumented-status',
  });
  const signature = (c: Parameters<typeof causesOf>[0], row: Failure) =>
    causesOf(c, '422', [row, undocumented('422')])[0].signature;
  const invalid = signature(
    refusedCase('schema-violation', 'invalid/required/brand'),
    statusFailure('invalid-is-rejected', '422', '400'),
  );

  it('is one cause on invalid requests, advisory ones and valid ones a 400 was allowed to', () => {
    const advisory = signature(
      { ...validCase('valid/format/owner/urn-uuid'), advisory: 'ajv-formats only' },
      { ...statusFailure('valid-is-created', '422', '201'), severity: 'warning' },
    );
    const refusable = signature(
      { ...validCase('valid/depth/10000/objects'), accept: [201, 400] },
      statusFailure('valid-is-created', '422', '201'),
    );
    expect(advisory).toBe(invalid);
    expect(refusable).toBe(invalid);
    expect(invalid).toBe('received 422 | invalid-is-rejected unexpected-status');
  });

  it('is one cause on an undeclared media type too (webargs answers 422 to both), known before by its row', () => {
    const [media] = causesOf({ kind: 'media-type', label: 'media/text-plain', phase: 'boundary' }, '422', [
      statusFailure('media-type-is-enforced', '422', '415'),
      undocumented('422'),
    ]);
    expect(media.signature).toBe(invalid);
    expect(media.alsoKnownAs).toBe('received 422 | media-type-is-enforced unexpected-status');
  });

  it('is one cause for a size limit (413) on any valid request, known before by its family', () => {
    const [limit] = causesOf(validCase('valid/string/long-15000'), '413', [
      statusFailure('valid-is-created', '413', '201'),
      undocumented('413'),
    ]);
    expect(limit.signature).toBe('received 413 | invalid-is-rejected unexpected-status');
    expect(limit.alsoKnownAs).toMatch(
      /^received 413 \| valid-is-created unexpected-status .* \| in valid\/string\/long$/,
    );
  });

  it('leaves a valid request that may not be refused a problem of its own (refused, whatever the status)', () => {
    const refused = signature(validCase('valid/string/long-256'), statusFailure('valid-is-created', '422', '201'));
    expect(refused).not.toBe(invalid);
    expect(refused).toMatch(/valid-is-created/);
  });
});

describe('memberNamedBy: the field an error answer names', () => {
  const SENT = ['brand', 'type', 'name', 'properties', 'collectiveId'];
  it.each([
    [
      'zod',
      '{"errors":[{"code":"invalid_type","message":"properties: Invalid input: expected record, received array"}]}',
      'properties',
    ],
    ['Joi', '{"errors":[{"message":"\\"properties\\" must be of type object"}]}', 'properties'],
    [
      'Ajv’s keyword copied into the error (Fastify + TypeBox probe)',
      '{"errors":[{"code":"FST_ERR_VALIDATION","description":"type","message":"/brand must be string"}]}',
      'brand',
    ],
    [
      'Ajv’s keyword as a dotted code (Koa + Ajv probe)',
      '{"errors":[{"code":"schema.type","message":"/brand must be string"}]}',
      'brand',
    ],
    [
      'Ajv’s keyword as the code of two nulls refused (LoopBack probe): two members, not `type`',
      '{"errors":[{"code":"type","message":"/brand must be string"},{"code":"type","message":"/name must be string"}]}',
      undefined,
    ],
    [
      'the member type itself, by pydantic’s loc',
      '{"detail":[{"loc":["body","type"],"msg":"value is not a valid enumeration member"}]}',
      'type',
    ],
    ['class-validator', '{"errors":[{"message":"properties must be an object"}]}', 'properties'],
    [
      'pydantic loc',
      '{"detail":[{"loc":["body","properties"],"msg":"value is not a valid dict","type":"type_error.dict"}]}',
      'properties',
    ],
    [
      'express-validator',
      '{"errors":[{"type":"field","msg":"Invalid value","path":"properties","location":"body"}]}',
      'properties',
    ],
    [
      'ASP.NET',
      '{"errors":{"$.properties":["The JSON value could not be converted."]},"title":"One or more validation errors occurred."}',
      'properties',
    ],
    [
      'Go',
      'json: cannot unmarshal array into Go struct field Request.properties of type map[string]interface {}',
      'properties',
    ],
    [
      'Go validator: the struct field, in another case',
      '{"errors":[{"message":"Key: \'Request.CollectiveId\' Error:Field validation for \'CollectiveId\' failed on the \'uuid\' tag"}]}',
      'collectiveId',
    ],
    ['a pointer', '{"errors":[{"code":"x","message":"/collectiveId must match format \\"uuid\\""}]}', 'collectiveId'],
    [
      'Effect: a path first, though the message prints every member',
      '{"errors":[{"code":"Refinement","description":"data.entity.collectiveId","message":"Expected a UUID, actual \\"\\""},{"code":"Type","description":"data.entity","message":"Expected undefined, actual {\\"brand\\":\\"b\\",\\"type\\":\\"EV\\",\\"collectiveId\\":\\"\\"}"}]}',
      'collectiveId',
    ],
    ['a path in brackets', '{"errors":[{"path":"$[\'properties\']","message":"bad"}]}', 'properties'],
    ['a word in a sentence only', '{"errors":[{"message":"Invalid type: expected a name"}]}', undefined],
    ['two fields', '{"errors":[{"message":"brand: required"},{"message":"type: required"}]}', undefined],
    ['none', '{"errors":[{"code":"bad_request","message":"Bad Request"}]}', undefined],
    ['a longer word', '{"errors":[{"message":"\\"brandName\\" is not allowed"}]}', undefined],
    [
      'a camelCase name in a sentence (Spring’s field error of an @AssertTrue getter)',
      '{"errors":[{"message":"collectiveIdValid: collectiveId must be a well-formed uuid"}]}',
      'collectiveId',
    ],
    ['a camelCase name inside a longer one only', '{"errors":[{"message":"collectiveIdValid: bad"}]}', undefined],
  ])('%s', (_stack, body, named) => {
    expect(memberNamedBy(body, SENT)).toBe(named);
  });
});

describe('causesOf, a valid request refused for a field its answer names', () => {
  const refused = statusFailure('valid-is-created', '400', '201');
  it('keeps its family (every nullable field refused is one bug) and names the field', () => {
    const [collectiveId] = causesOf(validCase('valid/null/collectiveId'), '400', [refused], 'collectiveId');
    const [owner] = causesOf(validCase('valid/null/owner'), '400', [refused], 'owner');
    const [unnamed] = causesOf(validCase('valid/null/owner'), '400', [refused]);
    expect(collectiveId.signature).toBe(owner.signature);
    expect(owner.signature).toBe(unnamed.signature);
    expect(owner.signature).toMatch(/ \| in valid\/null$/);
    expect([collectiveId.at, owner.at, unnamed.at]).toEqual([['/collectiveId'], ['/owner'], []]);
    expect(owner.alsoKnownAs).toBeUndefined();
    // Every nullable member null at once is about each: the member its answer named first does not scope it (Bottle).
    const [all] = causesOf({ ...validCase('valid/all-null'), family: 'valid/null' }, '400', [refused], 'collectiveId');
    expect(all.signature).toBe(owner.signature);
    expect(all.at).toEqual(['/collectiveId']);
    expect(all.alsoKnownAs).toBe(`${all.core} | in /collectiveId`);
  });

  it('is the field’s problem in every family that is not about that field, known to older baselines by its family', () => {
    const [long] = causesOf(validCase('valid/string/long-256'), '400', [refused], 'associatedEmail');
    const [cjk] = causesOf(validCase('valid/string/cjk'), '400', [refused], 'associatedEmail');
    const [escaped] = causesOf(validCase('valid/unicode-escaped'), '400', [refused], 'associatedEmail');
    expect(new Set([long.signature, cjk.signature, escaped.signature]).size).toBe(1);
    expect(long.signature).toMatch(/ \| in \/associatedEmail$/);
    expect(long.alsoKnownAs).toMatch(/ \| in valid\/string\/long$/);
    expect(escaped.alsoKnownAs).toMatch(/ \| in valid\/unicode-escaped$/);
  });

  it('makes a shape of an untyped field refused for that field the field’s problem, as its depth cases are', () => {
    // Servant's Object for properties: an array refused at valid/any/properties/array and at valid/depth/10/arrays.
    const [shape] = causesOf(validCase('valid/any/properties/array'), '400', [refused], 'properties');
    const [depth] = causesOf(validCase('valid/depth/10/arrays'), '400', [refused], 'properties');
    expect(shape.signature).toBe(depth.signature);
    expect(shape.scope).toBe('/properties');
    // A format class stays its family's: one uuid rule refused for collectiveId and owner is one problem.
    const [owner] = causesOf(validCase('valid/format/owner/uppercase'), '400', [refused], 'owner');
    const [collective] = causesOf(validCase('valid/format/collectiveId/uppercase'), '400', [refused], 'collectiveId');
    expect(owner.signature).toBe(collective.signature);
  });

  it('makes a redirect to every valid request one cause, and a 500 to an empty body the malformed bodies’ one', () => {
    const redirect = statusFailure('valid-is-created', '303', '201');
    const [any] = causesOf(validCase('valid/any/properties/array'), '303', [redirect]);
    const [media] = causesOf(validCase('valid/text-json'), '303', [redirect]);
    expect(any.signature).toBe(media.signature);
    expect(any.alsoKnownAs).toMatch(/ \| in valid\/any$/);
    const [empty] = causesOf({ kind: 'empty-body', label: 'empty-body', phase: 'boundary' }, '500', [serverError]);
    const [malformed] = causesOf(refusedCase('malformed-json', 'malformed/truncated'), '500', [serverError]);
    expect(empty.signature).toBe(malformed.signature);
    expect(empty.alsoKnownAs).toMatch(/ \| in empty-body$/);
    expect(malformed.alsoKnownAs).toBeUndefined();
  });

  it('makes a conflict (409) to any valid request one cause, refusable or not, known to older baselines by its family', () => {
    const conflict = statusFailure('valid-is-created', '409', '201');
    const undocumented: Failure = { ...conflict, check: 'status-is-allowed', kind: 'undocumented-status' };
    const [media] = causesOf(validCase('valid/text-json'), '409', [conflict]);
    const [framing] = causesOf(validCase('valid/framing/chunked'), '409', [conflict]);
    const [refusable] = causesOf({ ...validCase('valid/query-members'), accept: [201, 400] }, '409', [
      conflict,
      undocumented,
    ]);
    expect(media.signature).toBe(framing.signature);
    expect(refusable.signature).toBe(media.signature);
    expect(media.scope).toBe('');
    expect(framing.alsoKnownAs).toMatch(/ \| in valid\/framing$/);
  });

  it('makes the valid token refused in another spelling one cause with the scheme’s case, known before by its label', () => {
    // One reader of the field by a literal (`startsWith('Bearer ')`, `slice(7)`) refuses both (Bun and Deno probes).
    const refused = statusFailure('valid-is-created', '401', '201');
    const family = 'valid/auth-lowercase-scheme';
    const [scheme] = causesOf({ ...validCase('valid/auth-lowercase-scheme'), family }, '401', [refused]);
    const [spaces] = causesOf({ ...validCase('valid/auth/two-spaces'), family }, '401', [refused]);
    expect(spaces.signature).toBe(scheme.signature);
    expect(scheme.alsoKnownAs).toBeUndefined();
    expect(spaces.alsoKnownAs).toBe(`${spaces.core} | in valid/auth`);
  });

  it('makes a 405 to the operation’s own method one cause whatever the class, known before by the row’s', () => {
    const refused: Failure = {
      check: 'operation-method-is-allowed',
      kind: 'method-refused',
      severity: 'error',
      rule: '/paths/~1v1~1onboarding~1entities/post',
      message: '405 to POST',
      received: '405',
    };
    const row = statusFailure('valid-is-created', '405', '201');
    const [accept] = causesOf({ ...validCase('valid/accept/text-html'), advisory: 'advice' }, '405', [
      refused,
      { ...row, severity: 'warning' },
    ]);
    const [media] = causesOf(refusedCase('schema-violation', 'invalid/required/brand'), '405', [
      refused,
      statusFailure('invalid-is-rejected', '405', '400'),
    ]);
    expect(accept.signature).toBe('received 405 | operation-method-is-allowed method-refused');
    expect(media.signature).toBe(accept.signature);
    expect(accept.primary).toBe(refused);
    expect(media.alsoKnownAs).toBe('received 405 | invalid-is-rejected unexpected-status');
  });

  it('makes a 500 to any valid request a server may refuse one cause, and a preflight’s one of its kind', () => {
    const [depth] = causesOf({ ...validCase('valid/depth/10000/arrays'), accept: [201, 400] }, '500', [serverError]);
    const [bom] = causesOf({ ...validCase('valid/encoding/bom'), advisory: 'RFC 8259 §8.1' }, '500', [serverError]);
    expect(depth.signature).toBe(bom.signature);
    expect(depth.scope).toBe('valid/refusable');
    expect(depth.alsoKnownAs).toMatch(/ \| in valid\/depth$/);
    const [preflight] = causesOf(refusedCase('schema-violation', 'preflight/invalid-body'), '500', [serverError]);
    const [invalid] = causesOf(refusedCase('schema-violation', 'invalid/type/brand/number'), '500', [serverError]);
    expect(preflight.signature).toBe(invalid.signature);
    expect(preflight.alsoKnownAs).toMatch(/ \| in preflight$/);
  });

  it('keeps a 500 to a valid request as HTTP/1.0 apart: only its refusal is advice (a Host read by the handler)', () => {
    const http10 = { ...validCase('valid/http-1.0/no-host'), advisory: 'RFC 9112 §3.2', family: HTTP_10_FAMILY };
    const [crash] = causesOf(http10, '500', [serverError]);
    expect(crash.scope).toBe('valid/http-1.0');
    expect(crash.alsoKnownAs).toBeUndefined();
  });

  it('makes no answer to any request to be refused one cause per kind, known to older baselines by its family', () => {
    // Arrange: an async auth middleware that never calls next on a refusal (ts-rest probe: 20 problems).
    const lost: Failure = { ...serverError, check: 'response-is-received', kind: 'timeout', received: 'timeout' };
    // Act
    const [none] = causesOf(refusedCase('auth', 'auth/none'), 'timeout', [lost]);
    const [basic] = causesOf(refusedCase('auth', 'auth/basic'), 'timeout', [lost]);
    const [valid] = causesOf(validCase('valid/string/long-256'), 'timeout', [lost]);
    // Assert
    expect([none.scope, basic.scope, valid.scope]).toEqual(['auth', 'auth', 'valid/string/long']);
    expect(none.alsoKnownAs).toBe(`${none.core} | in auth/none`);
  });

  it('leaves a server error by its family, whatever the answer names', () => {
    expect(causesOf(validCase('valid/any/properties/array'), '500', [serverError], 'properties')[0].scope).toBe(
      'valid/any',
    );
  });
});

describe('causesOf, content', () => {
  const content = (check: string, kind: string, rule: string): Failure => ({
    check,
    kind,
    severity: 'error',
    rule,
    message: `${check} ${kind}`,
  });
  const html = content('content-type-conformance', 'undocumented-content-type', `${RESPONSES}/400/content`);
  const notJson = content('response-schema-conformance', 'not-json', `${RESPONSES}/400/content/application~1json`);

  it('an answer without a Content-Type is one cause whatever its status, known before by its status’s', () => {
    // Arrange: Beast's example server sets no Content-Type on any answer.
    const none = (status: string): Failure => ({
      ...content('content-type-conformance', 'undocumented-content-type', `${RESPONSES}/${status}/content`),
      received: null,
    });
    // Act
    const [refused] = causesOf(refusedCase('schema-violation', 'invalid/required/brand'), '400', [none('400')]);
    const [created] = causesOf(validCase('valid/minimal'), '201', [none('201')]);
    // Assert
    expect(refused.signature).toBe(created.signature);
    expect(refused.core).toMatch(/^any status \| /);
    expect(refused.alsoKnownAs).toBe(
      `received 400 | content-type-conformance undocumented-content-type ${RESPONSES}/400/content`,
    );
  });

  it('a next request left unanswered is one cause whatever the message before it was answered, known before by its status', () => {
    // Arrange: a chunked reader that leaves the last chunk's empty line spoils the next request after a 201 and a 401 alike.
    const unanswered = content('connection-is-reusable', 'next-request-unanswered', 'RFC 9112 §6.3');
    // Act
    const [created] = causesOf(validCase('valid/framing/chunked'), '201', [unanswered]);
    const [refused] = causesOf(refusedCase('auth', 'auth/connection/after-unread-chunked-body'), '401', [unanswered]);
    // Assert
    expect(refused.signature).toBe(created.signature);
    expect(created.core).toBe('any status | connection-is-reusable next-request-unanswered RFC 9112 §6.3');
    expect(refused.alsoKnownAs).toBe('received 401 | connection-is-reusable next-request-unanswered RFC 9112 §6.3');
  });

  it('an error page in HTML is one cause, named by its Content-Type, the body that is not JSON with it', () => {
    // Act
    const causes = causesOf(refusedCase('schema-violation', 'invalid/required/brand'), '400', [notJson, html]);
    // Assert
    expect(causes.map((c) => c.primary)).toEqual([html]);
    expect(causes[0].failures).toEqual([html, notJson]);
  });

  it('a valid request refused is one cause with what its answer says (a text/plain 400 from the HTTP parser)', () => {
    // Arrange: fasthttp 1.31 refuses a chunk extension with its own text/plain 400.
    const refusal = statusFailure('valid-is-created', '400', '201');
    // Act
    const causes = causesOf(validCase('valid/framing/chunk-extension'), '400', [refusal, html, notJson]);
    // Assert
    expect(causes.map((c) => c.primary)).toEqual([refusal]);
    expect(causes[0].failures).toEqual([refusal, html, notJson]);
  });

  /** A schema failure of the 201 at `at`: `keyword`'s params documented, `value` received. */
  const schema = (at: string, keyword: string, value: unknown, params: unknown): Failure => ({
    ...content('response-schema-conformance', 'schema-violation', `/components/schemas/R/properties${at}/${keyword}`),
    at,
    received: value,
    documented: params,
  });
  const ENUM = { allowedValues: ['Pending', 'Failed'] };
  /** An echo of `sent` answered with `got`. */
  const echoed = (sent: string, got: string): Failure => ({
    ...content('echo-entity-information', 'echo-mismatch', `${RESPONSES}/201`),
    at: '/data/entity/information/brand',
    received: got,
    documented: sent,
  });

  it.each<[string, Failure, string | undefined]>([
    [
      'an enum member in another case',
      schema('/status', 'enum', 'pending', ENUM),
      'enum members in another letter case',
    ],
    ['an enum member as a number', schema('/status', 'enum', 0, ENUM), 'enum members written as numbers'],
    ['another word', schema('/status', 'enum', 'Open', ENUM), undefined],
    ['a uuid without hyphens', schema('/id', 'format', 'a'.repeat(32), { format: 'uuid' }), 'uuids without hyphens'],
    [
      'a uuid in braces',
      schema('/id', 'format', `{${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}}`, { format: 'uuid' }),
      'uuids in braces',
    ],
    ['a uuid as a URN', schema('/id', 'format', 'urn:uuid:x', { format: 'uuid' }), 'uuids as URNs'],
    [
      'an id as a number (an auto-increment key)',
      schema('/id', 'type', 7, { type: 'string' }),
      'ids written as numbers',
    ],
    [
      'a string member as a number (Perl)',
      schema('/status', 'type', 7, { type: 'string' }),
      'numbers where strings are due',
    ],
    ['a number where a number may be', schema('/n', 'type', 7, { type: 'number,string' }), undefined],
    ['null as {} (jsonlite)', schema('/errors', 'type', {}, { type: 'array,null' }), 'nulls written as {}'],
    ['{} where an object may be', schema('/data', 'type', {}, { type: 'object' }), undefined],
    [
      'a value boxed (jsonlite)',
      schema('/status', 'type', ['Pending'], { type: 'string' }),
      'values boxed in arrays of one',
    ],
    ['an array of two', schema('/status', 'type', ['a', 'b'], { type: 'string' }), undefined],
    ['no uuid at all', schema('/id', 'format', 'x', { format: 'uuid' }), undefined],
    ['another format', schema('/created', 'format', 'a'.repeat(32), { format: 'date-time' }), undefined],
    // An echo changed alike is no slip: a random case's values may coincide (a swap of ' a' and 'a' reads as a trim).
    ['an echo trimmed', echoed(' a ', 'a'), undefined],
    [
      '"" for a uuid (Go’s string)',
      schema('/owner', 'format', '', { format: 'uuid' }),
      'nulls written as empty strings',
    ],
    ['"" echoed for null (Go’s string)', { ...echoed('', ''), documented: null }, 'nulls written as empty strings'],
    ['"" echoed for a value', echoed('a', ''), undefined],
  ])('slipOf: %s', (_what, f, slip) => {
    expect(slipOf(f)).toBe(slip);
  });

  it('makes one slip at several places of the answer one cause, the echo at one of them with it; other values apart', () => {
    // Arrange: enums camel-cased by a naming policy (status, requestType), the echo of one, and an id that is no uuid.
    const echo = { ...content('echo-request-type', 'echo-mismatch', `${RESPONSES}/201`), at: '/requestType' };
    const id = schema('/id', 'format', 'x', { format: 'uuid' });
    const failures = [
      schema('/status', 'enum', 'pending', ENUM),
      schema('/requestType', 'enum', 'entity', { allowedValues: ['Entity'] }),
      id,
      echo,
    ];
    // Act
    const causes = causesOf(validCase('valid/minimal'), '201', failures);
    // Assert
    expect(causes.map((c) => [c.core, c.at])).toEqual([
      [
        'received 201 | response-schema-conformance slip enum members in another letter case',
        ['/status', '/requestType'],
      ],
      [`received 201 | response-schema-conformance schema-violation ${id.rule}`, ['/id']],
    ]);
    expect(causes[0].failures).toHaveLength(3);
    expect(causes[0].alsoKnownAs).toBe(
      `received 201 | response-schema-conformance schema-violation ${failures[0].rule}`,
    );
  });

  it('a body that is not JSON under a JSON Content-Type is a cause of its own', () => {
    expect(causesOf(refusedCase('schema-violation', 'invalid/required/brand'), '400', [notJson])[0].primary).toBe(
      notJson,
    );
  });
});

describe('plainness: the example a problem shows', () => {
  type Sample = {
    label?: string;
    contentType: string;
    body: string;
    wire?: Wire;
    query?: string;
    advisory?: string;
    kind?: TestCase['kind'];
    accept?: readonly number[];
  };
  const wire: Wire = { framing: 'chunked', headers: [] };
  it.each<[Sample, Sample, string]>([
    // [plainer, than, why]
    [
      { contentType: 'application/json', body: '{"a":1,"b":2}' },
      { contentType: 'application/json', body: '', wire },
      'a message any client writes, before a raw one',
    ],
    [
      { contentType: 'application/json', body: '{"a":1,"b":2}', wire },
      { contentType: 'application/json', body: '{}', wire: { ...wire, chunkExtension: ';conformance=1' } },
      'a raw message curl can send (plain chunked) before one only the node -e line can (a chunk extension)',
    ],
    [
      { contentType: 'application/json', body: '{"a":1,"b":2}' },
      { contentType: 'text/json', body: '{}' },
      'the JSON media type first',
    ],
    [
      { contentType: 'application/json', body: '{"a":"x","b":1}' },
      { contentType: 'application/json', body: '{"a":"é"}' },
      'ASCII first',
    ],
    [
      { contentType: 'application/json', body: '{"a":"xxxxxx"}' },
      { contentType: 'application/json', body: '{"a":1,"b":2}' },
      'fewer fields first',
    ],
    [
      { contentType: 'application/json', body: '{"type":"EV","name":"n"}' },
      { contentType: 'application/json', body: '{"type":"EV"}', query: 'brand=b' },
      'no query string first (a member in it reads as a query-string bug)',
    ],
    [
      { contentType: 'application/json', body: '{"a":"café","b":"x"}' },
      { contentType: 'application/json', body: '{"a":"a\u200db"}' },
      'characters one sees before ones no one does (a zero-width joiner), though longer',
    ],
    [
      { contentType: 'application/json', body: '{"a":"café","b":"x"}' },
      { contentType: 'application/json', body: '{"a":"a\uffffb"}' },
      'characters one sees before a noncharacter, though longer (JDK HttpServer probe)',
    ],
    [
      { contentType: 'application/json', body: '{"a":"xx\\u0041","b":2}' },
      { contentType: 'application/json', body: '{"a":"x\\ud800"}' },
      'an escape of a character beyond ASCII is not ASCII either',
    ],
    [
      { contentType: 'application/json', body: '{"brand":"b","type":"EV","unknown":{"nested":true}}' },
      { contentType: 'application/json', body: '{"brand":"b","type":"EV","prototype":1}' },
      'no member named after the JavaScript object model (it reads as prototype pollution), though longer',
    ],
    [
      { contentType: 'application/json', body: '{"brand":"b","type":"EV","conformanceExtra":"conformance"}' },
      { contentType: 'application/json', body: '{"brand":"b","type":"EV","":"conformance"}' },
      'no member with an empty name, though longer (an unknown member shown as "" reads as a riddle)',
    ],
    [
      { contentType: 'application/json', body: '{"brand":"b","type":"Battery","conformanceExtra":"x"}' },
      { contentType: 'application/json', body: '{"brand":"b","type":"Battery","TYPE":"Battery"}' },
      'no member named as another in another case, though longer (Go folds case: a second bug, go-restful probe)',
    ],
    [
      { contentType: 'application/json', body: '{"brand":"b","type":"EV","conformanceExtra":"conformance"}' },
      { contentType: 'application/json', body: '{"brand":"b","type":"EV","_method":"DELETE"}' },
      'no member a framework keeps for itself, though longer (it reads as a method override: fastify-zod probe)',
    ],
    [
      { label: 'valid/minimal', contentType: 'application/json', body: '{"brand":"b","type":"Battery"}' },
      { label: 'valid/enum/type/EV', contentType: 'application/json', body: '{"brand":"b","type":"EV"}' },
      'the minimal request, though longer (where a reader starts: ts-rest probe)',
    ],
    [
      { contentType: 'application/json', body: '{"brand":"conformance-brand","type":"Battery","name":"n"}' },
      { contentType: 'application/json', body: '{"brand":null,"type":"Battery"}' },
      'no null member, though more fields (a null example reads as "null refused")',
    ],
    [
      { contentType: 'application/json', body: '{"brand":"conformance-brand","type":"Battery"}' },
      { contentType: 'application/json', body: '{}', advisory: 'an invalid body without credentials' },
      'a class that is not advisory, though longer (an edge case shown for a plain bug sends a reader to the edge)',
    ],
    [
      { label: 'auth/none', contentType: 'application/json', body: '{"brand":"conformance-brand","type":"Battery"}' },
      { label: 'preflight/no-credentials', contentType: 'application/json', body: '{"brand":"b","type":"EV"}' },
      'a class of the plan before a preflight request, though longer (celebrate probe: auth bugs shown by the preflight)',
    ],
    [
      { contentType: 'application/json', body: '{"brand":"long…","type":"EV"}', kind: 'valid' },
      { contentType: 'application/json', body: '{"type":"EV"}', kind: 'schema-violation' },
      'a valid request only 201 is due to, though longer (a 413 to both read "400 is due")',
    ],
    [
      { contentType: 'application/json', body: '{"type":"EV"}', kind: 'schema-violation' },
      {
        contentType: 'application/json',
        body: '{"brand":"b","type":"EV","n":1e400}',
        kind: 'valid',
        accept: [201, 400],
      },
      'an invalid request before a valid one a server may refuse (a 422 to both is the invalid one’s bug)',
    ],
  ])('%j is plainer than %j: %s', (a, b, _why) => {
    const value = (c: { body: string }) => (c.body === '' ? undefined : (JSON.parse(c.body) as unknown));
    expect(plainer(plainness(a, value(a)), plainness(b, value(b)))).toBe(true);
    expect(plainer(plainness(b, value(b)), plainness(a, value(a)))).toBe(false);
  });
});
