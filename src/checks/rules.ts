import type { CaseKind, TestCase } from '../generators/case.ts';
import { OPERATION, pointer } from '../spec/load.ts';

/** JSON pointers into the spec that the verdict rows cite (OpenAPI 3.0.4 §4.8.10 Operation, §4.8.16 Responses). */
const op = pointer('paths', OPERATION.path, OPERATION.method);
export const RULES = {
  responses: `${op}/responses`,
  created: `${op}/responses/201`,
  badRequest: `${op}/responses/400`,
  requestBody: `${op}/requestBody`,
  requestContent: `${op}/requestBody/content`,
  pathItem: pointer('paths', OPERATION.path),
  security: '/security',
  bearerScheme: '/components/securitySchemes/bearerAuth',
} as const;

/** Statuses the verdict profile allows although the spec does not document them (reported as spec gaps). */
export const PROFILE_ONLY_STATUSES: readonly number[] = [401, 403, 405, 415, 429];

/**
 * The statuses each verdict-table row (case kind) allows: the one place that says so. A case whose request-space
 * class accepts other statuses (where an RFC leaves the server a choice) carries them in `TestCase.accept`.
 */
export const ROW_STATUSES: Readonly<Record<CaseKind, readonly number[]>> = {
  valid: [201],
  'schema-violation': [400],
  'malformed-json': [400],
  'empty-body': [400],
  auth: [401, 403],
  'media-type': [415, 400],
  method: [405],
};

/** The statuses a case's row allows: its class's accepted ones, else its row's. */
export function allowedStatuses(c: Pick<TestCase, 'kind' | 'accept'>): readonly number[] {
  return c.accept ?? ROW_STATUSES[c.kind];
}
