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
