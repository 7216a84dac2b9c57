import type { Check, Finding } from './types.ts';
import { isObject, type ReceivedResponse } from '../types.ts';
import type { Validators } from '../validators/index.ts';
import { caseValue } from '../generators/draft.ts';
import { writeJson } from '../generators/json-writer.ts';
import type { EchoField, EchoGroup, OperationProfile } from './profile.ts';
import { isNilUuid } from './ids-are-assigned.ts';
import { rulesOf } from './rules.ts';
import { answered, fail, warn } from './util.ts';

/** Two strings that differ only by Unicode normalization (Joi's `.normalize()`): alike on screen, unlike in bytes. */
function otherForm(sent: unknown, received: unknown): boolean {
  return (
    typeof sent === 'string' &&
    typeof received === 'string' &&
    sent !== received &&
    sent.normalize('NFC') === received.normalize('NFC')
  );
}

/** A lone surrogate: half of a UTF-16 pair, not a character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Whether `echoed` is `sent` with each lone surrogate replaced, as U+FFFD (Go, Python) or `?` (R's jsonlite): RFC 8259
 * §8.2 calls the handling of one unpredictable, and a string type that holds only Unicode text cannot keep it.
 */
function surrogatesReplaced(sent: string, echoed: unknown): boolean {
  return (
    !sent.isWellFormed() &&
    typeof echoed === 'string' &&
    (sent.toWellFormed() === echoed || sent.replace(LONE_SURROGATE, '?') === echoed)
  );
}

/** A reviver's third argument (JSON.parse source text access, ES2026; V8 since Node 21): the value's own text. */
type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;
// The lib's JSON.parse types its reviver with two parameters; the engine passes a third, which this one reads.
const parseWithSource = JSON.parse as (text: string, reviver: Reviver) => unknown;

/** A run of 16 or more digits: the only way to write an integer beyond 2^53 that JSON.parse reads as an integer. */
const LONG_INTEGER = /\d{16}/;

// The last request body looked at and whether it has one: each echo check of a case asks of the same body, which may
// be a MiB long.
let lastBody: string | undefined;
let lastHasLongInteger = false;

/** Whether `body` writes an integer of 16 or more digits (`LONG_INTEGER`), remembered for the body asked last. */
function hasLongInteger(body: string): boolean {
  if (body !== lastBody) {
    lastBody = body;
    lastHasLongInteger = LONG_INTEGER.test(body);
  }
  return lastHasLongInteger;
}

/**
 * `text` parsed with its integers beyond 2^53 (within the double range) as BigInts, exactly as written; undefined
 * where it is no JSON or the engine gives no source text (Node 20).
 */
export function exactIntegers(text: string): unknown {
  try {
    return parseWithSource(text, (_key, value, context) =>
      typeof value === 'number' &&
      Number.isFinite(value) &&
      !Number.isSafeInteger(value) &&
      context?.source !== undefined &&
      /^-?\d+$/.test(context.source)
        ? BigInt(context.source)
        : value,
    );
  } catch {
    // Not JSON, or nested deeper than the reviver's recursion goes: nothing to say about its integers.
    return undefined;
  }
}

/** The first integer beyond 2^53 sent that the echo changed, as `[sent, received]` text; undefined where none was. */
export function changedInteger(sent: unknown, received: unknown): [string, string] | undefined {
  const stack: [unknown, unknown][] = [[sent, received]];
  for (let pair = stack.pop(); pair !== undefined; pair = stack.pop()) {
    const [a, b] = pair;
    if (typeof a === 'bigint') {
      if (a !== b) return [a.toString(), typeof b === 'bigint' ? b.toString() : writeJson(b ?? null)];
    } else if (Array.isArray(a)) {
      if (Array.isArray(b)) a.forEach((x, i) => stack.push([x, b[i]]));
    } else if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object' && !Array.isArray(b))
      for (const [k, x] of Object.entries(a)) stack.push([x, (b as Members)[k]]);
  }
  return undefined;
}

/**
 * Whether the answer's schema admits null at `path` (the body with null there validates at that place): where it does
 * not (`owner` is a uuid, not nullable), leaving out a null sent is the only way to echo it, no omission.
 */
function nullAdmitted(
  body: Record<string, unknown>,
  path: readonly string[],
  res: ReceivedResponse,
  validators: Validators,
): boolean {
  // An answer labelled with a type its status does not document (text/json) is still read as JSON: its JSON schema.
  const validator =
    validators.responseFor(res.status, res.headers['content-type']) ??
    validators.responseFor(res.status, 'application/json');
  if (validator === undefined || path.length === 0) return true;
  const root: Record<string, unknown> = { ...body };
  let node = root;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    if (!isObject(child)) return true;
    node = node[key] = { ...child };
  }
  node[path[path.length - 1]] = null;
  const pointer = `/${path.join('/')}`;
  return !validator.validate(root).some((e) => e.instancePath === pointer);
}

