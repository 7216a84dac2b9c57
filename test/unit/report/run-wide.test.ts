import { describe, expect, it } from 'vitest';
import {
  acceptedCore,
  CREDENTIALS_SCOPE,
  credentialsCore,
  EVERY_SCOPE,
  INVALID_SCOPE,
  isRunWide,
  listsRunWide,
  METHODS_TAKEN_SCOPE,
  methodTakenCore,
  MINIMAL_SCOPE,
  NOT_ACCEPTABLE_SCOPE,
  OUTAGE_SCOPE,
  redirectCore,
  REFUSALS_SCOPE,
  VALID_SCOPE,
} from '../../../src/report/run-wide.ts';

const CREATED = 'received 500 | not-a-server-error server-error /paths/~1v1~1onboarding~1entities/post/responses';
const ACCEPTED = 'received 201 | invalid-is-rejected unexpected-status';
const METHOD = 'method-is-not-allowed unexpected-status';
const TAKEN = `another method taken by the operation’s handler | ${METHOD} | in ${METHODS_TAKEN_SCOPE}`;

describe('run-wide problems', () => {
  it.each([
    // [entry signature, cause core, listed]
    [`${CREATED} | in ${VALID_SCOPE}`, CREATED, true],
    [`${CREATED} | in ${MINIMAL_SCOPE}`, CREATED, true],
    [`${CREATED} | in ${VALID_SCOPE}`, CREATED.replace('500', '502'), false],
    [
      `received 307 | a redirect to every request | in ${EVERY_SCOPE}`,
      'received 307 | auth-is-enforced x /security',
      true,
    ],
    [
      `received 307 | a redirect to every request | in ${EVERY_SCOPE}`,
      'received 308 | auth-is-enforced x /security',
      false,
    ],
    [
      `received 406 | a refusal of the Accept field | in ${NOT_ACCEPTABLE_SCOPE}`,
      'received 406 | auth-is-enforced x',
      true,
    ],
    [`received 406 | a refusal of the Accept field | in ${NOT_ACCEPTABLE_SCOPE}`, 'received 415 | x', false],
    [`${CREATED} | in ${REFUSALS_SCOPE}`, CREATED, true],
    [
      `received 401 | the run’s credentials refused | in ${CREDENTIALS_SCOPE}`,
      'received 401 | invalid-is-rejected unexpected-status',
      true,
    ],
    [`received 401 | the run’s credentials refused | in ${CREDENTIALS_SCOPE}`, 'received 403 | x', false],
    [`${ACCEPTED} | in ${INVALID_SCOPE}`, `${ACCEPTED} /paths/~1v1~1onboarding~1entities/post/x/format`, true],
    [`${ACCEPTED} | in ${INVALID_SCOPE}`, `${ACCEPTED}`, true],
    [`${ACCEPTED} | in ${INVALID_SCOPE}`, 'received 201 | echo-brand echo /x', false],
    [
      `received timeout | response-is-received timeout /r | in ${OUTAGE_SCOPE}`,
      'received connection-refused | r',
      true,
    ],
    [`received timeout | response-is-received timeout /r | in ${OUTAGE_SCOPE}`, 'received 500 | r', false],
    // A route bound to every method: its successes and its refusals of content, never a 404 or a crash.
    [TAKEN, `received 201 | ${METHOD} /paths/~1v1~1onboarding~1entities`, true],
    [TAKEN, `received 415 | ${METHOD}`, true],
    [TAKEN, `received 422 | ${METHOD}`, true],
    [TAKEN, `received 404 | ${METHOD}`, false],
    [TAKEN, `received 500 | ${METHOD}`, false],
    [TAKEN, `received 201 | ${METHOD}x`, false],
    [TAKEN, 'received 415 | media-type-is-enforced unexpected-status', false],
    // A scope that is no run's: the exact signature matches it, nothing else.
    [`${CREATED} | in valid/string`, CREATED, false],
    [CREATED, CREATED, false],
  ])('%s lists a cause %s: %s', (signature, core, listed) => {
    expect(listsRunWide(signature, { core })).toBe(listed);
  });

  it('lists a refusal’s crash under every request to be refused, never a valid request’s', () => {
    const entry = `${CREATED} | in ${REFUSALS_SCOPE}`;
    expect(listsRunWide(entry, { core: CREATED, signature: `${CREATED} | in auth` })).toBe(true);
    expect(listsRunWide(entry, { core: CREATED, signature: `${CREATED} | in valid/string` })).toBe(false);
  });

  it('names the merged cores and tells run-wide scopes from others', () => {
    expect(redirectCore('303')).toBe('received 303 | a redirect to every request');
    expect(redirectCore('400')).toBeUndefined();
    expect(acceptedCore({ kind: 'schema-violation' }, '200')).toBe(
      'received 200 | invalid-is-rejected unexpected-status',
    );
    expect(acceptedCore({ kind: 'auth' }, '200')).toBeUndefined();
    expect(credentialsCore('403')).toBe('received 403 | the run’s credentials refused');
    expect(credentialsCore('400')).toBeUndefined();
    expect(acceptedCore({ kind: 'schema-violation' }, '400')).toBeUndefined();
    expect(methodTakenCore(`received 400 | ${METHOD}`)).toBe(
      `another method taken by the operation’s handler | ${METHOD}`,
    );
    expect(methodTakenCore(`received 405 | ${METHOD}`)).toBeUndefined();
    expect(isRunWide(TAKEN)).toBe(true);
    expect(isRunWide(`${CREATED} | in ${VALID_SCOPE}`)).toBe(true);
    expect(isRunWide(`${CREATED} | in valid`)).toBe(false);
  });
});
