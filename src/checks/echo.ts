import type { Check } from './types.ts';
import { caseValue } from '../generators/draft.ts';
import { writeJson } from '../generators/json-writer.ts';
import { RULES } from './rules.ts';
import { answered, fail } from './util.ts';

/** Reads `path` in a JSON value; undefined when any step is missing. */
export function at(value: unknown, ...path: readonly string[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

type Members = Record<string, unknown>;

/**
 * Deep JSON equality of a sent value and the value echoed (key order ignored), without recursion: `properties` may
 * nest 10,000 levels. Numbers compare as the doubles both sides parse to (`1.0` and `1`, `1E2` and `100` are one
 * number); a number sent beyond the double range (JSON.parse makes `1e400` Infinity) matches any echoed number or
 * null, since no double parser keeps it (RFC 8259 §9).
 */
export function jsonEqual(sent: unknown, received: unknown): boolean {
  const stack: [unknown, unknown][] = [[sent, received]];
  for (let pair = stack.pop(); pair !== undefined; pair = stack.pop()) {
    const [a, b] = pair;
    if (a === b) continue;
    if (typeof a === 'number' && !Number.isFinite(a) && (b === null || typeof b === 'number')) continue;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
      const other = b as unknown[];
      if (a.length !== other.length) return false;
      for (let i = 0; i < a.length; i++) stack.push([a[i], other[i]]);
      continue;
    }
    // Own keys, so that a `__proto__` member (an own key after JSON.parse) is compared like any other.
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (!Object.hasOwn(b, k)) return false;
      stack.push([(a as Members)[k], (b as Members)[k]]);
    }
  }
  return true;
}

/** Two spellings of one uuid (case, `urn:uuid:` prefix) are the same uuid. */
function sameUuid(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/^urn:uuid:/, '') : v);
  return norm(a) === norm(b);
}

/** One echoed field: where the request's `request` comes back in the answer, and when it is compared. */
interface EchoField {
  readonly request: string;
  readonly response: readonly string[];
  /** `always`: compared even when the request left the field out (absent ≡ null); `given`: only when it carried a value. */
  readonly when: 'always' | 'given';
  readonly equal?: (a: unknown, b: unknown) => boolean;
}

/** A preview of a value for a message: the first 120 characters, written without recursion. */
function shown(v: unknown): string | undefined {
  return v === undefined ? undefined : writeJson(v).slice(0, 120);
}

/**
 * An echo check over a 2xx JSON object. Where the request carried a value: `null` in the answer contradicts it (a
 * failure), a different value too; a field left out is an omission (the schema requires nothing: a warning, counted
 * and listed). Where the request carried none, an `always` field must come back absent or null.
 */
function echoCheck(name: string, description: string, fields: readonly EchoField[]): Check {
  return {
    name,
    description,
    scope: 'request',
    applies: (c) => c.kind === 'valid',
    judge: answered((c, body, res) => {
      const failures = [];
      const omitted: string[] = [];
      for (const f of fields) {
        const received = at(body, ...f.response);
        const sent = at(caseValue(c), f.request) ?? null;
        const where = f.response.join('.');
        const pointer = `/${f.response.join('/')}`;
        if (received === undefined) {
          if (sent !== null) omitted.push(where);
          continue;
        }
        if (received === null) {
          if (sent !== null)
            failures.push({
              ...fail(
                'echo-null',
                RULES.created,
                `${res.status} ${where} is null, but the request's ${f.request} was ${shown(sent)}`,
                null,
                sent,
              ),
              at: pointer,
            });
          continue;
        }
        if (f.when === 'given' && sent === null) continue;
        if (!(f.equal ?? jsonEqual)(sent, received)) {
          failures.push({
            ...fail(
              'echo-mismatch',
              RULES.created,
              `${res.status} ${where} does not echo the request's ${f.request}: Received: ${shown(received)} / Sent: ${shown(sent)}`,
              received,
              sent,
            ),
            at: pointer,
          });
        }
      }
      if (omitted.length > 0)
        failures.push({
          ...fail(
            'echo-omission',
            RULES.created,
            `${res.status} leaves out ${omitted.join(', ')} that the request sent (an omission: the schema requires nothing)`,
            null,
            omitted,
          ),
          severity: 'warning' as const,
        });
      return failures;
    }),
  };
}

/** Where a 2xx carries `requestType`, it is `Entity`: this operation creates Entity onboarding requests. */
export const echoRequestType: Check = {
  name: 'echo-request-type',
  description: 'a created request has requestType Entity',
  scope: 'request',
  applies: (c) => c.kind === 'valid',
  judge: answered((_c, body, res) =>
    body['requestType'] === undefined || body['requestType'] === 'Entity'
      ? undefined
      : fail(
          'echo-mismatch',
          RULES.created,
          `${res.status} requestType: Received: ${JSON.stringify(body['requestType'])} / Expected: "Entity"`,
          body['requestType'],
          'Entity',
        ),
  ),
};

export const echoEntityType = echoCheck('echo-entity-type', 'a created entity has the type that was sent', [
  { request: 'type', response: ['data', 'entity', 'type'], when: 'always' },
]);

export const echoEntityInformation = echoCheck(
  'echo-entity-information',
  'data.entity.information echoes type, brand, identifier, pairingCode, associatedEmail, name and track',
  ['type', 'brand', 'identifier', 'pairingCode', 'associatedEmail', 'name', 'track'].map((k) => ({
    request: k,
    response: ['data', 'entity', 'information', k],
    when: 'always' as const,
  })),
);

export const echoCollectiveId = echoCheck(
  'echo-collective-id',
  'data.entity.collectiveId echoes the collectiveId sent',
  [{ request: 'collectiveId', response: ['data', 'entity', 'collectiveId'], when: 'given', equal: sameUuid }],
);

export const echoOwner = echoCheck('echo-owner', 'data.entity.owner echoes the owner sent', [
  { request: 'owner', response: ['data', 'entity', 'owner'], when: 'given', equal: sameUuid },
]);

export const echoProperties = echoCheck('echo-properties', 'data.entity.properties deep-equals the properties sent', [
  { request: 'properties', response: ['data', 'entity', 'properties'], when: 'given' },
]);

export const echoReturnUrl = echoCheck('echo-return-url', 'returnUrl echoes the returnUrl sent', [
  { request: 'returnUrl', response: ['returnUrl'], when: 'given' },
]);
