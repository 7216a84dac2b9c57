// What a preflight probe answered otherwise than its certain verdict, as one line: a data table of the wordings.
import { describe, expect, it } from 'vitest';
import { preflightMessage } from '../../../src/report/tallied.ts';

describe('preflightMessage', () => {
  it.each<[string, string, string]>([
    [
      'accepted: the contract is not enforced',
      '201',
      'the target accepted preflight/invalid-body with 201 (expected 400): it does not seem to enforce the contract',
    ],
    ['refused otherwise', '422', 'the target answered preflight/invalid-body with 422 (expected 400)'],
    [
      'no route: the base URL is asked about',
      '404',
      'the target answered preflight/invalid-body with 404 (expected 400): no route there; is --target the base URL the spec’s servers[0].url stands for (the operation’s path is appended to it)?',
    ],
    [
      'valid credentials refused: the token and the proxies are asked about',
      '401',
      'the target answered preflight/invalid-body with 401 (expected 400): the run’s credentials were refused; are they the target’s (--token, CONNECT_TOKEN), and does every proxy on the way pass Authorization on?',
    ],
    [
      'a redirect: the URL it redirects to is asked about',
      '307',
      'the target answered preflight/invalid-body with 307 (expected 400): a redirect; is --target the URL it redirects to (https://, or the path with a trailing slash)? The suite never follows one',
    ],
  ])('%s', (_what, received, message) => {
    expect(preflightMessage({ label: 'preflight/invalid-body', expected: '400', received, ok: false })).toBe(message);
  });
});