/**
 * How many answers must have echoed a field's values (or written it as null) before one that leaves out a value sent
 * fails (`echo-dropped`): a server that never writes a field shows no echo to compare with.
 */
const ECHOED_BEFORE_DROP = 3;

/** How many of the last containers sent for a field a run keeps, to tell one leaked into another request's answer. */
export const SENT_KEPT = 16;

/**
 * Whether a value is one of JSON's empty values (`""`, `0`, `false`, `[]`, `{}`), which writers that drop "empty"
 * members leave out; read without writing it (a value sent may be 64 KiB, or nested 10,000 deep).
 */
function isEmptyValue(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return v === '' || v === 0 || v === false || (isObject(v) && Object.keys(v).length === 0);
}

/** Whether a value is an object or array with something in it: what one request's data leaked into another's is. */
export function isFilledContainer(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !isEmptyValue(v);
}

/**
 * A value sent that another request's answer may be told to have leaked from: a filled container, or a string that is
 * not empty (a leaked string is judged only where the field's fill for requests without it has changed, see below).
 */
function isKeptValue(v: unknown): boolean {
  return isFilledContainer(v) || (typeof v === 'string' && v !== '');
}

/** Reads `path` in a JSON value; undefined when any step is missing. */
export function at(value: unknown, ...path: readonly string[]): unknown {
  let node = value;
  for (const key of path) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

type Members = Record<string, unknown>;

/**
 * Deep JSON equality of a sent value and the value echoed (key order ignored), without recursion: `properties` may
 * nest 10,000 levels. Numbers compare as the doubles both sides parse to (`1.0` and `1`, `1E2` and `100` are one
 * number); a number sent beyond the double range (JSON.parse makes `1e400` Infinity) matches any echoed number or
 * null, since no double parser keeps it (RFC 8259 §9); a string or member name with a lone surrogate matches its
 * echo with the surrogate replaced (`surrogatesReplaced`). With `near`, two finite numbers it calls near are equal too.
 */
export function jsonEqual(
  sent: unknown,
  received: unknown,
  near?: (sent: number, received: number) => boolean,
): boolean {
  const stack: [unknown, unknown][] = [[sent, received]];
  for (let pair = stack.pop(); pair !== undefined; pair = stack.pop()) {
    const [a, b] = pair;
    if (a === b) continue;
    if (near !== undefined && typeof a === 'number' && typeof b === 'number' && Number.isFinite(b) && near(a, b))
      continue;
    if (typeof a === 'number' && !Number.isFinite(a) && (b === null || typeof b === 'number')) continue;
    if (typeof a === 'string' && surrogatesReplaced(a, b)) continue;
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
      const echoed = Object.hasOwn(b, k)
        ? k
        : k.isWellFormed()
          ? undefined
          : Object.keys(b).find((name) => surrogatesReplaced(k, name));
      if (echoed === undefined || !Object.hasOwn(b, echoed)) return false;
      stack.push([(a as Members)[k], (b as Members)[echoed]]);
    }
  }
  return true;
}

/** Significant digits an echoed number may keep and still be advice, not a failure (see `echoCheck`). */
const ROUNDED_DIGITS = 15;

/** The sent number written with 15 significant digits (Perl's output), not any number that agrees to as many. */
const roundedTo15 = (a: number, b: number) => b === Number(a.toPrecision(ROUNDED_DIGITS));

/**
 * The sent number read by a parser that does not round correctly (serde_json without `float_roundtrip`): a step or two
 * off in the last place, which RFC 8259 §6's "approximate JSON numbers within the expected precision" allows.
 */
const stepsOff = (a: number, b: number) => Math.abs(b - a) <= 2 * Number.EPSILON * Math.abs(a);

/** A uuid as RFC 9562 §4 has it output: lower case, no `urn:uuid:` prefix (any other value as it is). */
const canonicalUuid = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/^urn:uuid:/, '') : v);

/** Two spellings of one uuid (case, `urn:uuid:` prefix) are the same uuid. */
export function sameUuid(a: unknown, b: unknown): boolean {
  return canonicalUuid(a) === canonicalUuid(b);
}

