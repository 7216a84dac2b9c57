// Cases and exchanges the checks' tables judge: one valid request, its correct 201, answers built around them.
import type { TestCase } from '../../../src/generators/case.ts';
import type { Exchange } from '../../../src/types.ts';

export const UUID = '497f6eca-6276-4993-bfeb-53cbbbba6f08';
export const SENT = {
  brand: 'Audi',
  type: 'EV',
  identifier: 'VIN1',
  owner: UUID.toUpperCase(),
  collectiveId: UUID,
  properties: { a: [1, null] },
  returnUrl: 'https://example.com/back',
};
export const CREATED = {
  id: UUID,
  requestType: 'Entity',
  status: 'Pending',
  returnUrl: 'https://example.com/back',
  data: {
    entity: {
      id: UUID,
      type: 'EV',
      owner: UUID,
      collectiveId: UUID,
      properties: { a: [1, null] },
      information: { type: 'EV', brand: 'Audi', identifier: 'VIN1', name: null },
    },
  },
};

export function kase(kind: TestCase['kind'], extra: Partial<TestCase> = {}): TestCase {
  const value = kind === 'valid' ? SENT : { type: 'Boat' };
  return {
    id: 'b0001',
    phase: 'boundary',
    kind,
    label: `${kind}/x`,
    method: 'POST',
    contentType: 'application/json',
    body: JSON.stringify(value),
    value,
    auth: 'valid',
    ...extra,
  };
}
export function answer(
  status: number,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' },
): Exchange {
  return {
    request: { method: 'POST', url: 'http://127.0.0.1/v1/onboarding/entities', headers: {}, body: undefined },
    response: { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body), truncated: false },
    durationMs: 1,
    rateLimited: 0,
  };
}
export const timeout: Exchange = {
  request: answer(0, '').request,
  error: { kind: 'timeout', message: 'no answer' },
  durationMs: 1,
  rateLimited: 0,
};
export const err400 = answer(400, { errors: [{ code: 'x', description: null, message: 'm' }] });
export const with201 = (patch: (b: typeof CREATED) => unknown) => answer(201, patch(structuredClone(CREATED)));
