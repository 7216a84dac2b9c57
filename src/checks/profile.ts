// The verdict profile of one operation: what its checks hold for it that the document does not say in a form a check
// can read (the status that means "created", where the created id is, which request fields come back where). The
// checks are built from a profile (`createChecks(profile)`); a second operation is a second entry in `PROFILES`.
import { SpecError } from '../spec/load.ts';
import { DEFAULT_OPERATION, operationName, sameOperation, type OperationRef } from '../spec/operation.ts';

/** One echoed field: where the request's `request` member comes back in the success answer, and when it is compared. */
export interface EchoField {
  /** The request body's top-level member. */
  readonly request: string;
  /** Its place in the answer's JSON body, key by key. */
  readonly response: readonly string[];
  /**
   * `always`: compared even when the request left the field out (absent ≡ null); `given`: only when it carried a value;
   * `advice`: only when the request and the answer both carry a value, and a difference is a warning (the member may
   * name the entity as another system knows it).
   */
  readonly when: 'always' | 'given' | 'advice';
  /** `json`: deep JSON equality; `uuid`: one uuid in two spellings (case, `urn:uuid:`) is equal. */
  readonly compare: 'json' | 'uuid';
}

/** One echo check: its name, what it asserts, and the fields it compares. */
export interface EchoGroup {
  readonly name: string;
  readonly description: string;
  readonly fields: readonly EchoField[];
}

/** What the checks hold for one operation besides what the document says. */
export interface OperationProfile {
  readonly operation: OperationRef;
  /** The status due to a schema-valid request (the verdict table's `valid` row). */
  readonly success: number;
  /** Where the id of what was created is in the success answer's JSON body (`unique-id`, `created.ndjson`). */
  readonly idPath: readonly string[];
  /** A member of the success answer that names what was created, and its due value, when the operation has one. */
  readonly requestType?: { readonly field: string; readonly value: string };
  /** The echo checks, in report order. */
  readonly echoes: readonly EchoGroup[];
  /** Where the success answer says when it was created (a date-time), when it does (`created-is-now`). */
  readonly createdPath?: readonly string[];
  /** The ids the server assigns in the success answer (`ids-are-assigned`): never the nil UUID. */
  readonly assignedIds?: readonly (readonly string[])[];
  /**
   * Ids the success answer takes from elsewhere (the principal, from the credentials): the nil UUID there is a warning
   * (`ids-are-assigned`), since a sandbox may have no principal to name.
   */
  readonly principalIds?: readonly (readonly string[])[];
  /**
   * Where the success answer has the id of the entity created, and the request member that names the entity: two
   * requests naming different entities never get one entity id (`ids-are-assigned`).
   */
  readonly entityId?: {
    readonly path: readonly string[];
    readonly namedBy: string;
    /** The request member that says the entity's kind: two requests naming none that differ in it are two entities. */
    readonly kindBy?: string;
  };
}

const always = (request: string, ...response: string[]): EchoField => ({
  request,
  response,
  when: 'always',
  compare: 'json',
});
const given = (request: string, compare: EchoField['compare'], ...response: string[]): EchoField => ({
  request,
  response,
  when: 'given',
  compare,
});
const advice = (request: string, ...response: string[]): EchoField => ({
  request,
  response,
  when: 'advice',
  compare: 'json',
});

/** `POST /v1/onboarding/entities`: creates an Entity onboarding request and answers it (201, `OnboardingResponse`). */
export const ENTITY_ONBOARDING: OperationProfile = {
  operation: DEFAULT_OPERATION,
  success: 201,
  idPath: ['id'],
  requestType: { field: 'requestType', value: 'Entity' },
  echoes: [
    {
      name: 'echo-entity-type',
      description: 'a created entity has the type that was sent',
      fields: [always('type', 'data', 'entity', 'type')],
    },
    {
      name: 'echo-entity-information',
      description:
        'data.entity.information echoes type, brand, identifier, pairingCode, associatedEmail, name and track; data.entity.reference, where it has them, the brand and identifier (advice)',
      fields: [
        ...['type', 'brand', 'identifier', 'pairingCode', 'associatedEmail', 'name', 'track'].map((k) =>
          always(k, 'data', 'entity', 'information', k),
        ),
        // EntityReference is "a reference to an Entity", its brand "The brand of the Entity" as the request's is, its
        // identifier "The reference of the Entity"; but it may name the entity as the OEM knows it, so another value
        // there is advice (yup, h3 and tiny_http blind probes).
        advice('brand', 'data', 'entity', 'reference', 'brand'),
        advice('identifier', 'data', 'entity', 'reference', 'identifier'),
      ],
    },
    {
      name: 'echo-collective-id',
      description: 'data.entity.collectiveId echoes the collectiveId sent',
      fields: [given('collectiveId', 'uuid', 'data', 'entity', 'collectiveId')],
    },
    {
      name: 'echo-owner',
      description: 'data.entity.owner echoes the owner sent',
      fields: [given('owner', 'uuid', 'data', 'entity', 'owner')],
    },
    {
      name: 'echo-properties',
      description: 'data.entity.properties deep-equals the properties sent',
      fields: [given('properties', 'json', 'data', 'entity', 'properties')],
    },
    {
      name: 'echo-return-url',
      description: 'returnUrl echoes the returnUrl sent',
      fields: [given('returnUrl', 'json', 'returnUrl')],
    },
  ],
  createdPath: ['created'],
  assignedIds: [['id'], ['data', 'entity', 'id']],
  principalIds: [['principalId']],
  entityId: { path: ['data', 'entity', 'id'], namedBy: 'identifier', kindBy: 'type' },
};

/** The operations the suite has a verdict profile for. */
export const PROFILES: readonly OperationProfile[] = [ENTITY_ONBOARDING];

/** The default operation's profile. */
export const DEFAULT_PROFILE: OperationProfile = ENTITY_ONBOARDING;

/** The profile of an operation; a `SpecError` (one line, exit 2) when the suite has none for it. */
export function profileFor(op: OperationRef): OperationProfile {
  const found = PROFILES.find((p) => sameOperation(p.operation, op));
  if (found) return found;
  const known = PROFILES.map((p) => operationName(p.operation)).join(', ');
  throw new SpecError(`no verdict profile for ${operationName(op)}: the suite judges ${known}`);
}
