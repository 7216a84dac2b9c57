// Hand-written from spec/openapi.yaml (`components/schemas`), OpenAPI 3.0.4. `nullable: true` becomes `| null`;
// a property the spec does not list under `required` becomes optional (`?`). Schemas without `type` are `unknown`.

/** `Connect.Service.Onboarding.Core.Models.Data.EntityType`: the kinds of Entity that can be onboarded. */
export type EntityType =
  'Battery' | 'ChargePoint' | 'EV' | 'HeatPump' | 'SolarPlant' | 'RetrofitMeter' | 'Meter' | 'Inverter';

/** Every {@link EntityType}, in the spec's order. */
export const ENTITY_TYPES: readonly EntityType[] = [
  'Battery',
  'ChargePoint',
  'EV',
  'HeatPump',
  'SolarPlant',
  'RetrofitMeter',
  'Meter',
  'Inverter',
];

/** `Connect.Service.Onboarding.Core.Models.OnboardingStatus`. */
export type OnboardingStatus = 'Canceled' | 'Failed' | 'InProgress' | 'Pending' | 'Succeeded';

/** Every {@link OnboardingStatus}, in the spec's order. */
export const ONBOARDING_STATUSES: readonly OnboardingStatus[] = [
  'Canceled',
  'Failed',
  'InProgress',
  'Pending',
  'Succeeded',
];

/** `Connect.Service.Onboarding.Core.Models.OnboardingRequestType`. */
export type OnboardingRequestType = 'Collective' | 'Entity';

/** `Connect.Service.Onboarding.Core.Models.OnboardingRequestActionType`. */
export type OnboardingRequestActionType = 'Consent' | 'Redirect';

/** `Connect.Service.Onboarding.Core.Models.Data.CollectiveType`. */
export type CollectiveType = 'Household' | 'Fleet' | 'SolarFarm' | 'VirtualPowerPlant';

/**
 * `Connect.Service.Onboarding.App.Models.V1.EntityOnboardingRequest`: the body of `POST /v1/onboarding/entities`.
 * `brand` and `type` are required (`brand` may be `null`); no other property is allowed (`additionalProperties: false`).
 */
export interface EntityOnboardingRequest {
  /** The brand of the Entity. Required, though nullable. */
  brand: string | null;
  /** The kind of Entity. */
  type: EntityType;
  /** The id (uuid) of the Collective the Entity will be added to. */
  collectiveId?: string | null;
  /** The pairing code of the Entity. */
  pairingCode?: string | null;
  /** The associated email address used to onboard the Entity (a plain string in the spec, no `format`). */
  associatedEmail?: string | null;
  /** The name of the Entity. */
  name?: string | null;
  /** The owner (uuid) of the Entity. */
  owner?: string | null;
  /** The custom properties of the Entity: any JSON value. */
  properties?: unknown;
  /** The identifier of the Entity. */
  identifier?: string | null;
  /** Where the user is redirected after completing the consent flow on the OEM page. */
  returnUrl?: string | null;
  /** The track of the Entity. */
  track?: string | null;
}

/** `Connect.Service.Onboarding.App.Models.V1.OnboardingRequestAction`: what the user must do next. */
export interface OnboardingRequestAction {
  /** A link (uri) to documentation explaining the user how to proceed. */
  documentationLink?: string | null;
  /** A link (uri) to redirect the user to. */
  redirectLink?: string | null;
  type?: OnboardingRequestActionType;
}

/** `Connect.Service.Onboarding.App.Models.V1.Data.Collective`. */
export interface Collective {
  id?: string;
  name?: string | null;
  owner?: string;
  properties?: unknown;
  type?: CollectiveType;
}

/** `Connect.Service.Onboarding.App.Models.V1.Data.EntityInformation`: what the request said about the Entity. */
export interface EntityInformation {
  type?: EntityType;
  brand?: string | null;
  identifier?: string | null;
  pairingCode?: string | null;
  associatedEmail?: string | null;
  name?: string | null;
  track?: string | null;
}

/** `Connect.Service.Onboarding.App.Models.V1.Data.EntityReference`: the Entity as the OEM knows it. */
export interface EntityReference {
  brand?: string | null;
  /** The model of the Entity (a free string, not an {@link EntityType}). */
  type?: string | null;
  identifier?: string | null;
}

/** `Connect.Service.Onboarding.App.Models.V1.Data.Entity`. */
export interface Entity {
  collectiveId?: string | null;
  id?: string;
  information?: EntityInformation;
  owner?: string;
  properties?: unknown;
  reference?: EntityReference;
  systemProperties?: unknown;
  type?: EntityType;
}

/** `Connect.Service.Onboarding.App.Models.V1.Data.OnboardingRequestData`. */
export interface OnboardingRequestData {
  collective?: Collective;
  entity?: Entity;
}

/** `Connect.Service.Onboarding.App.Models.V1.OnboardingRequestError`. */
export interface OnboardingRequestError {
  code?: string | null;
  message?: string | null;
}

/**
 * `Connect.Service.Onboarding.App.Models.V1.OnboardingRequest`: the body of a `201 Created` answer.
 * The spec makes no property required and allows no other (`additionalProperties: false`).
 */
export interface OnboardingRequest {
  action?: OnboardingRequestAction;
  /** When the onboarding request was created (RFC 3339 date-time). */
  created?: string;
  data?: OnboardingRequestData;
  /** The id (uuid) of the onboarding request. */
  id?: string;
  /** The id (uuid) of the principal that initiated the onboarding request. */
  principalId?: string;
  requestType?: OnboardingRequestType;
  returnUrl?: string | null;
  status?: OnboardingStatus;
  errors?: OnboardingRequestError[] | null;
}

/** `Connect.Errors.Results.ConnectApiError`. */
export interface ConnectApiError {
  code?: string | null;
  description?: string | null;
  message?: string | null;
}

/** `Connect.Errors.Results.ConnectApiErrorResult`: the body of a `400 Bad Request` answer. */
export interface ConnectApiErrorResult {
  errors?: ConnectApiError[] | null;
}
