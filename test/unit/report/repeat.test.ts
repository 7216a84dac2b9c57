// The repeat line carries every flag that shaped the run, and never a secret.
import { describe, expect, it } from 'vitest';
import { repeatCommand, repeatNote } from '../../../src/report/repeat.ts';
import { fixtureReport, TOKEN } from './fixture.ts';

describe('repeatCommand', () => {
  it('carries rate, budget, concurrency, timeout, token URL, scope, waivers and the limits', () => {
    const r = {
      ...fixtureReport(),
      shard: { index: 2, count: 4 },
      target: { ...fixtureReport().target, insecure: true },
      options: {
        concurrency: 2,
        timeoutMs: 5_000,
        rate: 5,
        maxRequests: 100,
        tokenUrl: 'https://auth.example.com/oauth2/token',
        scope: 'onboarding:write entities:read',
        waivers: 'team/waivers.json',
        giveUpAfter: 12,
        timeLimitS: 600,
      },
    };
    expect(repeatCommand(r)).toBe(
      "npx conformance run --target https://sandbox.connect.example.com/connect --seed 1234567 --runs 200 --rate 5/s --max-requests 100 --concurrency 2 --timeout 5000 --token-url https://auth.example.com/oauth2/token --scope 'onboarding:write entities:read' --waivers team/waivers.json --give-up-after 12 --time-limit 600 --shard 2/4 --insecure",
    );
    expect(repeatCommand(r)).not.toContain(TOKEN);
    expect(repeatNote(r)).toMatch(/CONNECT_CLIENT_ID and CONNECT_CLIENT_SECRET/);
  });

  it('leaves out what is the default (concurrency 4, the target’s own timeout)', () => {
    const r = { ...fixtureReport(), options: { concurrency: 4, timeoutMs: 10_000 } };
    expect(repeatCommand(r)).toBe(
      'npx conformance run --target https://sandbox.connect.example.com/connect --seed 1234567 --runs 200',
    );
    expect(repeatNote(r)).toBe('the token in CONNECT_TOKEN, never on the command line');
  });
});
