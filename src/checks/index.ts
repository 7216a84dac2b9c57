import type { Check } from './types.ts';
import { responseIsReceived } from './response-is-received.ts';
import { notAServerError } from './not-a-server-error.ts';
import { operationMethodIsAllowed } from './operation-method-is-allowed.ts';
import { statusIsAllowed } from './status-is-allowed.ts';
import { validIsCreated } from './valid-is-created.ts';
import { invalidIsRejected } from './invalid-is-rejected.ts';
import { authIsEnforced } from './auth-is-enforced.ts';
import { mediaTypeIsEnforced } from './media-type-is-enforced.ts';
import { mediaTypesAgree } from './media-types-agree.ts';
import { methodIsNotAllowed } from './method-is-not-allowed.ts';
import { pathIsNotFound } from './path-is-not-found.ts';
import { contentTypeConformance } from './content-type-conformance.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';
import { labelledJsonIsJson } from './labelled-json-is-json.ts';
import { unchunkedToHttp10 } from './unchunked-to-http-1-0.ts';
import { codingIsAccepted } from './coding-is-accepted.ts';
import { answerEndsAsFramed } from './answer-ends-as-framed.ts';
import { closeIsHonoured } from './close-is-honoured.ts';
import { connectionIsReusable } from './connection-is-reusable.ts';
import { closeIsAnnounced } from './close-is-announced.ts';
import { createUniqueIdCheck } from './unique-id.ts';
import { echoChecks } from './echo.ts';
import { createdIsNow } from './created-is-now.ts';
import { idsAreAssigned } from './ids-are-assigned.ts';
import { membersAreKept } from './members-are-kept.ts';
import { fillsAreOwn } from './fills-are-own.ts';
import { DEFAULT_PROFILE, type OperationProfile } from './profile.ts';

/**
 * The verdict profile's checks for an operation (the default one unless given), in report order. `unique-id` keeps
 * state, so each run gets a fresh list.
 */
export function createChecks(profile: OperationProfile = DEFAULT_PROFILE): readonly Check[] {
  const p = profile;
  return [
    // transport
    responseIsReceived(p),
    notAServerError(p),
    operationMethodIsAllowed(p),
    // status: the verdict table's rows
    statusIsAllowed(p),
    validIsCreated(p),
    invalidIsRejected(p),
    authIsEnforced(p),
    mediaTypeIsEnforced(p),
    mediaTypesAgree(p),
    methodIsNotAllowed(p),
    pathIsNotFound(p),
    // response: the documented content
    contentTypeConformance,
    responseSchemaConformance,
    labelledJsonIsJson,
    unchunkedToHttp10,
    codingIsAccepted,
    // the connection: where the answer ends, that it closes as asked, and that the next request on it is read
    answerEndsAsFramed,
    closeIsHonoured,
    connectionIsReusable,
    closeIsAnnounced,
    // the success answer is the request that was created
    ...echoChecks(p),
    ...[createdIsNow(p), idsAreAssigned(p)].filter((c) => c !== undefined),
    membersAreKept(p),
    fillsAreOwn(p),
    createUniqueIdCheck(p),
  ];
}