const EQUALITY: Readonly<Record<EchoField['compare'], (sent: unknown, received: unknown) => boolean>> = {
  json: jsonEqual,
  uuid: sameUuid,
};

/**
 * A preview of a value for a message: the first 120 characters, written without recursion, a number beyond the
 * double range as `Infinity` (so that a 1e400 sent does not read as a null sent).
 */
function shown(v: unknown): string | undefined {
  return v === undefined ? undefined : writeJson(v, true).slice(0, 120);
}

/**
 * An echo check over a 2xx JSON object. Where the request carried a value: `null` in the answer contradicts it (a
 * failure), a different value too; a field left out is an omission (the schema requires nothing: a warning, counted
 * and listed). Where the request carried none, an `always` field must come back absent or null, a `given` one anything
 * but an empty string.
 */
function echoCheck({ name, description, fields }: EchoGroup, rule: string): Check {
  // Per field: how many answers echoed a value that was not empty (its path as the key). A server shows by them that it
  // echoes the field, so leaving out such a value elsewhere is no writer's rule but a value lost for some requests.
  const echoedValues = new Map<string, number>();
  // Per field: how many answers wrote it as null for a request that sent null or nothing. A writer that writes a null
  // there omits nothing (no omitempty, no NON_NULL): leaving out a value sent is a value lost, as above.
  const wroteNull = new Map<string, number>();
  // How many answers echoed a value that was not empty for some field of the group: where one also leaves out another
  // field's value, the writer drops that field only, no writer's rule (a field forgotten in the copy: three probes).
  let groupEchoes = 0;
  // Per field the server may fill: the last objects, arrays and strings sent for it, with their cases. One of them back
  // for a request that sent none is another request's data: state shared between requests (Python's mutable default
  // argument, a module-level object that each request updates). A string only once the field's fill has changed
  // (`lastFill`): a server's constant default that a request once sent as its own value is no leak.
  const sentLately = new Map<string, { id: string; value: unknown }[]>();
  // Per field the server may fill: what the last answer to a request without it held there (null for nothing).
  const lastFill = new Map<string, unknown>();
  return {
    name,
    description,
    scope: 'request',
    applies: (c) => c.kind === 'valid',
    judge: answered((c, body, res, ctx) => {
      const failures: Finding[] = [];
      const omitted: { where: string; sent: unknown }[] = [];
      let echoedHere = false;
      // Both sides with their long integers exact, read only when the request wrote one (most requests do not).
      let exact: { sent: unknown; received: unknown } | undefined;
      const exactly = () =>
        (exact ??=
          c.body !== undefined && hasLongInteger(c.body)
            ? { sent: exactIntegers(c.body), received: exactIntegers(res.body) }
            : { sent: undefined, received: undefined });
      for (const f of fields) {
        const received = at(body, ...f.response);
        const given = at(caseValue(c), f.request);
        // Absent and null are one value to compare (absent ≡ null), but a message says which the request did.
        const sent = given ?? null;
        const where = f.response.join('.');
        const pointer = `/${f.response.join('/')}`;
        // What this field was filled with for the last request without it (null for nothing); undefined before any.
        const filledBefore = f.when === 'given' && sent === null ? lastFill.get(where) : undefined;
        if (f.when === 'given' && sent === null) lastFill.set(where, received ?? null);
        // Advice on this field: a warning, never a failure.
        const advise = (kind: string, message: string, got: unknown, documented: unknown) =>
          failures.push({ ...warn(kind, rule, message, got, documented), at: pointer });
        if (f.when === 'advice') {
          if (received !== undefined && received !== null && given !== undefined && given !== null)
            if (!EQUALITY[f.compare](given, received))
              advise(
                'echo-differs',
                `${res.status} ${where} is not the request's ${f.request}: Received: ${shown(received)} / Sent: ${shown(given)} (advice: it may name the entity as another system knows it)`,
                received,
                given,
              );
          continue;
        }
        if (received === undefined) {
          // A null sent and left out is an omission too (a writer that drops nulls) where the answer may hold null.
          if (given !== undefined && (sent !== null || nullAdmitted(body, f.response, res, ctx.validators)))
            omitted.push({ where, sent });
          continue;
        }
        if (received !== null && sent !== null && !isEmptyValue(sent)) {
          echoedValues.set(where, (echoedValues.get(where) ?? 0) + 1);
          echoedHere = true;
        }
        if (received === null && sent === null) wroteNull.set(where, (wroteNull.get(where) ?? 0) + 1);
        if (received === null) {
          if (sent !== null)
            failures.push({
              ...fail(
                'echo-null',
                rule,
                `${res.status} ${where} is null, but the request's ${f.request} was ${shown(sent)}`,
                null,
                sent,
              ),
              at: pointer,
            });
          continue;
        }
        if (f.when === 'given' && isKeptValue(sent)) {
          const kept = sentLately.get(where) ?? [];
          if (kept.push({ id: c.id, value: sent }) > SENT_KEPT) kept.shift();
          sentLately.set(where, kept);
        }
        // A field the server may fill when none was sent.
        if (f.when === 'given' && sent === null) {
          // A string is judged only once this field's fill has changed: a constant default never does, where state
          // left by the last request that sent the field (a decoded struct reused, Go's sync.Pool) does.
          const judged =
            isKeptValue(received) &&
            (typeof received !== 'string' ||
              (filledBefore !== undefined && !EQUALITY[f.compare](filledBefore, received)));
          const leaked = judged
            ? sentLately.get(where)?.find((k) => k.id !== c.id && EQUALITY[f.compare](k.value, received))
            : undefined;
          if (leaked !== undefined) {
            failures.push({
              ...fail(
                'echo-leaked',
                rule,
                `${res.status} ${where} is ${shown(received)}, the value an earlier request (${leaked.id}) sent, where this one sent ${given === null ? `${f.request} as null` : `no ${f.request}`}: another request's data (state shared between requests, a mutable default?)`,
                received,
                null,
              ),
              at: pointer,
            });
            continue;
          }
          // None sent, the nil UUID back: no one named (RFC 9562 §5.9), a zero value left unset (Java's new UUID(0, 0),
          // Go's uuid.Nil); advice where the answer's member is not nullable (owner), since a server with none to name
          // needs one; where it admits null (collectiveId), the zero value stands for null, as "" does: compared below.
          const nilForNull =
            f.compare === 'uuid' && typeof received === 'string' && isNilUuid(received)
              ? nullAdmitted(body, f.response, res, ctx.validators)
              : undefined;
          if (nilForNull === false)
            advise(
              'echo-nil-uuid',
              `${res.status} ${where} is the nil UUID where the request sent ${given === null ? `${f.request} as null` : `no ${f.request}`}: no one named (RFC 9562 §5.9; a zero value left unset?)`,
              received,
              null,
            );
          // A null sent, an empty object or array back: null made the container's zero value (a default filled in,
          // lua-cjson's `{}` for an empty table); the server may fill what was not sent, so advice.
          const container = given === null && typeof received === 'object' ? writeJson(received) : undefined;
          if (container === '{}' || container === '[]')
            advise(
              'echo-null-filled',
              `${res.status} ${where} is ${container} where the request sent ${f.request} as null (null made an empty value: a default filled in?)`,
              received,
              null,
            );
          // Its own value passes, but an empty string is no value of its own: it is the zero value of a non-nullable
          // string (Go's `string`, a column NOT NULL DEFAULT '') standing for null; so is a nil UUID where null fits.
          if (received !== '' && nilForNull !== true) continue;
        }
        if (EQUALITY[f.compare](sent, received)) {
          // The same uuid in another spelling than sent and than its lower-case form: RFC 9562 §4 has uuids output in
          // lower case (a store's own spelling, SQL Server's upper-case uniqueidentifier, written back); advice.
          if (f.compare === 'uuid' && received !== sent && received !== canonicalUuid(sent))
            advise(
              'echo-uuid-spelling',
              `${res.status} ${where} echoes the request's ${f.request} as the same uuid spelt otherwise: ${shown(received)} for ${shown(sent)} (RFC 9562 §4: output in lower case)`,
              received,
              sent,
            );
          // Equal as doubles, but an integer beyond 2^53 may have been read into one and written back as its neighbour
          // (9007199254740993 as …992): RFC 8259 §6 makes exactness there no interoperable promise, so advice.
          const changed =
            f.compare === 'json'
              ? changedInteger(at(exactly().sent, f.request), at(exactly().received, ...f.response))
              : undefined;
          if (changed !== undefined && exactly().received !== undefined)
            advise(
              'echo-rounded',
              `${res.status} ${where} echoes the request's ${f.request} with an integer beyond 2^53 changed: ${changed[0]} came back as ${changed[1]}, read into a double (RFC 8259 §6: integers are exact across implementations up to 2^53)`,
              changed[1],
              changed[0],
            );
        } else {
          // RFC 8259 §6 lets an implementation limit the precision of numbers: 15 significant digits kept (Perl's
          // default output) or a step off in the last place (a parser that does not round correctly) is advice, not a
          // wrong value; a double holds 17, and less than 15 is a wrong value.
          const rounded = f.compare === 'json' && jsonEqual(sent, received, roundedTo15);
          if (rounded || (f.compare === 'json' && jsonEqual(sent, received, stepsOff))) {
            advise(
              'echo-rounded',
              rounded
                ? `${res.status} ${where} echoes the request's ${f.request} with its numbers rounded to ${ROUNDED_DIGITS} significant digits (RFC 8259 §6: a double holds 17)`
                : `${res.status} ${where} echoes the request's ${f.request} with a number a step off in its last place, as a parser that does not round correctly reads it (RFC 8259 §6: within a double's precision)`,
              received,
              sent,
            );
            continue;
          }
          failures.push({
            ...fail(
              'echo-mismatch',
              rule,
              `${res.status} ${where} does not echo the request's ${f.request}: Received: ${shown(received)} / Sent: ${given === undefined ? '(absent)' : shown(sent)}${otherForm(sent, received) ? ' (the same text in another Unicode normal form: normalized, as NFC or NFD)' : ''}`,
              received,
              sent,
            ),
            at: pointer,
          });
        }
      }
      // One finding a field, so that the warnings list says every field a server leaves out (Go's omitempty drops
      // each empty string), not the fields of whichever case came first.
      const siblings = echoedHere && groupEchoes >= ECHOED_BEFORE_DROP;
      if (echoedHere) groupEchoes++;
      for (const { where, sent } of omitted) {
        const empty = sent !== null && isEmptyValue(sent);
        const pointer = `/${where.split('.').join('/')}`;
        // A value, left out where other answers echoed the values they were sent, or wrote the member as null, or
        // where the answer echoes the group's other values: the answer misstates what was created.
        const echoed = (echoedValues.get(where) ?? 0) >= ECHOED_BEFORE_DROP;
        const nulls = (wroteNull.get(where) ?? 0) >= ECHOED_BEFORE_DROP;
        if (sent !== null && !empty && (echoed || nulls || siblings)) {
          failures.push({
            ...fail(
              'echo-dropped',
              rule,
              `${res.status} leaves out ${where} that the request sent as ${shown(sent)}, where ${echoed ? 'other answers echoed the values they were sent: the value is lost for some requests only' : nulls ? 'other answers wrote it as null (the writer omits no null): the value is lost' : 'this answer and others echo the values sent beside it: this member is lost, not left out by a writer that drops empty values'}`,
              null,
              sent,
            ),
            at: pointer,
          });
          continue;
        }
        failures.push({
          ...warn(
            'echo-omission',
            rule,
            // An empty value left out is a writer's rule, which the value says (Go's omitempty drops each "").
            sent === null
              ? `${res.status} leaves out ${where} that the request sent as null (a null dropped: a writer that omits nulls, as Jackson's NON_NULL and serde's skip_serializing_if do? An omission: the schema requires nothing)`
              : empty
                ? `${res.status} leaves out ${where} that the request sent as ${writeJson(sent)} (an empty value dropped: a writer that omits empty values, as Go's omitempty and PHP's array_filter do? An omission: the schema requires nothing)`
                : `${res.status} leaves out ${where} that the request sent (an omission: the schema requires nothing)`,
            null,
            where,
          ),
          at: pointer,
        });
      }
      return failures;
    }),
  };
}

/**
 * Where a 2xx carries the profile's `requestType` member, it has the due value: the default operation creates Entity
 * onboarding requests (`requestType: Entity`).
 */
function echoRequestType(field: string, value: string, rule: string): Check {
  return {
    name: 'echo-request-type',
    description: `a created request has ${field} ${value}`,
    scope: 'request',
    applies: (c) => c.kind === 'valid',
    judge: answered((_c, body, res) =>
      body[field] === undefined || body[field] === value
        ? undefined
        : {
            ...fail(
              'echo-mismatch',
              rule,
              `${res.status} ${field}: Received: ${JSON.stringify(body[field])} / Expected: ${JSON.stringify(value)}`,
              body[field],
              value,
            ),
            // The answer's member: a value the schema refuses there too is one cause (src/report/cause.ts).
            at: `/${field}`,
          },
    ),
  };
}

/** The echo checks of an operation's profile, in report order: its request type, then its echo groups. */
export function echoChecks(p: OperationProfile): Check[] {
  const rule = rulesOf(p).created;
  return [
    ...(p.requestType ? [echoRequestType(p.requestType.field, p.requestType.value, rule)] : []),
    ...p.echoes.map((g) => echoCheck(g, rule)),
  ];
}
