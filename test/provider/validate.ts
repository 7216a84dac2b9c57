// Hand-written validation of an EntityOnboardingRequest, as a real service would
// write it: explicit per-field checks, no schema library. It is deliberately
// independent of the suite's own (ajv-based) validators so that the two can
// cross-check each other.
//
// Every decision a real implementation could get wrong is a hook of
// ValidationPolicy; EXACT_POLICY is the reading of the OpenAPI 3.0.4 schema the
// suite enforces, and the seeded faults (faults.ts) replace single hooks.

export const ENTITY_TYPES = [
  'Battery',
  'ChargePoint',
  'EV',
  'HeatPump',
  'SolarPlant',
  'RetrofitMeter',
  'Meter',
  'Inverter',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** The `type: string, nullable: true` properties of the request. */
export const STRING_FIELDS = [
  'collectiveId',
  'pairingCode',
  'associatedEmail',
  'brand',
  'name',
  'owner',
  'identifier',
  'returnUrl',
  'track',
] as const;
export type StringField = (typeof STRING_FIELDS)[number];
export type FieldName = StringField | 'properties' | 'type';
export const FIELDS: readonly FieldName[] = [...STRING_FIELDS, 'properties', 'type'];
/** String fields that also carry `format: uuid`. */
export const UUID_FIELDS: ReadonlySet<StringField> = new Set<StringField>(['collectiveId', 'owner']);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A validated request; absent optional fields are null. */
export interface EntityRequest {
  readonly type: EntityType;
  readonly brand: string | null;
  readonly collectiveId: string | null;
  readonly pairingCode: string | null;
  readonly associatedEmail: string | null;
  readonly name: string | null;
  readonly owner: string | null;
  readonly identifier: string | null;
  readonly returnUrl: string | null;
  readonly track: string | null;
  readonly properties: Json;
}

/** One reason a request is refused; rendered as a ConnectApiError. */
export interface Issue {
  readonly code: string;
  /** JSON path of the offending value ('$' for the body itself). */
  readonly path: string;
  /** The declared field concerned, if any (used by ProblemDetails-shaped faults). */
  readonly field: FieldName | null;
  readonly message: string;
}

export type Validation =
  { readonly ok: true; readonly request: EntityRequest } | { readonly ok: false; readonly issues: readonly Issue[] };

export interface ValidationPolicy {
  /** The body key bound to a declared field, if any (exact, case-sensitive). */
  bindKey(keys: readonly string[], field: FieldName): string | undefined;
  /** additionalProperties: false. */
  readonly rejectUnknownKeys: boolean;
  readonly required: ReadonlySet<FieldName>;
  nullable(field: FieldName): boolean;
  /** The string a non-string JSON value stands for, or undefined to refuse it (no coercion). */
  coerceString(value: unknown): string | undefined;
  /** Extra constraints on a string value; a message refuses it. None in the spec. */
  checkString(field: StringField, value: string): string | undefined;
  /** The uuid as it will be stored/echoed, or undefined when it is not a uuid. */
  parseUuid(value: string): string | undefined;
  parseEntityType(value: unknown): EntityType | undefined;
  /** Extra constraints on `properties`; a message refuses it. None in the spec. */
  checkProperties(value: Json): string | undefined;
  /** The issue reported for a body that is a JSON value but not an object. */
  nonObjectBody(value: unknown): Issue;
}

/** format: uuid, exactly as ajv-formats defines it. */
export const UUID_PATTERN = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

export const EXACT_POLICY: ValidationPolicy = {
  bindKey: (keys, field) => (keys.includes(field) ? field : undefined),
  rejectUnknownKeys: true,
  required: new Set<FieldName>(['brand', 'type']),
  nullable: (field) => field !== 'type',
  coerceString: () => undefined,
  checkString: () => undefined,
  parseUuid: (value) => (UUID_PATTERN.test(value) ? value : undefined),
  parseEntityType: (value) => ENTITY_TYPES.find((t) => t === value),
  checkProperties: () => undefined,
  nonObjectBody: (value) =>
    issue('NotAnObject', '$', null, `The request body must be a JSON object, not ${jsonKind(value)}.`),
};

export function validateEntityRequest(body: unknown, policy: ValidationPolicy): Validation {
  if (!isJsonObject(body)) return { ok: false, issues: [policy.nonObjectBody(body)] };

  const keys = Object.keys(body);
  const bound = new Map<FieldName, string>();
  for (const field of FIELDS) {
    const key = policy.bindKey(keys, field);
    if (key !== undefined) bound.set(field, key);
  }

  const issues: Issue[] = [];
  if (policy.rejectUnknownKeys) {
    const boundKeys = new Set(bound.values());
    for (const key of keys) {
      if (!boundKeys.has(key))
        issues.push(issue('UnknownProperty', pathOf(key), null, `The property '${key}' is not allowed.`));
    }
  }
  for (const field of policy.required) {
    if (!bound.has(field)) issues.push(issue('Required', pathOf(field), field, `The property '${field}' is required.`));
  }

  const strings: Record<StringField, string | null> = {
    collectiveId: null,
    pairingCode: null,
    associatedEmail: null,
    brand: null,
    name: null,
    owner: null,
    identifier: null,
    returnUrl: null,
    track: null,
  };
  for (const field of STRING_FIELDS) {
    const key = bound.get(field);
    if (key === undefined) continue;
    const raw = body[key];
    const path = pathOf(key);
    if (raw === null) {
      if (!policy.nullable(field)) issues.push(issue('NotNullable', path, field, `'${field}' must not be null.`));
      continue;
    }
    const text = typeof raw === 'string' ? raw : policy.coerceString(raw);
    if (text === undefined) {
      issues.push(issue('InvalidType', path, field, `'${field}' must be a string or null, not ${jsonKind(raw)}.`));
      continue;
    }
    const refused = policy.checkString(field, text);
    if (refused !== undefined) {
      issues.push(issue('InvalidValue', path, field, refused));
      continue;
    }
    if (UUID_FIELDS.has(field)) {
      const uuid = policy.parseUuid(text);
      if (uuid === undefined) {
        issues.push(issue('InvalidFormat', path, field, `'${field}' must be a uuid.`));
        continue;
      }
      strings[field] = uuid;
    } else {
      strings[field] = text;
    }
  }

  // C# default(EntityType) is its first member; only lax policies ever reach it.
  let type: EntityType = ENTITY_TYPES[0];
  const typeKey = bound.get('type');
  if (typeKey !== undefined) {
    const raw = body[typeKey];
    const path = pathOf(typeKey);
    if (raw === null) {
      if (!policy.nullable('type')) issues.push(issue('NotNullable', path, 'type', `'type' must not be null.`));
    } else {
      const parsed = policy.parseEntityType(raw);
      if (parsed === undefined) {
        issues.push(issue('InvalidEnumValue', path, 'type', `'type' must be one of ${ENTITY_TYPES.join(', ')}.`));
      } else {
        type = parsed;
      }
    }
  }

  let properties: Json = null;
  const propertiesKey = bound.get('properties');
  if (propertiesKey !== undefined) {
    properties = body[propertiesKey] as Json; // it came out of JSON.parse
    const refused = policy.checkProperties(properties);
    if (refused !== undefined) issues.push(issue('InvalidValue', pathOf(propertiesKey), 'properties', refused));
  }

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, request: { ...strings, type, properties } };
}

export function issue(code: string, path: string, field: FieldName | null, message: string): Issue {
  return { code, path, field, message };
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function pathOf(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `$.${key}` : `$[${JSON.stringify(key)}]`;
}
