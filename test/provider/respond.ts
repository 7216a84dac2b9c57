// Builds the bodies the endpoint answers with: the 201 OnboardingRequest and the
// 4xx ConnectApiErrorResult. Types mirror the response schemas of the spec
// (every property optional, additionalProperties: false everywhere).

import type { EntityRequest, EntityType, Issue, Json } from './validate.ts';

export type OnboardingStatus = 'Canceled' | 'Failed' | 'InProgress' | 'Pending' | 'Succeeded';
export type OnboardingRequestType = 'Collective' | 'Entity';
export type ActionType = 'Consent' | 'Redirect';

export interface OnboardingRequestAction {
  documentationLink?: string | null;
  redirectLink?: string | null;
  type?: ActionType;
}

export interface EntityInformation {
  type?: EntityType;
  brand?: string | null;
  identifier?: string | null;
  pairingCode?: string | null;
  associatedEmail?: string | null;
  name?: string | null;
  track?: string | null;
}

export interface EntityReference {
  brand?: string | null;
  type?: string | null;
  identifier?: string | null;
}

export interface Entity {
  collectiveId?: string | null;
  id?: string;
  information?: EntityInformation;
  owner?: string;
  properties?: Json;
  reference?: EntityReference;
  systemProperties?: Json;
  type?: EntityType;
}

export interface OnboardingRequest {
  action?: OnboardingRequestAction;
  created?: string;
  data?: { entity?: Entity };
  id?: string;
  principalId?: string;
  requestType?: OnboardingRequestType;
  returnUrl?: string | null;
  status?: OnboardingStatus;
  errors?: { code?: string | null; message?: string | null }[] | null;
}

export interface ConnectApiError {
  code: string | null;
  description: string | null;
  message: string | null;
}

/** Per-request values the server mints. */
export interface CreateContext {
  readonly requestId: string;
  readonly entityId: string;
  readonly principalId: string;
  /** Stands in for the owner when the request names none (the response's owner is not nullable). */
  readonly defaultOwner: string;
  readonly now: Date;
}

export const PRINCIPAL_ID = '3f0e4c52-8f7a-4d0b-9a51-2c1d7e6b9a10';
export const DEFAULT_OWNER = '8b6f2d3e-1c4a-4e5f-9d7b-0a2c4e6f8b1d';
export const DOCUMENTATION_LINK = 'https://docs.example.com/onboarding';

export interface CreatedShape {
  /**
   * full: everything filled in; minimal: only id/requestType/status; all-nulls: every nullable field null that does
   * not echo a value the request carried (a null echo of a value sent contradicts the request).
   */
  readonly kind: 'full' | 'minimal' | 'all-nulls';
  readonly action: ActionType;
}

export const FULL_CONSENT: CreatedShape = { kind: 'full', action: 'Consent' };
export const FULL_REDIRECT: CreatedShape = { kind: 'full', action: 'Redirect' };

export function buildCreated(req: EntityRequest, ctx: CreateContext, shape: CreatedShape): OnboardingRequest {
  if (shape.kind === 'minimal') return { id: ctx.requestId, requestType: 'Entity', status: 'Pending' };
  const nulls = shape.kind === 'all-nulls';
  const orNull = (value: string | null): string | null => (nulls ? null : value);
  return {
    id: ctx.requestId,
    created: ctx.now.toISOString(),
    principalId: ctx.principalId,
    requestType: 'Entity',
    status: 'Pending',
    action: buildAction(ctx, shape, nulls),
    returnUrl: req.returnUrl,
    errors: nulls ? null : [],
    data: {
      entity: {
        id: ctx.entityId,
        collectiveId: req.collectiveId,
        owner: req.owner ?? ctx.defaultOwner,
        properties: req.properties,
        type: req.type,
        information: {
          type: req.type,
          brand: req.brand,
          identifier: req.identifier,
          pairingCode: req.pairingCode,
          associatedEmail: req.associatedEmail,
          name: req.name,
          track: req.track,
        },
        // reference.type is the device *model*, which is not known at onboarding time.
        reference: { brand: orNull(req.brand), type: null, identifier: orNull(req.identifier) },
        systemProperties: null,
      },
    },
  };
}

function buildAction(ctx: CreateContext, shape: CreatedShape, nulls: boolean): OnboardingRequestAction {
  if (nulls) return { type: shape.action, documentationLink: null, redirectLink: null };
  if (shape.action === 'Redirect') {
    return {
      type: 'Redirect',
      documentationLink: null,
      redirectLink: `https://oem.example.com/authorize?request=${encodeURIComponent(ctx.requestId)}`,
    };
  }
  return {
    type: 'Consent',
    documentationLink: DOCUMENTATION_LINK,
    redirectLink: `https://example.com/consent/${ctx.requestId}`,
  };
}

/** A ConnectApiErrorResult carrying the given issues. */
export function errorResult(issues: readonly Issue[]): { errors: ConnectApiError[] } {
  return { errors: issues.map((i) => ({ code: i.code, description: i.path, message: i.message })) };
}

/** A ConnectApiErrorResult with one entry. */
export function singleError(code: string, message: string): { errors: ConnectApiError[] } {
  return { errors: [{ code, description: null, message }] };
}
