import type { Check } from './types.ts';
import { responseIsReceived } from './response-is-received.ts';
import { notAServerError } from './not-a-server-error.ts';
import { statusIsAllowed } from './status-is-allowed.ts';
import { validIsCreated } from './valid-is-created.ts';
import { invalidIsRejected } from './invalid-is-rejected.ts';
import { authIsEnforced } from './auth-is-enforced.ts';
import { mediaTypeIsEnforced } from './media-type-is-enforced.ts';
import { methodIsNotAllowed } from './method-is-not-allowed.ts';
import { contentTypeConformance } from './content-type-conformance.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';
import { createUniqueIdCheck } from './unique-id.ts';
import {
  echoCollectiveId,
  echoEntityInformation,
  echoEntityType,
  echoOwner,
  echoProperties,
  echoRequestType,
  echoReturnUrl,
} from './echo.ts';

/** The default verdict profile, in report order. `unique-id` keeps state, so each run gets a fresh list. */
export function createChecks(): readonly Check[] {
  return [
    // transport
    responseIsReceived,
    notAServerError,
    // status: the verdict table's rows
    statusIsAllowed,
    validIsCreated,
    invalidIsRejected,
    authIsEnforced,
    mediaTypeIsEnforced,
    methodIsNotAllowed,
    // response: the documented content
    contentTypeConformance,
    responseSchemaConformance,
    // the 201 is the request that was created
    echoRequestType,
    echoEntityType,
    echoEntityInformation,
    echoCollectiveId,
    echoOwner,
    echoProperties,
    echoReturnUrl,
    createUniqueIdCheck(),
  ];
}
