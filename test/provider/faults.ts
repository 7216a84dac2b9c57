// Seeded faults: each is ONE realistic bug an ASP.NET or Node implementation
// could ship, triggered by the inputs a suite sends (never by a request count).
// Each replaces or wraps one hook of the Behaviour (behaviour.ts) or of its
// ValidationPolicy (validate.ts). A correct suite must fail every one of them.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { domainToASCII } from 'node:url';
import { createHash, randomUUID } from 'node:crypto';
import { deflateRawSync, gzipSync } from 'node:zlib';
import {
  DECODERS,
  JSON_UTF8,
  jsonReply,
  mediaTypeOf,
  parseAuthorization,
  repeatedField,
  textReply,
  type AuthOutcome,
  withHeaders,
  type Behaviour,
  type Parsed,
  type Reply,
  type Wire,
} from './behaviour.ts';
import { errorResult, singleError, type CreateContext, type OnboardingRequest } from './respond.ts';
import {
  ENTITY_TYPES,
  FIELDS,
  STRING_FIELDS,
  isJsonObject,
  issue,
  jsonKind,
  validateEntityRequest,
  type EntityRequest,
  type FieldName,
  type EntityType,
  type Issue,
  type Json,
  type ValidationPolicy,
} from './validate.ts';

/**
 * Bytes a request leaves on its connection: once `leaves` says one did, the next request on that connection is not
 * answered as it should be but as `then` says (read from the bytes left behind).
 */
function leftOnConnection(
  b: Behaviour,
  leaves: (req: IncomingMessage, wire: Wire) => boolean,
  then: (req: IncomingMessage) => void,
): Behaviour {
  const left = new WeakSet<object>();
  return {
    ...b,
    transmit: (res, wire, req) => {
      if (left.has(req.socket)) return then(req);
      if (leaves(req, wire)) left.add(req.socket);
      b.transmit(res, wire, req);
    },
  };
}

/** Whether a read holds a whole message framed by Content-Length and more bytes after its body. */
function bytesAfterBody(chunk: Buffer): boolean {
  const end = chunk.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)\r\n/i.exec(chunk.toString('latin1', 0, end + 2))?.[1];
  return length !== undefined && chunk.length > end + 4 + Number(length);
}

/** The request's members in the order the spec declares them (a struct that follows the spec): `properties` after `owner`. */
const DECLARED_ORDER: readonly FieldName[] = [
  ...STRING_FIELDS.slice(0, STRING_FIELDS.indexOf('owner') + 1),
  'properties',
  ...STRING_FIELDS.slice(STRING_FIELDS.indexOf('owner') + 1),
  'type',
];

/** An ISO 8601 date and time, as Rails' parse_json_times recognises one. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** readJson that lets `f` change an object body in place, or answer for it; other bodies pass as they are. */
function onObject(
  b: Behaviour,
  f: (value: Record<string, Json>, url: string | undefined) => Parsed | undefined,
): Behaviour['readJson'] {
  return (raw, contentType, url) => {
    const parsed = b.readJson(raw, contentType, url);
    if (parsed.kind !== 'json' || !isJsonObject(parsed.value)) return parsed;
    return f(parsed.value as Record<string, Json>, url) ?? parsed;
  };
}

/** A POST whose `override` names another method is routed as that method (method spoofing): its 405. */
function methodOverride(b: Behaviour, override: (req: IncomingMessage) => string | undefined): Behaviour {
  return {
    ...b,
    admit: (req) => {
      const method = override(req);
      return method !== undefined ? b.wrongMethod(method.toUpperCase()) : b.admit(req);
    },
  };
}

/** A lenient JSON reader: the text rewritten outside string literals (and inside them) into JSON, then read. */
function lenientText(
  b: Behaviour,
  outside: (text: string) => string,
  inside: (literal: string) => string = (literal) => literal,
): Behaviour {
  return {
    ...b,
    readJson: (raw, contentType, url) => {
      const text = raw
        .toString('utf8')
        .replace(/"(?:[^"\\]|\\.)*"|[^"]+/gs, (part) => (part.startsWith('"') ? inside(part) : outside(part)));
      return b.readJson(Buffer.from(text, 'utf8'), contentType, url);
    },
  };
}

/** The 201's `properties` replaced by `map` of them, when the answer has them. */
function onProperties(b: Behaviour, map: (properties: unknown) => unknown): Behaviour {
  return afterBuild(b, (body) => {
    const entity = body.data?.entity as Record<string, unknown> | undefined;
    if (entity && entity['properties'] !== undefined) entity['properties'] = map(entity['properties']);
  });
}

/** A check of the verdict profile, by name (checks/index.ts). */
export type CheckName =
  | 'response-is-received'
  | 'not-a-server-error'
  | 'operation-method-is-allowed'
  | 'status-is-allowed'
  | 'valid-is-created'
  | 'invalid-is-rejected'
  | 'auth-is-enforced'
  | 'media-type-is-enforced'
  | 'media-types-agree'
  | 'method-is-not-allowed'
  | 'path-is-not-found'
  | 'content-type-conformance'
  | 'response-schema-conformance'
  | 'labelled-json-is-json'
  | 'unchunked-to-http-1-0'
  | 'coding-is-accepted'
  | 'answer-ends-as-framed'
  | 'close-is-honoured'
  | 'connection-is-reusable'
  | 'echo-request-type'
  | 'echo-entity-type'
  | 'echo-entity-information'
  | 'echo-collective-id'
  | 'echo-owner'
  | 'echo-properties'
  | 'echo-return-url'
  | 'created-is-now'
  | 'ids-are-assigned'
  | 'fills-are-own'
  | 'unique-id';

export type FaultArea = 'lax-validation' | 'valid-refused' | 'response-schema' | 'wrong-answer' | 'auth' | 'transport';

export interface Fault {
  readonly name: string;
  readonly description: string;
  readonly area: FaultArea;
  /** The checks that must fail against it (the harness asserts each failed, not only that the run failed). */
  readonly caughtBy: readonly CheckName[];
  readonly apply: (b: Behaviour) => Behaviour;
}

// ---- small helpers to keep each fault a one-liner --------------------------------

/** Every 201 with `Location: location` (made afresh for each answer when a function). */
function locatedAt(location: string | ((body: OnboardingRequest) => string)): Fault['apply'] {
  const made = typeof location === 'string' ? () => location : location;
  return (b) => ({ ...b, created: (body, ctx) => withHeaders(b.created(body, ctx), { Location: made(body) }) });
}

/** Every 201 with the string member `field` of data.entity.information changed by `edit` (a store's rewrite of it). */
function informationEdited(
  field: 'brand' | 'name' | 'identifier' | 'track' | 'associatedEmail' | 'pairingCode',
  edit: (value: string) => string,
): Fault['apply'] {
  return (b) =>
    afterBuild(b, (body) => {
      const info = body.data?.entity?.information;
      const value = info?.[field];
      if (info !== undefined && typeof value === 'string') info[field] = edit(value);
    });
}

/**
 * A server that closes the connection once an answer is written, where `when` says so, without the close option in
 * that answer (Node still writes `Connection: keep-alive`): a client that reuses the connection loses its next request.
 */
function closesAfter(b: Behaviour, when: (...args: Parameters<Behaviour['transmit']>) => boolean): Behaviour {
  return {
    ...b,
    transmit: (res, wire, req) => {
      if (when(res, wire, req)) res.once('finish', () => req.socket.end());
      b.transmit(res, wire, req);
    },
  };
}

/** The 400 a body reader written by hand answers a body it could not read (`message` says why). */
function malformedBody(message: string): Wire {
  return {
    status: 400,
    headers: { 'Content-Type': JSON_UTF8 },
    body: JSON.stringify(errorResult([issue('MalformedBody', '$', null, message)])),
  };
}

/**
 * Answers that `when` picks streamed with `Transfer-Encoding: chunked` set by hand, which Node then writes whatever
 * the request's version.
 */
function chunkedWhen(b: Behaviour, when: (wire: Wire) => boolean): Behaviour {
  return {
    ...b,
    transmit: (res, wire, req) => {
      if (!when(wire)) return b.transmit(res, wire, req);
      res.writeHead(wire.status, { ...wire.headers, 'Transfer-Encoding': 'chunked' });
      res.end(wire.body);
    },
  };
}

/**
 * A server that reads a socket's bytes itself (a reader written by hand): `seen` marks the socket whose bytes show
 * what it looks for, and `transmit` answers the request on it knowing whether they did (the mark is then cleared).
 */
function onRawBytes(
  b: Behaviour,
  seen: (chunk: Buffer) => boolean,
  transmit: (marked: boolean, ...args: Parameters<Behaviour['transmit']>) => void,
): Behaviour {
  const marked = new WeakSet<object>();
  return {
    ...b,
    connected: (socket) =>
      socket.on('data', (chunk: Buffer) => {
        if (seen(chunk)) marked.add(socket);
      }),
    transmit: (res, wire, req) => {
      const was = marked.has(req.socket);
      marked.delete(req.socket);
      transmit(was, res, wire, req);
    },
  };
}

/** A request that `when` picks throws `error()` in the handler before it is stored: the framework's 500. */
function crashesWhen(when: (req: EntityRequest) => boolean, error: () => Error): Fault['apply'] {
  return (b) => ({
    ...b,
    beforeCreate: (req) => {
      if (when(req)) throw error();
      return b.beforeCreate(req);
    },
  });
}

/** A body that parses, refused with `refusal` when `when` picks it (a rule of the server's own beyond the schema). */
function refusedWhen(when: (value: Record<string, unknown>) => boolean, refusal: Issue): Fault['apply'] {
  return (b) => ({
    ...b,
    readJson: (raw, contentType, url) => {
      const parsed = b.readJson(raw, contentType, url);
      return parsed.kind === 'json' && isJsonObject(parsed.value) && when(parsed.value)
        ? { kind: 'invalid', issue: refusal }
        : parsed;
    },
  });
}

/** The answer's top-level `member` left out wherever `when` holds of the request (a writer's branch for some requests). */
function leftOutWhen(member: string, when: (req: EntityRequest) => boolean): Fault['apply'] {
  return (b) =>
    afterBuild(b, (body, req) => {
      if (when(req)) delete loose(body)[member];
    });
}

/** A body that parses, read as `edit` makes it before validation (a binder's defaults or coercions of its own). */
function readAs(edit: (value: Record<string, unknown>) => Record<string, unknown>): Fault['apply'] {
  return (b) => ({
    ...b,
    readJson: (raw, contentType, url) => {
      const parsed = b.readJson(raw, contentType, url);
      return parsed.kind === 'json' && isJsonObject(parsed.value)
        ? { kind: 'json', value: edit(parsed.value) }
        : parsed;
    },
  });
}

/** A request whose Content-Length is over `bytes` (and that `also` picks) answered `reply` before its body is read. */
function refusedOver(
  bytes: number,
  reply: () => Reply,
  also: (req: IncomingMessage) => boolean = () => true,
): Fault['apply'] {
  return answeredWhen((req) => Number(req.headers['content-length'] ?? 0) > bytes && also(req), reply);
}

/** Whether a request says a browser's script sent it (`X-Requested-With: XMLHttpRequest`, jQuery's and Angular's). */
function fromScript(req: IncomingMessage): boolean {
  return /xmlhttprequest/i.test(String(req.headers['x-requested-with'] ?? ''));
}

/** A request `when` picks answered with `reply` before the handler sees it (a middleware's, a gateway's answer). */
function answeredWhen(when: (req: IncomingMessage) => boolean, reply: (req: IncomingMessage) => Reply): Fault['apply'] {
  return (b) => ({ ...b, admit: (req) => (when(req) ? reply(req) : b.admit(req)) });
}

/** The reply (or the answer as written) without the field `name` (any case). */
function withoutField<T extends Pick<Reply, 'headers'>>(reply: T, name: string): T {
  const headers = Object.fromEntries(Object.entries(reply.headers).filter(([k]) => k.toLowerCase() !== name));
  return { ...reply, headers };
}

/** The reply (or the answer as written) without its WWW-Authenticate challenge. */
function withoutChallenge<T extends Pick<Reply, 'headers'>>(reply: T): T {
  return withoutField(reply, 'www-authenticate');
}

/** A body limit of `bytes` (the reader's, before the handler), a body over it answered as `answer` says. */
function bodyLimit(bytes: number, answer: (b: Behaviour) => Reply): Fault['apply'] {
  return (b) => ({ ...b, maxBodyBytes: bytes, tooLarge: () => answer(b) });
}

/** A framework's redirect rendered for a browser (Laravel's back() and its login redirect): a 302 with an HTML page. */
function redirectedTo(location: string): Wire {
  return {
    status: 302,
    headers: { Location: location, 'Content-Type': 'text/html; charset=UTF-8' },
    body: '<!DOCTYPE html><title>Redirecting</title>',
  };
}

/** The answer as written, edited before it is sent (`edit` gives it back as it is where the fault does not apply). */
function writtenAs(b: Behaviour, edit: (wire: Wire, req: IncomingMessage) => Wire): Behaviour {
  return { ...b, transmit: (res, wire, req) => b.transmit(res, edit(wire, req), req) };
}

/** The answer written in ISO-8859-1 and labelled so: no JSON text (RFC 8259 §8.1) where it goes beyond ASCII. */
function writeLatin1(res: ServerResponse, wire: Wire): void {
  const bytes = Buffer.from(wire.body, 'latin1');
  res.writeHead(wire.status, {
    ...wire.headers,
    'Content-Type': 'application/json; charset=iso-8859-1',
    'Content-Length': String(bytes.length),
  });
  res.end(bytes);
}

/** An answer as a hand-written server writes it to the socket: status line, fields, Content-Length, the body whatever the method. */
function writtenByHand(wire: Wire): Buffer {
  const body = Buffer.from(wire.body, 'utf8');
  const fields = Object.entries({ ...wire.headers, 'Content-Length': String(body.length) })
    .map(([k, v]) => `${k}: ${String(v)}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${wire.status} Answer\r\n${fields}\r\n`, 'latin1'), body]);
}

function policy(b: Behaviour, patch: Partial<ValidationPolicy>): Behaviour {
  return { ...b, validation: { ...b.validation, ...patch } };
}

function withoutRequired(b: Behaviour, field: FieldName): Behaviour {
  return policy(b, { required: new Set([...b.validation.required].filter((f) => f !== field)) });
}

/** The 201's data.entity.id made by `id` from the request and the id assigned; undefined leaves it as it is. */
function entityIdAs(b: Behaviour, id: (req: EntityRequest, assigned: unknown) => unknown): Behaviour {
  return afterBuild(b, (body, req) => {
    const entity = body.data?.entity as Record<string, unknown> | undefined;
    const made = entity === undefined ? undefined : id(req, entity['id']);
    if (entity !== undefined && made !== undefined) entity['id'] = made;
  });
}

/** Edits the 201 body after the (otherwise correct) builder. */
function afterBuild(
  b: Behaviour,
  edit: (body: OnboardingRequest, req: EntityRequest, ctx: CreateContext) => void,
): Behaviour {
  return {
    ...b,
    buildCreated: (req, ctx) => {
      const body = b.buildCreated(req, ctx);
      edit(body, req, ctx);
      return body;
    },
  };
}

/** Text in a uuid's form, any version, either case (`identifier-uuid-as-entity-id`). */
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A version-5-shaped uuid hashed (SHA-1) from `name`: the same name, the same uuid (RFC 9562 §5.5). */
function nameBasedUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Makers in their own spelling, by the lower-case name a user types (`maker-alias-table`). */
const MAKERS = new Map(
  ['Tesla', 'SMA', 'Fronius', 'SolarEdge', 'Enphase', 'Huawei', 'Sonnen'].map((m) => [m.toLowerCase(), m]),
);

/** For edits that break the declared types on purpose. */
function loose(o: object): Record<string, unknown> {
  return o as Record<string, unknown>;
}

/** Post-processes the outcome of the correct authentication check (`url` and `cookie` are the request's). */
function mapAuth(
  b: Behaviour,
  map: (outcome: AuthOutcome, header: string | undefined, token: string, url: string, cookie: string) => AuthOutcome,
): Behaviour {
  return {
    ...b,
    authenticate: (header, token, lines, url, cookie) =>
      map(b.authenticate(header, token, lines, url, cookie), header, token, url ?? '/', cookie ?? ''),
  };
}

/** The token also taken from a query parameter when no Authorization header came (a token guard's fallback). */
function tokenInQuery(b: Behaviour, parameter: string): Behaviour {
  return mapAuth(b, (outcome, h, token, url) =>
    h === undefined && new URL(url, 'http://x').searchParams.get(parameter) === token ? 'ok' : outcome,
  );
}

function refuseMediaType(b: Behaviour, refuse: (contentType: string) => boolean): Behaviour {
  return { ...b, acceptsMediaType: (ct) => (ct !== undefined && refuse(ct) ? false : b.acceptsMediaType(ct)) };
}

const isUrlencoded = (ct: string | undefined): boolean => /^application\/x-www-form-urlencoded\s*(;|$)/i.test(ct ?? '');
const camelCase = (s: string): string =>
  s === s.toUpperCase() ? s.toLowerCase() : s.charAt(0).toLowerCase() + s.slice(1);
const pascalCase = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const pad = (n: number): string => String(n).padStart(2, '0');
const HYPHENATED = '[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}';
const BRACED_UUID = new RegExp(`^\\{(${HYPHENATED})\\}$`, 'i');
const PARENTHESISED_UUID = new RegExp(`^\\((${HYPHENATED})\\)$`, 'i');
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;
/** A NaN or infinity outside a string (strings are matched first and kept). */
const NON_JSON_NUMBER = /"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)/g;
/** Minted once at start-up instead of per request. */
const STARTUP_ID = randomUUID();

function stripNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (isJsonObject(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, Json>)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, stripNulls(v)]),
    );
  }
  return value;
}

const EMPTY_REQUEST: EntityRequest = {
  type: ENTITY_TYPES[0],
  brand: null,
  collectiveId: null,
  pairingCode: null,
  associatedEmail: null,
  name: null,
  owner: null,
  identifier: null,
  returnUrl: null,
  track: null,
  properties: null,
};

// ---- the faults ----------------------------------------------------------------------

export const FAULTS: readonly Fault[] = [
  // lax validation: invalid requests answered 2xx (or 5xx) instead of 400
  {
    name: 'additional-properties-accepted',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description: 'Unknown properties are silently ignored (the default of System.Text.Json/ASP.NET model binding).',
    apply: (b) => policy(b, { rejectUnknownKeys: false }),
  },
  {
    name: 'case-insensitive-keys',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "Property names bind case-insensitively (ASP.NET's JsonSerializerDefaults.Web), so 'Brand' is taken as brand.",
    apply: (b) =>
      policy(b, {
        bindKey: (keys, field) =>
          b.validation.bindKey(keys, field) ?? keys.find((k) => k.toLowerCase() === field.toLowerCase()),
      }),
  },
  {
    name: 'snake-case-aliases',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "Property names also bind in snake_case (pydantic's alias_generator with allow_population_by_field_name): 'return_url' is taken as returnUrl.",
    apply: (b) =>
      policy(b, {
        bindKey: (keys, field) =>
          b.validation.bindKey(keys, field) ??
          keys.find((k) => k === field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()),
      }),
  },
  {
    name: 'root-pairs-accepted',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "The body is made an object with dict() before validation (pydantic v1's parse_obj): a list of [name, value] pairs is taken as the object.",
    apply: (b) => ({
      ...b,
      readJson: (raw) => {
        const parsed = b.readJson(raw);
        const pairs =
          parsed.kind === 'json' &&
          Array.isArray(parsed.value) &&
          parsed.value.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string');
        // `pairs` checked every element above, which the compiler cannot carry through `every`.
        return pairs ? { kind: 'json', value: Object.fromEntries(parsed.value as [string, unknown][]) } : parsed;
      },
    }),
  },
  {
    name: 'enum-case-insensitive',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description: "type is matched ignoring case (Enum.TryParse(ignoreCase: true)): 'ev' is taken as EV.",
    apply: (b) =>
      policy(b, {
        parseEntityType: (v) =>
          typeof v === 'string'
            ? ENTITY_TYPES.find((t) => t.toLowerCase() === v.toLowerCase())
            : b.validation.parseEntityType(v),
      }),
  },
  {
    name: 'enum-tagged-object',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'type is a derived Rust enum (serde): besides "EV" it reads the externally tagged form {"EV": null} as that member.',
    apply: (b) =>
      policy(b, {
        parseEntityType: (v) => {
          if (!isJsonObject(v)) return b.validation.parseEntityType(v);
          const keys = Object.keys(v);
          return keys.length === 1 && (v as Record<string, Json>)[keys[0]] === null
            ? b.validation.parseEntityType(keys[0])
            : undefined;
        },
      }),
  },
  {
    name: 'struct-from-sequence',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "The body binds to a struct that derives serde's Deserialize: an array of the members' values in declaration order (the schema's) is read as the object.",
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) => {
        const parsed = b.readJson(raw, contentType, url);
        if (parsed.kind !== 'json' || !Array.isArray(parsed.value) || parsed.value.length !== DECLARED_ORDER.length)
          return parsed;
        const values = parsed.value as Json[];
        const value: Record<string, Json> = {};
        DECLARED_ORDER.forEach((name, i) => {
          if (values[i] !== null) value[name] = values[i];
        });
        return { kind: 'json', value };
      },
    }),
  },
  {
    name: 'enum-regex-dollar',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "type is matched by a pattern /^(?:Battery|EV|...)$/ in Perl or Python, whose $ also matches before a final newline: 'EV\\n' is created.",
    apply: (b) =>
      policy(b, {
        parseEntityType: (v) =>
          b.validation.parseEntityType(typeof v === 'string' && v.endsWith('\n') ? v.slice(0, -1) : v),
      }),
  },
  {
    name: 'c-string-compare',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "type and the uuids are checked as C strings (strcmp, uuid_parse on a string that may hold a NUL): what follows a NUL is ignored, so 'EV\\u0000x' is created.",
    apply: (b) => {
      const cut = (v: string) => v.split('\u0000', 1)[0];
      return policy(b, {
        parseEntityType: (v) => b.validation.parseEntityType(typeof v === 'string' ? cut(v) : v),
        parseUuid: (v) => b.validation.parseUuid(cut(v)),
      });
    },
  },
  {
    name: 'media-type-case-sensitive',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "The media type is compared case-sensitively (a pattern without the i flag, Hono's validator): 'Application/JSON' is refused with 415, against RFC 9110 §8.3.1 (Express, FastAPI and Flask blind probes).",
    apply: (b) => refuseMediaType(b, (ct) => /[A-Z]/.test(ct.split(';', 1)[0] ?? '')),
  },
  {
    name: 'suffix-media-type-case-sensitive',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "The HTTP layer lower-cases the common media types and the application compares a `+json` one case-sensitively: 'application/Vnd.Connect+JSON' is refused with 415 (Jetty blind probe).",
    apply: (b) =>
      refuseMediaType(b, (ct) => {
        const type = ct.split(';', 1)[0] ?? '';
        return /\+json$/i.test(type) && /[A-Z]/.test(type);
      }),
  },
  {
    name: 'bearer-without-space',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'The token is read by stripping the word Bearer and trimming: `Bearer<token>` with no space is accepted (Jetty blind probe; RFC 6750 §2.1 asks for a space).',
    apply: (b) => ({
      ...b,
      authenticate: (h, token, lines, url, cookie, head, version) =>
        h === `Bearer${token}` ? 'ok' : b.authenticate(h, token, lines, url, cookie, head, version),
    }),
  },
  {
    name: 'blank-name-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "A check for blank values (`if not name.strip()`, Bean Validation's @NotBlank) refuses a name of white space alone, which the schema's `type: string` admits (Flask blind probe).",
    apply: refusedWhen(
      (v) => typeof v.name === 'string' && v.name !== '' && v.name.trim() === '',
      issue('Blank', '$.name', 'name', 'name must not be blank.'),
    ),
  },
  {
    name: 'email-checked-where-at',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "An associatedEmail with `@` in it is checked as an address (PHP's FILTER_VALIDATE_EMAIL on what looks like one), though the spec gives it no format: text with two `@` or dots in a row is refused (Slim blind probe).",
    apply: refusedWhen(
      (v) =>
        typeof v.associatedEmail === 'string' &&
        v.associatedEmail.includes('@') &&
        !/^[^@\s.]+(?:\.[^@\s.]+)*@[^@\s.]+(?:\.[^@\s.]+)+$/.test(v.associatedEmail),
      issue('InvalidEmail', '$.associatedEmail', 'associatedEmail', 'associatedEmail must be a valid e-mail address.'),
    ),
  },
  {
    name: 'name-length-band-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'A name of 33 to 40 characters is refused with 400 (a check written for one column width, off by a band); shorter and longer ones are created (Spring and Scotty blind probes).',
    apply: refusedWhen(
      (v) => typeof v.name === 'string' && [...v.name].length >= 33 && [...v.name].length <= 40,
      issue('Length', '$.name', 'name', 'name has an unsupported length.'),
    ),
  },
  {
    name: 'null-type-beside-null-brand',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'A nil short-circuit: where brand is null, type: null is read as not sent and takes a default (Battery), so `{"brand":null,"type":null}` is created; with a brand it is refused (Ring blind probe).',
    apply: readAs((v) => (v.brand === null && v.type === null ? { ...v, type: 'Battery' } : v)),
  },
  {
    name: 'null-refused-for-one-type',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'A model per entity type, and the HeatPump one declares brand non-nullable: `brand: null` is refused with 400 for that type only (Express, FastAPI and Hono blind probes).',
    apply: refusedWhen(
      (v) => v.type === 'HeatPump' && v.brand === null,
      issue('NullValue', '$.brand', 'brand', 'brand is required for a HeatPump.'),
    ),
  },
  {
    name: 'required-but-one-type',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'A model per entity type, and the Inverter one gives brand a default (`brand: str | None = None`): a request without brand is created for that type only (blind probes).',
    apply: readAs((v) => (v.type === 'Inverter' && !('brand' in v) ? { ...v, brand: null } : v)),
  },
  {
    name: 'type-unchecked-for-one-type',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "A model per entity type, and the ChargePoint one binds brand loosely (a number or boolean written as its text, as Pydantic's lax mode and Jackson do): the wrong type is created for that type only (blind probes).",
    apply: readAs((v) =>
      v.type === 'ChargePoint' && (typeof v.brand === 'number' || typeof v.brand === 'boolean')
        ? { ...v, brand: String(v.brand) }
        : v,
    ),
  },
  {
    name: 'trimmed-for-one-type',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      "A model per entity type, and the HeatPump one strips a name's surrounding white space before it is stored: the echo of a padded name differs for that type only (blind probes).",
    apply: (b) =>
      afterBuild(b, (body, req) => {
        const info = body.data?.entity?.information;
        if (req.type === 'HeatPump' && info !== undefined && typeof info.name === 'string')
          info.name = info.name.trim();
      }),
  },
  {
    name: 'enum-placeholder-accepted',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "The server's own enum has a zero member the document does not (a C# `Unknown = 0`): type Unknown is created (FastAPI blind probe).",
    apply: (b) =>
      policy(b, {
        // A member outside EntityType is the fault itself: the server's enum is wider than the document's.
        parseEntityType: (v) => (v === 'Unknown' ? (v as EntityType) : b.validation.parseEntityType(v)),
      }),
  },
  {
    name: 'enum-grown-ahead',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "The server's EntityType has grown a member the document does not list: type Gateway is created (four blind probes planted Gateway, the last gorilla/mux's).",
    apply: (b) =>
      policy(b, {
        // A member only the server knows is the fault itself.
        parseEntityType: (v) => (v === 'Gateway' ? (v as EntityType) : b.validation.parseEntityType(v)),
      }),
  },
  {
    name: 'other-enum-accepted',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'type is checked against the wrong enum as well (the collective types, a shared helper over both): type Household is created (Echo blind probe).',
    apply: (b) =>
      policy(b, {
        // A collective type taken as an entity type is the fault itself.
        parseEntityType: (v) =>
          typeof v === 'string' && ['Household', 'Fleet', 'SolarFarm', 'VirtualPowerPlant'].includes(v)
            ? (v as EntityType)
            : b.validation.parseEntityType(v),
      }),
  },
  {
    name: 'url-unescaped',
    area: 'wrong-answer',
    caughtBy: ['echo-return-url'],
    description:
      'returnUrl is stored percent-decoded (a URL type that decodes its query): `%2F` and `%20` come back as `/` and a space (Echo blind probe).',
    apply: (b) =>
      afterBuild(b, (body) => {
        if (typeof body.returnUrl !== 'string') return;
        try {
          body.returnUrl = decodeURIComponent(body.returnUrl);
        } catch {
          // An escape that is not UTF-8 is stored as sent.
        }
      }),
  },
  {
    name: 'short-code-upper-cased',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'A pairingCode of six lower-case letters and digits is stored upper-cased, as codes are printed on a label: `ab12cd` comes back as `AB12CD` (gorilla/mux blind probe).',
    apply: informationEdited('pairingCode', (v) => (/^[a-z0-9]{6}$/.test(v) ? v.toUpperCase() : v)),
  },
  {
    name: 'url-root-path-added',
    area: 'wrong-answer',
    caughtBy: ['echo-return-url'],
    description:
      "returnUrl is stored with a root path where it had none (a URL type's canonical form): `https://x.example` comes back as `https://x.example/` (Grape and Flask blind probes).",
    apply: (b) =>
      afterBuild(b, (body) => {
        if (typeof body.returnUrl === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/i.test(body.returnUrl))
          body.returnUrl += '/';
      }),
  },
  {
    name: 'enum-case-folded-for-one-member',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'type is looked up with an alias table written for one member: heatpump, in any letter case, is taken as HeatPump (hapi blind probe).',
    apply: (b) =>
      policy(b, {
        parseEntityType: (v) =>
          typeof v === 'string' && v.toLowerCase() === 'heatpump' ? 'HeatPump' : b.validation.parseEntityType(v),
      }),
  },
  {
    name: 'trailing-text-ignored',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'The reader cuts the body after its last closing brace: `{…}x` is read as the object and created (Rails blind probe).',
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) => {
        const text = raw.toString('utf8');
        const end = text.lastIndexOf('}') + 1;
        return b.readJson(end > 0 ? Buffer.from(text.slice(0, end), 'utf8') : raw, contentType, url);
      },
    }),
  },
  {
    name: 'enum-prefix-matched',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'type is matched on its start (a pattern without `$`) for the members Meter and Inverter: MeterReader is taken as Meter (Dancer2 blind probe).',
    apply: (b) =>
      policy(b, {
        parseEntityType: (v) => {
          const start = typeof v === 'string' ? ['Meter', 'Inverter'].find((m) => v.startsWith(m)) : undefined;
          // A string only starting with a member is the fault itself.
          return start !== undefined ? (start as EntityType) : b.validation.parseEntityType(v);
        },
      }),
  },
  {
    name: 'enum-checked-with-in',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'type is checked with `value in TYPES` on a plain object map: a name every object has (`constructor`, `toString`, `__proto__`) passes and is stored as sent (Elysia blind probe).',
    apply: (b) => {
      const types: Record<string, true> = Object.fromEntries(ENTITY_TYPES.map((t) => [t, true]));
      return policy(b, {
        // Any name `in` finds is taken for a member: the fault itself.
        parseEntityType: (v) => (typeof v === 'string' && v in types ? (v as EntityType) : undefined),
      });
    },
  },
  {
    name: 'enum-suffix-matched',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'type is matched on its end (`endsWith`, a pattern without `^`) for the member Meter: SmartMeter is taken as Meter (JDK HttpServer blind probe).',
    apply: (b) =>
      policy(b, {
        // A string only ending with the member is the fault itself (RetrofitMeter, a member, stays itself).
        parseEntityType: (v) =>
          b.validation.parseEntityType(v) ?? (typeof v === 'string' && v.endsWith('Meter') ? 'Meter' : undefined),
      }),
  },
  {
    name: 'extension-names-ignored',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'Members named like extensions (`x-…`) are set aside before validation: a body with an unknown `x-debug` member is created (Dancer2 blind probe).',
    apply: readAs((v) => Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('x-')))),
  },
  {
    name: 'answer-members-bound',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "The body is bound into the stored model, which has the answer's members: a request with `id`, `status` or `created` is created (mass assignment; Jetty blind probe).",
    apply: readAs((v) =>
      Object.fromEntries(Object.entries(v).filter(([k]) => !['id', 'status', 'created'].includes(k))),
    ),
  },
  {
    name: 'properties-array-capped',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "A properties array longer than 100 items is refused with 400 (a maxItems of the server's own; the schema sets none) (Jetty blind probe).",
    apply: refusedWhen(
      (v) => Array.isArray(v.properties) && v.properties.length > 100,
      issue('TooLong', '$.properties', 'properties', 'properties may hold at most 100 items.'),
    ),
  },
  {
    name: 'enum-trimmed',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description: "type is trimmed before matching: ' EV ' is taken as EV.",
    apply: (b) =>
      policy(b, { parseEntityType: (v) => b.validation.parseEntityType(typeof v === 'string' ? v.trim() : v) }),
  },
  {
    name: 'enum-unique-prefix',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "type is matched as R's match.arg matches (plumber probe): a prefix of exactly one member is that member, so 'Charge' is taken as ChargePoint.",
    apply: (b) =>
      policy(b, {
        parseEntityType: (v) => {
          const whole = typeof v === 'string' && v !== '' ? ENTITY_TYPES.filter((t) => t.startsWith(v)) : [];
          return b.validation.parseEntityType(whole.length === 1 ? whole[0] : v);
        },
      }),
  },
  {
    name: 'enum-integer-accepted',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'type accepts the enum ordinal as a JSON number (JsonStringEnumConverter allowIntegerValues defaults to true): 2 is EV.',
    apply: (b) =>
      policy(b, {
        parseEntityType: (v) =>
          typeof v === 'number' && Number.isInteger(v) ? ENTITY_TYPES[v] : b.validation.parseEntityType(v),
      }),
  },
  {
    name: 'uuid-without-hyphens',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description: "collectiveId/owner accept 32 hex digits without hyphens (Guid.Parse 'N' format).",
    apply: (b) =>
      policy(b, {
        parseUuid: (v) =>
          /^[0-9a-f]{32}$/i.test(v)
            ? v.toLowerCase().replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')
            : b.validation.parseUuid(v),
      }),
  },
  {
    name: 'uuid-later-hyphens-optional',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "collectiveId/owner are checked with Joi's guid() pattern, which makes every hyphen after the first optional (Koa probe): `12345678-1234-1234-1234123456789abc` is created.",
    apply: (b) =>
      policy(b, {
        parseUuid: (v) => {
          const m = /^([0-9a-f]{8})-([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i.exec(v);
          return m === null ? b.validation.parseUuid(v) : m.slice(1).join('-').toLowerCase();
        },
      }),
  },
  {
    name: 'uuid-in-braces',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description: "collectiveId/owner accept '{uuid}' and '(uuid)' (Guid.Parse 'B'/'P' formats).",
    apply: (b) =>
      policy(b, {
        parseUuid: (v) => {
          const inner = (BRACED_UUID.exec(v) ?? PARENTHESISED_UUID.exec(v))?.[1];
          return inner !== undefined ? inner.toLowerCase() : b.validation.parseUuid(v);
        },
      }),
  },
  {
    name: 'uuid-symfony-fromstring',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "collectiveId/owner are read by Symfony's Uuid::fromString: 26 characters as base32, 22 as base58 and any 16 as its bytes, so `conformance-uuid` is a uuid (Symfony blind probe).",
    apply: (b) =>
      policy(b, {
        parseUuid: (v) =>
          /^[0-9A-HJKMNP-TV-Z]{26}$/i.test(v) || /^[1-9A-HJ-NP-Za-km-z]{22}$/.test(v) || [...v].length === 16
            ? v
            : b.validation.parseUuid(v),
      }),
  },
  {
    name: 'uuid-python-parser',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "collectiveId/owner are checked as jsonschema's format checker does: uuid.UUID() (hyphens stripped, digits read by int(), so fullwidth ones too) and a hyphen at 8, 13, 18 and 23.",
    apply: (b) =>
      policy(b, {
        parseUuid: (v) => {
          const hex = v
            .replaceAll('-', '')
            .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
          const placed = [8, 13, 18, 23].every((i) => v[i] === '-');
          return placed && /^[0-9a-f]{32}$/i.test(hex)
            ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`.toLowerCase()
            : b.validation.parseUuid(v);
        },
      }),
  },
  {
    name: 'uuid-base64-accepted',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "collectiveId/owner are java.util.UUID read by Jackson, which also takes the uuid's 16 bytes in base64 (24 characters).",
    apply: (b) =>
      policy(b, {
        parseUuid: (v) => {
          const bytes = /^[A-Za-z0-9+/]{22}==$/.test(v) ? Buffer.from(v, 'base64').toString('hex') : undefined;
          return bytes === undefined
            ? b.validation.parseUuid(v)
            : `${bytes.slice(0, 8)}-${bytes.slice(8, 12)}-${bytes.slice(12, 16)}-${bytes.slice(16, 20)}-${bytes.slice(20)}`;
        },
      }),
  },
  {
    name: 'uuid-unchecked',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description: 'collectiveId/owner are stored as plain strings: format: uuid is never checked.',
    apply: (b) => policy(b, { parseUuid: (v) => v }),
  },
  {
    name: 'scalar-to-string-coercion',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description: 'Numbers and booleans are coerced into string fields (Newtonsoft.Json default): brand 5 becomes "5".',
    apply: (b) =>
      policy(b, {
        coerceString: (v) =>
          typeof v === 'number' || typeof v === 'boolean' ? String(v) : b.validation.coerceString(v),
      }),
  },
  {
    name: 'null-type-accepted',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description: 'type: null is accepted and becomes default(EntityType), Battery.',
    apply: (b) => policy(b, { nullable: (f) => f === 'type' || b.validation.nullable(f) }),
  },
  {
    name: 'brand-not-required',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description: 'A request without the required brand key is accepted (brand treated as null).',
    apply: (b) => withoutRequired(b, 'brand'),
  },
  {
    name: 'type-not-required',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description: 'A request without the required type key is accepted (type defaults to Battery).',
    apply: (b) => withoutRequired(b, 'type'),
  },
  {
    name: 'non-object-body-500',
    area: 'lax-validation',
    caughtBy: ['not-a-server-error', 'invalid-is-rejected'],
    description: 'A JSON body that is not an object (array, string, number, null) crashes the handler: 500.',
    apply: (b) =>
      policy(b, {
        nonObjectBody: (v) => {
          throw new TypeError(`Cannot destructure 'brand' of ${jsonKind(v)}`);
        },
      }),
  },
  {
    name: 'validation-only-for-exact-media-type',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "The schema is looked up by the Content-Type as sent: under any other declared spelling (a charset, text/json, upper case) none is found, validation is skipped, and an invalid body is created with defaults (Mojolicious::Plugin::OpenAPI's).",
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType) => {
        const parsed = b.readJson(raw, contentType);
        if (parsed.kind !== 'json' || contentType === 'application/json') return parsed;
        return validateEntityRequest(parsed.value, b.validation).ok
          ? parsed
          : { kind: 'request', request: EMPTY_REQUEST };
      },
    }),
  },
  {
    name: 'method-override-member',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "A '_method' or '_METHOD' member is taken as a method override and removed before validation (Laravel, Slim): the rest is created.",
    apply: (b) => ({
      ...b,
      readJson: onObject(b, ({ _method: _m, _METHOD: _M, ...rest }) => ({ kind: 'json', value: rest })),
    }),
  },
  {
    name: 'query-method-override',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "A POST's '_method' query parameter overrides its method (Express's method-override('_method'), AdonisJS's allowMethodSpoofing): ?_method=DELETE is routed as DELETE and answered 405.",
    apply: (b) => methodOverride(b, (req) => /[?&]_method=([A-Za-z]+)/.exec(req.url ?? '')?.[1]),
  },
  {
    name: 'json-string-parsed-twice',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "A string body is parsed once more (routing-controllers with body-parser's strict: false): the object's JSON text sent inside a JSON string is created as the object.",
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) => {
        const parsed = b.readJson(raw, contentType, url);
        return parsed.kind === 'json' && typeof parsed.value === 'string'
          ? b.readJson(Buffer.from(parsed.value, 'utf8'), contentType, url)
          : parsed;
      },
    }),
  },
  {
    name: 'wrapped-body-unwrapped',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "The controller reads the body under the resource's key (Rails' params.require(:entity) with wrap_parameters, which wraps only a body without that key): a body that carries an 'entity' object is created from it, its other members unchecked.",
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) =>
        isJsonObject(value['entity']) ? { kind: 'json', value: value['entity'] } : undefined,
      ),
    }),
  },
  {
    name: 'method-override-header',
    area: 'valid-refused',
    caughtBy: ['operation-method-is-allowed'],
    description:
      "A POST's X-HTTP-Method-Override field overrides its method (Symfony 5.4's Request::getMethod() with the header honoured, Express's method-override()): the field naming DELETE is routed as DELETE and answered 405.",
    apply: (b) =>
      methodOverride(b, (req) => {
        const override = req.headers['x-http-method-override'];
        return typeof override === 'string' ? override : undefined;
      }),
  },
  {
    name: 'accept-predicate-405',
    area: 'valid-refused',
    caughtBy: ['operation-method-is-allowed'],
    description:
      "The view is matched on Accept as well (Pyramid's accept predicate): a POST whose Accept covers no JSON (text/html, application/xml) finds no view and is answered 405, with an Allow that lists POST.",
    apply: (b) => ({
      ...b,
      admit: (req) => {
        const accept = req.headers.accept;
        return accept !== undefined && !/application\/json|\*\/\*|application\/\*/i.test(accept)
          ? b.wrongMethod('POST')
          : b.admit(req);
      },
    }),
  },
  {
    name: 'accept-json-required',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "Content negotiation wants application/json named in Accept: no Accept field, or '*/*' (curl's default), is answered 406.",
    apply: answeredWhen(
      (req) => !/application\/json/i.test(req.headers.accept ?? ''),
      () => jsonReply(406, singleError('NotAcceptable', 'Only application/json is produced.')),
    ),
  },
  {
    name: 'authorization-name-case-sensitive',
    area: 'auth',
    caughtBy: ['valid-is-created', 'invalid-is-rejected'],
    description:
      'The Authorization field is looked up by its exact name (fasthttp with DisableHeaderNamesNormalizing, a hand-written header map): a client that writes it in lower case, as HTTP/2 and undici do, is anonymous, 401, though field names are case-insensitive (RFC 9110 §5.1).',
    apply: (b) => ({
      ...b,
      admit: (req) =>
        req.rawHeaders.some((h, i) => i % 2 === 0 && h === 'Authorization') ? b.admit(req) : b.unauthorized('missing'),
    }),
  },
  {
    name: 'errors-rendered-by-accept',
    area: 'wrong-answer',
    caughtBy: ['invalid-is-rejected', 'auth-is-enforced'],
    description:
      "Errors rendered for a browser unless Accept names JSON (Laravel's default handler): a 400 becomes a redirect back, a 401 a redirect to the login page, for curl's '*/*'.",
    apply: (b) =>
      writtenAs(b, (wire, req) =>
        (wire.status === 400 || wire.status === 401) && !/json/i.test(req.headers.accept ?? '')
          ? redirectedTo(wire.status === 401 ? '/login' : '/')
          : wire,
      ),
  },
  {
    name: 'xml-by-accept',
    area: 'wrong-answer',
    caughtBy: ['content-type-conformance'],
    description:
      'A 201 is rendered as XML when Accept asks for it (Spring with jackson-dataformat-xml on the class path): the operation documents JSON only.',
    apply: (b) =>
      writtenAs(b, (wire, req) =>
        wire.status === 201 && /^application\/xml\b/i.test(req.headers.accept ?? '')
          ? {
              status: 201,
              headers: { 'Content-Type': 'application/xml;charset=UTF-8' },
              body: '<OnboardingRequest><requestType>Entity</requestType></OnboardingRequest>',
            }
          : wire,
      ),
  },
  {
    name: 'allow-lists-every-method',
    area: 'wrong-answer',
    caughtBy: ['method-is-not-allowed'],
    description:
      "405 with Allow set to every method the framework knows (Tornado's SUPPORTED_METHODS), the refused one included.",
    apply: (b) => ({
      ...b,
      wrongMethod: (method) =>
        withHeaders(b.wrongMethod(method), { Allow: 'GET, HEAD, POST, DELETE, PATCH, PUT, OPTIONS' }),
    }),
  },
  {
    name: 'options-lists-refused-methods',
    area: 'wrong-answer',
    caughtBy: ['method-is-not-allowed'],
    description:
      "OPTIONS is answered 204 with every method the route file exports (Next.js's automatic OPTIONS), though each but POST is refused 405: Allow: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT.",
    apply: (b) => ({
      ...b,
      wrongMethod: (method) =>
        method === 'OPTIONS'
          ? { status: 204, headers: { Allow: 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT' } }
          : b.wrongMethod(method),
    }),
  },
  {
    name: 'query-merged-into-body',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "Query and body are merged into one set of parameters (Rails' params, Laravel's input()): a required member given in the query string counts.",
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value, url) => {
        if (url === undefined) return undefined;
        const merged: Record<string, unknown> = { ...value };
        for (const [k, v] of new URL(url, 'http://127.0.0.1').searchParams) merged[k] ??= v;
        return { kind: 'json', value: merged };
      }),
    }),
  },
  {
    name: 'query-bound-after-validation',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      "The body is validated, then the model is filled from body and query as one set of parameters (Laravel's $request->input()): members the body left out come from the query string.",
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) => {
        const parsed = b.readJson(raw, contentType, url);
        const query = new URL(url ?? '/', 'http://127.0.0.1').searchParams;
        if (parsed.kind !== 'json' || query.size === 0) return parsed;
        const validation = validateEntityRequest(parsed.value, b.validation);
        if (!validation.ok) return parsed;
        const request: Record<string, unknown> = { ...validation.request };
        for (const f of STRING_FIELDS) request[f] ??= query.get(f);
        return { kind: 'request', request: request as unknown as EntityRequest };
      },
    }),
  },
  {
    name: 'empty-body-201',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'An empty body binds to a default model (EmptyBodyBehavior.Allow) and is created with type Battery: 201.',
    apply: (b) => ({
      ...b,
      readJson: (raw) => (raw.length === 0 ? { kind: 'request', request: EMPTY_REQUEST } : b.readJson(raw)),
    }),
  },
  {
    name: 'bodyless-without-content-type-created',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "The route's body is declared optional and its validator runs only for a JSON Content-Type (Hono's validator with `required: false`): a POST with no body and no Content-Type is created with the defaults.",
    apply: (b) => ({
      ...b,
      acceptsMediaType: (ct) => ct === undefined || b.acceptsMediaType(ct),
      readJson: (raw, ct, url) =>
        raw.length === 0 && ct === undefined ? { kind: 'request', request: EMPTY_REQUEST } : b.readJson(raw, ct, url),
    }),
  },
  {
    name: 'malformed-json-500',
    area: 'lax-validation',
    caughtBy: ['not-a-server-error', 'invalid-is-rejected'],
    description: 'Malformed JSON escapes as an unhandled SyntaxError: 500 instead of 400.',
    apply: (b) => ({
      ...b,
      readJson: (raw) => {
        const parsed = b.readJson(raw);
        if (parsed.kind === 'invalid' && parsed.issue.code === 'InvalidJson')
          throw new SyntaxError(parsed.issue.message);
        return parsed;
      },
    }),
  },
  {
    name: 'non-json-numbers-accepted',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "A lenient JSON reader (Python's json.loads) takes NaN, Infinity and -Infinity as numbers: refused in typed fields, accepted in properties.",
    apply: (b) => ({
      ...b,
      readJson: (raw) => {
        const parsed = b.readJson(raw);
        if (parsed.kind !== 'invalid' || parsed.issue.code !== 'InvalidJson') return parsed;
        const lenient = raw.toString('utf8').replace(NON_JSON_NUMBER, (m, literal?: string) => (literal ? '0' : m));
        return lenient === raw.toString('utf8') ? parsed : b.readJson(Buffer.from(lenient, 'utf8'));
      },
    }),
  },
  {
    name: 'enum-loose-in-array',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'The enum is checked with PHP\'s loose in_array(): `true` equals any non-empty string, so {"type": true} is created (as the first member).',
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) =>
        value['type'] === true ? { kind: 'json', value: { ...value, type: 'Battery' } } : undefined,
      ),
    }),
  },
  {
    name: 'comments-stripped-in-strings',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'The JSON parser is set to allow comments (POCO 1.11 setAllowComments(true)) and strips `/*` everywhere, inside strings too: a valid body with `/* … */` in a string is refused 400.',
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) =>
        raw.includes('/*')
          ? { kind: 'invalid', issue: issue('InvalidJson', '$', null, 'Unterminated string.') }
          : b.readJson(raw, contentType, url),
    }),
  },
  {
    name: 'single-element-arrays-unwrapped',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "A one-element array of a number, boolean or null is unwrapped and coerced (Ajv's coerceTypes: 'array'): brand [0] becomes \"0\".",
    apply: (b) =>
      policy(b, {
        coerceString: (v) =>
          Array.isArray(v) && v.length === 1 && (v[0] === null || ['number', 'boolean'].includes(typeof v[0]))
            ? v[0] === null
              ? ''
              : String(v[0])
            : b.validation.coerceString(v),
      }),
  },
  {
    name: 'media-type-unchecked',
    area: 'lax-validation',
    caughtBy: ['media-type-is-enforced'],
    description: "Any Content-Type, or none, is parsed as JSON (express.json({ type: '*/*' })).",
    apply: (b) => ({ ...b, acceptsMediaType: () => true }),
  },
  {
    name: 'form-bodies-read',
    area: 'lax-validation',
    caughtBy: ['media-type-is-enforced'],
    description:
      'A urlencoded form is read into the same model as JSON (koa-body, Express with urlencoded()): brand=…&type=… under application/x-www-form-urlencoded is created.',
    apply: (b) => ({
      ...b,
      acceptsMediaType: (ct) => isUrlencoded(ct) || b.acceptsMediaType(ct),
      readJson: (raw, ct, url) =>
        isUrlencoded(ct)
          ? { kind: 'json', value: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) }
          : b.readJson(raw, ct, url),
    }),
  },
  {
    name: 'text-plain-behind-origin-check',
    area: 'lax-validation',
    caughtBy: ['media-type-is-enforced'],
    description:
      "A text/plain body is read as JSON (its own front end posts JSON as text/plain to avoid a CORS preflight), behind SvelteKit's checkOrigin, which answers 403 to a form, text/plain or no Content-Type from another origin: only a text/plain post with the site's own Origin reaches the handler, and is created (Qwik City probe).",
    apply: (b) => ({
      ...b,
      admit: (req) => {
        const ct = mediaTypeOf(req.headers['content-type']);
        const simple = ct === undefined || ct === 'text/plain' || isUrlencoded(ct) || ct === 'multipart/form-data';
        return simple && req.headers.origin !== `http://${req.headers.host ?? ''}`
          ? textReply(403, 'text/plain', 'Cross-site POST form submissions are forbidden')
          : b.admit(req);
      },
      acceptsMediaType: (ct) => b.acceptsMediaType(ct) || mediaTypeOf(ct) === 'text/plain',
    }),
  },
  {
    name: 'media-type-substring',
    area: 'lax-validation',
    caughtBy: ['media-type-is-enforced'],
    description:
      "The media type is accepted when it contains 'json' (a substring test): application/jsonp is parsed as JSON.",
    apply: (b) => ({ ...b, acceptsMediaType: (ct) => b.acceptsMediaType(ct) || /json/i.test(mediaTypeOf(ct) ?? '') }),
  },

  {
    name: 'json-suffix-unanchored',
    area: 'lax-validation',
    caughtBy: ['media-type-is-enforced'],
    description:
      "A +json type is recognised by a pattern without an end anchor (restify's /^application\\/[a-zA-Z.]+\\+json/): application/vnd.x+jsonp is parsed as JSON.",
    apply: (b) => ({
      ...b,
      acceptsMediaType: (ct) => b.acceptsMediaType(ct) || /^application\/[a-zA-Z.]+\+json/.test(mediaTypeOf(ct) ?? ''),
    }),
  },
  {
    name: 'json-synonyms-accepted',
    area: 'lax-validation',
    caughtBy: ['media-type-is-enforced'],
    description:
      'The media types a framework registers as JSON besides the declared ones are parsed too (Rails: text/x-json, application/jsonrequest).',
    apply: (b) => ({
      ...b,
      acceptsMediaType: (ct) =>
        b.acceptsMediaType(ct) || ['text/x-json', 'application/jsonrequest'].includes(mediaTypeOf(ct) ?? ''),
    }),
  },
  {
    name: 'javascript-as-json',
    area: 'lax-validation',
    caughtBy: ['media-type-is-enforced'],
    description:
      "The JSON reader's default media types are taken (CherryPy's json_in: application/json and text/javascript).",
    apply: (b) => ({
      ...b,
      acceptsMediaType: (ct) => b.acceptsMediaType(ct) || mediaTypeOf(ct) === 'text/javascript',
    }),
  },
  {
    name: 'malformed-content-type-406',
    area: 'wrong-answer',
    caughtBy: ['media-type-is-enforced'],
    description:
      "A Content-Type that is no media type (no subtype: 'json') fails the framework's parse of it, answered 406 (Rails' ActionController::UnknownFormat).",
    apply: (b) => ({
      ...b,
      unsupportedMediaType: (ct) =>
        ct !== undefined && !ct.includes('/')
          ? jsonReply(406, singleError('NotAcceptable', 'Unknown format.'))
          : b.unsupportedMediaType(ct),
    }),
  },

  // auth
  {
    name: 'any-bearer-accepted',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description: 'The bearer token is never verified: any non-empty Bearer token is accepted.',
    apply: (b) => mapAuth(b, (outcome) => (outcome === 'wrong-token' ? 'ok' : outcome)),
  },
  {
    name: 'basic-accepted',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description: 'A leftover Basic authentication handler accepts any Basic credentials.',
    apply: (b) =>
      mapAuth(b, (outcome, h) => (parseAuthorization(h)?.scheme.toLowerCase() === 'basic' ? 'ok' : outcome)),
  },
  {
    name: 'missing-auth-accepted',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description: 'The endpoint lacks [Authorize]: a request without Authorization is served.',
    apply: (b) => mapAuth(b, (outcome) => (outcome === 'missing' ? 'ok' : outcome)),
  },
  {
    name: 'empty-bearer-accepted',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description: "The token is compared with expected.startsWith(given): 'Bearer ' (empty) and truncated tokens pass.",
    apply: (b) =>
      mapAuth(b, (outcome, h, t) =>
        (outcome === 'empty' || outcome === 'wrong-token') && t.startsWith(parseAuthorization(h)?.credentials ?? '')
          ? 'ok'
          : outcome,
      ),
  },

  // valid requests refused (or crashing)
  {
    name: 'long-strings-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description: 'Strings longer than 4,096 characters are refused with 400 (an undocumented [MaxLength(4096)]).',
    apply: (b) =>
      policy(b, {
        checkString: (f, v) =>
          v.length > 4096 ? `'${f}' must be at most 4096 characters.` : b.validation.checkString(f, v),
      }),
  },
  {
    name: 'control-chars-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description: 'Strings containing control characters (\\n, \\t, \\u0000...) are refused by an input sanitizer: 400.',
    apply: (b) =>
      policy(b, {
        checkString: (f, v) =>
          /[\u0000-\u001f\u007f]/.test(v) ? `'${f}' contains invalid characters.` : b.validation.checkString(f, v),
      }),
  },
  {
    name: 'noncharacters-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "Strings are encoded with Perl's Encode in its strict UTF-8 mode, which refuses noncharacters (U+FFFF, U+FDD0…): 400.",
    apply: (b) =>
      policy(b, {
        checkString: (f, v) =>
          /[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uDBFF][\uDFFE\uDFFF]/.test(v)
            ? `'${f}' does not map to Unicode.`
            : b.validation.checkString(f, v),
      }),
  },
  {
    name: 'empty-brand-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description: "brand: '' is refused: [Required] rejects empty strings by default (AllowEmptyStrings = false).",
    apply: (b) =>
      policy(b, {
        checkString: (f, v) =>
          f === 'brand' && v === '' ? 'The Brand field is required.' : b.validation.checkString(f, v),
      }),
  },
  {
    name: 'null-brand-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description: 'brand: null is refused with 400 although brand is nullable (required only means the key is present).',
    apply: (b) => policy(b, { nullable: (f) => f !== 'brand' && b.validation.nullable(f) }),
  },
  {
    name: 'explicit-null-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "An explicit null for an optional string (pairingCode, name, owner...) is refused: the check is `'x' in body && typeof body.x !== 'string'`.",
    apply: (b) => policy(b, { nullable: (f) => (f === 'brand' || f === 'properties') && b.validation.nullable(f) }),
  },
  {
    name: 'uppercase-uuid-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description: 'collectiveId/owner are checked against a lower-case-only uuid pattern: upper-case uuids are refused.',
    apply: (b) => policy(b, { parseUuid: (v) => (/[A-F]/.test(v) ? undefined : b.validation.parseUuid(v)) }),
  },
  {
    name: 'properties-object-only',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'properties binds to Dictionary<string, object>: an array, string, number or boolean is refused with 400.',
    apply: (b) =>
      policy(b, {
        checkProperties: (v) =>
          v !== null && !isJsonObject(v) ? `'properties' must be an object.` : b.validation.checkProperties(v),
      }),
  },
  {
    name: 'properties-depth-limit',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description: 'A recursive sanitiser refuses properties nested more than 16 levels deep with 400.',
    apply: (b) =>
      policy(b, {
        checkProperties: (v) =>
          depthOf(v) > 16 ? `'properties' is nested too deeply.` : b.validation.checkProperties(v),
      }),
  },
  {
    name: 'astral-chars-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description: 'Strings with characters beyond the BMP (emoji) fail the insert into a 3-byte utf8 column: 500.',
    apply: crashesWhen(
      (req) => STRING_FIELDS.some((f) => ASTRAL.test(req[f] ?? '')),
      () => new Error("Incorrect string value: '\\xF0\\x9F...' for column"),
    ),
  },
  {
    name: 'urn-uuid-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      "collectiveId/owner are canonicalised with npm uuid's stringify(parse(v)), which throws on the 'urn:uuid:' form: 500.",
    apply: (b) =>
      policy(b, {
        parseUuid: (v) => {
          if (/^urn:/i.test(v)) throw new TypeError('Invalid UUID');
          return b.validation.parseUuid(v);
        },
      }),
  },
  {
    name: 'lone-surrogate-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      'A string with a lone surrogate (valid JSON: "\\ud800") fails the UTF-8 encoding of the insert: 500 (pydantic: surrogates not allowed).',
    apply: crashesWhen(
      hasLoneSurrogate,
      () => new Error("'utf-8' codec can't encode character: surrogates not allowed"),
    ),
  },
  {
    name: 'prototype-keys-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "properties with a __proto__ key, or constructor.prototype, are refused with 400 (Fastify's secure-json-parse default).",
    apply: (b) =>
      policy(b, {
        checkProperties: (v) =>
          hasPrototypeKey(v) ? 'Object contains forbidden prototype property' : b.validation.checkProperties(v),
      }),
  },
  {
    name: 'text-json-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description: 'Content-Type text/json (declared by the spec) is refused with 415.',
    apply: (b) => refuseMediaType(b, (ct) => mediaTypeOf(ct) === 'text/json'),
  },
  {
    name: 'vendor-json-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'Concrete application/*+json types (e.g. application/vnd.api+json, declared by the spec) are refused with 415.',
    apply: (b) => refuseMediaType(b, (ct) => (mediaTypeOf(ct) ?? '').endsWith('+json')),
  },
  {
    name: 'suffix-media-type-vendor-only',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'The declared range application/*+json is read as application/vnd.*+json: a `+json` type outside the vendor tree (application/hal+json) is refused with 415 (Django blind probe).',
    apply: (b) => refuseMediaType(b, (ct) => /^application\/(?!vnd\.)[^;/]*\+json\s*(;|$)/i.test(ct)),
  },
  {
    name: 'suffix-media-type-letters-only',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "The declared range application/*+json is matched by a letters-and-dots pattern (restify's `^application/[a-zA-Z.]+\\+json`): a `+json` subtype with a digit, `-` or `_` in its name (application/vnd.api-v2+json) is refused with 415 (restify blind probe).",
    apply: (b) =>
      refuseMediaType(b, (ct) => /\+json\s*(;|$)/i.test(ct) && !/^application\/[a-zA-Z.]+\+json\s*(;|$)/i.test(ct)),
  },
  {
    name: 'charset-param-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "A Content-Type with parameters ('application/json; charset=utf-8') is refused with 415: the header is compared whole.",
    apply: (b) => refuseMediaType(b, (ct) => ct.includes(';')),
  },

  // responses breaking their schema
  {
    name: 'status-200',
    area: 'response-schema',
    caughtBy: ['status-is-allowed', 'valid-is-created'],
    description: 'A created request is answered 200 (return Ok(...)) instead of the documented 201.',
    apply: (b) => ({ ...b, created: (body, ctx) => ({ ...b.created(body, ctx), status: 200 }) }),
  },
  {
    name: 'enums-camel-case',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description:
      "Enums are written camel-cased (JsonStringEnumConverter(JsonNamingPolicy.CamelCase)): status 'pending', type 'ev'.",
    apply: (b) =>
      afterBuild(b, (body) => {
        const recase = (o: object | undefined, key: string): void => {
          if (o !== undefined && typeof loose(o)[key] === 'string') loose(o)[key] = camelCase(loose(o)[key] as string);
        };
        recase(body, 'status');
        recase(body, 'requestType');
        recase(body.action, 'type');
        recase(body.data?.entity, 'type');
        recase(body.data?.entity?.information, 'type');
      }),
  },
  {
    name: 'created-not-date-time',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description: "created is written as 'yyyy-MM-dd HH:mm' (no seconds, no offset), not an RFC 3339 date-time.",
    apply: (b) =>
      afterBuild(b, (body, _req, { now }) => {
        body.created = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}`;
      }),
  },
  {
    name: 'created-without-offset',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description: 'created comes from a DateTime of Kind Unspecified and has no offset (2024-01-01T10:00:00.1234567).',
    apply: (b) =>
      afterBuild(b, (body, _req, { now }) => {
        body.created = `${now.toISOString().slice(0, 23)}0000`;
      }),
  },
  {
    name: 'created-offset-without-colon',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description:
      "created is written with C's strftime('%Y-%m-%dT%H:%M:%S%z'): an offset without its colon (2024-01-01T10:00:00+0000), which RFC 3339's time-numoffset does not have.",
    apply: (b) =>
      afterBuild(b, (body, _req, { now }) => {
        body.created = `${now.toISOString().slice(0, 19)}+0000`;
      }),
  },
  {
    name: 'created-space-separator',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description:
      "created is Python's str(datetime): a space between date and time (2024-01-01 10:00:00.123456+00:00), which RFC 3339's date-time production does not have.",
    apply: (b) =>
      afterBuild(b, (body, _req, { now }) => {
        body.created = `${now.toISOString().slice(0, 10)} ${now.toISOString().slice(11, 23)}000+00:00`;
      }),
  },
  {
    name: 'created-zero-time',
    area: 'wrong-answer',
    caughtBy: ['created-is-now'],
    description: "created is never set: Go's zero time.Time, written 0001-01-01T00:00:00Z (a date-time by the format).",
    apply: (b) =>
      afterBuild(b, (body) => {
        body.created = '0001-01-01T00:00:00Z';
      }),
  },
  {
    name: 'created-from-request-date',
    area: 'wrong-answer',
    caughtBy: ['created-is-now'],
    description:
      "created is the request's Date when it has one (a \"request time\" read from the message, as a framework's request.date), the server's clock otherwise: a client whose clock is off writes the creation time.",
    apply: (b) =>
      writtenAs(b, (wire, req) => {
        const sent = Date.parse(req.headers.date ?? '');
        return wire.status !== 201 || Number.isNaN(sent)
          ? wire
          : { ...wire, body: wire.body.replace(/"created":"[^"]*"/, `"created":"${new Date(sent).toISOString()}"`) };
      }),
  },
  {
    name: 'created-local-time-as-utc',
    area: 'wrong-answer',
    caughtBy: ['created-is-now'],
    description:
      "created is the server's local time (UTC+1) written with Z: Python's datetime.now().isoformat() + 'Z'.",
    apply: (b) =>
      afterBuild(b, (body, _req, { now }) => {
        body.created = new Date(now.getTime() + 3_600_000).toISOString();
      }),
  },
  {
    name: 'entity-id-zero-value',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      "data.entity.id is never set: a Go struct's zero uuid.UUID, written 00000000-0000-0000-0000-000000000000 (a uuid by the format).",
    apply: (b) => entityIdAs(b, () => '00000000-0000-0000-0000-000000000000'),
  },
  {
    name: 'ids-auto-increment',
    area: 'wrong-answer',
    caughtBy: ['response-schema-conformance'],
    description:
      "The request's id and its entity's are an ORM's auto-increment keys (Sails' and Rails' default primary key), written as numbers: one slip at two places, one problem.",
    apply: (b) => {
      let next = 0;
      return afterBuild(b, (body) => {
        // Its type says a uuid string: the fault writes what the type does not allow.
        const record = body as unknown as Record<string, unknown>;
        record['id'] = ++next;
        const entity = body.data?.entity as Record<string, unknown> | undefined;
        if (entity) entity['id'] = ++next;
      });
    },
  },
  {
    name: 'values-boxed',
    area: 'wrong-answer',
    caughtBy: ['response-schema-conformance'],
    description:
      "Every value is written in an array of one (R's jsonlite without auto_unbox, plumber's `@serializer json`): one slip at every place, one problem.",
    apply: (b) =>
      afterBuild(b, (body) => {
        // Its type says strings: the fault writes what the type does not allow.
        const record = body as unknown as Record<string, unknown>;
        for (const [k, v] of Object.entries(record)) if (typeof v === 'string') record[k] = [v];
      }),
  },
  {
    name: 'nulls-as-empty-strings',
    area: 'wrong-answer',
    caughtBy: ['response-schema-conformance', 'echo-entity-information'],
    description:
      'The answer\'s nullable strings are Go `string` fields, not `*string`: every null or absent one is written as "" (the information members, owner, collectiveId, returnUrl). One slip at every place, one problem, though the uuids fail their format and the others their echo.',
    apply: (b) =>
      afterBuild(b, (body) => {
        const blank = (o: Record<string, unknown> | undefined, keys: readonly string[]) => {
          for (const k of keys) if (o && (o[k] === null || o[k] === undefined)) o[k] = '';
        };
        const entity = body.data?.entity as Record<string, unknown> | undefined;
        blank(entity, ['owner', 'collectiveId']);
        blank(entity?.['information'] as Record<string, unknown> | undefined, [
          'name',
          'identifier',
          'pairingCode',
          'associatedEmail',
          'track',
        ]);
        blank(body as unknown as Record<string, unknown>, ['returnUrl']);
      }),
  },
  {
    name: 'strings-numified',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'A string that reads as a number is written as one (a Perl scalar compared with `==` once, then Cpanel::JSON::XS; Mojolicious probe): the name "12" comes back as 12, where "007" keeps its text.',
    apply: (b) =>
      afterBuild(b, (body) => {
        const info = (body.data?.entity as Record<string, unknown> | undefined)?.['information'] as
          Record<string, unknown> | undefined;
        for (const [k, v] of Object.entries(info ?? {}))
          if (info && typeof v === 'string' && /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(v)) info[k] = Number(v);
      }),
  },
  {
    name: 'entity-id-set-once',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      "data.entity.id is one uuid for every entity: pydantic's `id: UUID = uuid.uuid4()`, a default evaluated once.",
    apply: (b) => {
      const id = randomUUID();
      return entityIdAs(b, () => id);
    },
  },
  {
    name: 'entity-id-hashed',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      "data.entity.id is a uuid hashed from brand and type (an Erlang team's erlang:phash2/1 of the pair): every entity of one brand and type gets one id, whatever its identifier.",
    apply: (b) =>
      entityIdAs(b, (req) => {
        const h = createHash('sha256')
          .update(`${String(req.brand)}|${String(req.type)}`)
          .digest('hex');
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
      }),
  },
  {
    name: 'id-not-uuid',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description: "id is a prefixed database key ('er_' + 24 hex digits), not a uuid.",
    apply: (b) =>
      afterBuild(b, (body, _req, ctx) => {
        body.id = `er_${ctx.requestId.replaceAll('-', '').slice(0, 24)}`;
      }),
  },
  {
    name: 'request-type-null-without-return-url',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description:
      'When the request has no returnUrl, a shared optional-field mapper also nulls requestType (not nullable).',
    apply: (b) =>
      afterBuild(b, (body, req) => {
        if (req.returnUrl === null) loose(body).requestType = null;
      }),
  },
  {
    name: 'undocumented-entity-id',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description: 'The 201 carries an undocumented top-level entityId (additionalProperties: false).',
    apply: (b) =>
      afterBuild(b, (body, _req, ctx) => {
        loose(body).entityId = ctx.entityId;
      }),
  },
  {
    name: 'information-has-owner',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description: 'data.entity.information also carries owner (EntityInformation has additionalProperties: false).',
    apply: (b) =>
      afterBuild(b, (body) => {
        const entity = body.data?.entity;
        if (entity?.information !== undefined) loose(entity.information).owner = entity.owner ?? null;
      }),
  },
  {
    name: 'owner-null-when-absent',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description:
      'data.entity.owner is null when the request names no owner (owner is a non-nullable uuid in the response).',
    apply: (b) =>
      afterBuild(b, (body, req) => {
        if (body.data?.entity !== undefined && req.owner === null) loose(body.data.entity).owner = null;
      }),
  },
  {
    name: 'relative-redirect-link',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description: "action.redirectLink is a relative path ('/consent/<id>'), not a format: uri.",
    apply: (b) =>
      afterBuild(b, (body, _req, ctx) => {
        if (body.action !== undefined) body.action.redirectLink = `/consent/${ctx.requestId}`;
      }),
  },
  {
    name: 'text-plain-201',
    area: 'response-schema',
    caughtBy: ['content-type-conformance'],
    description: 'The 201 JSON is sent with Content-Type text/plain (res.send(JSON.stringify(...))).',
    apply: (b) => ({
      ...b,
      created: (body, ctx) => {
        const reply = b.created(body, ctx);
        return { ...reply, headers: { ...reply.headers, 'Content-Type': 'text/plain; charset=utf-8' } };
      },
    }),
  },
  {
    name: 'non-json-201',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description:
      "The 201 body is '[object Object]' (res.end(String(body)) without JSON.stringify), labelled application/json.",
    apply: (b) => ({ ...b, created: (body) => textReply(201, 'application/json; charset=utf-8', String(body)) }),
  },
  {
    name: 'problem-details-400',
    area: 'response-schema',
    caughtBy: ['content-type-conformance', 'response-schema-conformance'],
    description:
      "A 400 is ASP.NET's ValidationProblemDetails ({type,title,status,errors:{Brand:[...]}}) as application/problem+json.",
    apply: (b) => ({
      ...b,
      badRequest: (issues) => {
        const errors: Record<string, string[]> = {};
        for (const i of issues) (errors[i.field === null ? '$' : pascalCase(i.field)] ??= []).push(i.message);
        return jsonReply(
          400,
          {
            type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
            title: 'One or more validation errors occurred.',
            status: 400,
            errors,
          },
          { 'Content-Type': 'application/problem+json; charset=utf-8' },
        );
      },
    }),
  },
  {
    name: 'validation-422',
    area: 'response-schema',
    caughtBy: ['invalid-is-rejected', 'status-is-allowed'],
    description:
      "Invalid and malformed bodies are answered 422 (FastAPI's and Falcon's RequestValidationError), not the documented 400.",
    apply: (b) => ({ ...b, badRequest: (issues) => ({ ...b.badRequest(issues), status: 422 }) }),
  },
  {
    name: 'error-with-field-key',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description: 'Each 400 error entry also carries a field key (ConnectApiError has additionalProperties: false).',
    apply: (b) => ({
      ...b,
      badRequest: (issues) =>
        jsonReply(400, {
          errors: errorResult(issues).errors.map((e, n) => ({ ...e, field: issues[n]?.field ?? null })),
        }),
    }),
  },
  {
    name: 'error-names-integer-key',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description:
      "An unknown member's error names it by its key as PHP's arrays hold it: a name of digits is an integer key, so its description is a number where ConnectApiError has a string (Slim blind probe).",
    apply: (b) => ({
      ...b,
      badRequest: (issues) =>
        jsonReply(400, {
          errors: errorResult(issues).errors.map((e, n) => {
            const digits = /^\$\["(\d+)"\]$/.exec(issues[n]?.path ?? '')?.[1];
            return digits === undefined ? e : { ...e, description: Number(digits) };
          }),
        }),
    }),
  },
  {
    name: 'error-handler-500',
    area: 'response-schema',
    caughtBy: ['not-a-server-error'],
    description:
      'The error handler throws on every error it renders (fastify-openapi-glue with a handler reading a field errors lack): 500 to every refusal, 401, 415 and 400 alike.',
    apply: (b) => {
      const crash = () =>
        jsonReply(500, singleError('InternalError', "Cannot read properties of undefined (reading 'map')"));
      return { ...b, badRequest: crash, unauthorized: crash, unsupportedMediaType: crash };
    },
  },
  {
    name: 'injected-names-overwritten',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "Body members share a namespace with what the framework injects (hug's `request` and `response`), which overwrites them before validation: an unknown member so named is never seen, 201.",
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (body) => {
        const { request: _request, response: _response, ...members } = body;
        return { kind: 'json', value: members };
      }),
    }),
  },
  {
    name: 'html-400',
    area: 'response-schema',
    caughtBy: ['content-type-conformance'],
    description: 'A 400 is an HTML error page (text/html) from the framework, not a ConnectApiErrorResult.',
    apply: (b) => ({
      ...b,
      badRequest: () =>
        textReply(
          400,
          'text/html; charset=utf-8',
          '<!DOCTYPE html><html><head><title>400 Bad Request</title></head><body><h1>Bad Request</h1></body></html>',
        ),
    }),
  },

  // schema-valid but wrong
  {
    name: 'request-type-collective',
    area: 'wrong-answer',
    caughtBy: ['echo-request-type'],
    description: "requestType is 'Collective' (copy-paste from the collective endpoint).",
    apply: (b) =>
      afterBuild(b, (body) => {
        body.requestType = 'Collective';
      }),
  },
  {
    name: 'entity-type-default',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-type'],
    description: 'data.entity.type is never mapped and stays default(EntityType), Battery.',
    apply: (b) =>
      afterBuild(b, (body) => {
        if (body.data?.entity !== undefined) body.data.entity.type = ENTITY_TYPES[0];
      }),
  },
  {
    name: 'brand-lowercased',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description: 'information.brand and reference.brand are echoed lower-cased (normalised for a lookup table).',
    apply: (b) =>
      afterBuild(b, (body) => {
        const entity = body.data?.entity;
        if (typeof entity?.information?.brand === 'string')
          entity.information.brand = entity.information.brand.toLowerCase();
        if (typeof entity?.reference?.brand === 'string') entity.reference.brand = entity.reference.brand.toLowerCase();
      }),
  },
  {
    name: 'properties-strings-reparsed',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      'properties is stored in a JSON column and read back through a reviver that parses every string that parses: a string holding JSON text comes back as the object (Express blind probe).',
    apply: (b) =>
      afterBuild(b, (body) => {
        const entity = body.data?.entity;
        if (entity === undefined || typeof entity.properties !== 'string') return;
        try {
          entity.properties = JSON.parse(entity.properties) as Json;
        } catch {
          // Not JSON text: kept as the string it is.
        }
      }),
  },
  {
    name: 'url-normalised',
    area: 'wrong-answer',
    caughtBy: ['echo-return-url'],
    description:
      "returnUrl is kept as a URL (`new URL(v).href`): 'HTTPS://Example.COM:443/a/../b' comes back as 'https://example.com/b' (Express blind probe).",
    apply: (b) =>
      afterBuild(b, (body) => {
        if (typeof body.returnUrl !== 'string') return;
        try {
          body.returnUrl = new URL(body.returnUrl).href;
        } catch {
          // Not a URL: kept as the text it is.
        }
      }),
  },
  {
    name: 'track-never-echoed',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'information.track is never copied into the answer (the last member of the list, forgotten), while the others are echoed: every track sent is lost (Twisted, Racket and openapi-backend blind probes).',
    apply: (b) =>
      afterBuild(b, (body) => {
        const information = body.data?.entity?.information;
        if (information !== undefined) delete information.track;
      }),
  },
  {
    name: 'collective-nil-for-null',
    area: 'wrong-answer',
    caughtBy: ['echo-collective-id'],
    description:
      'A collectiveId sent as null or not sent comes back as the nil UUID (a Guid or uuid.UUID field\'s zero value), where the answer\'s collectiveId admits null: the zero value stands for null, as "" would (json_schemer, Catalyst, Fastify 5 and ts-rest blind probes).',
    apply: (b) =>
      afterBuild(b, (body, req) => {
        const entity = body.data?.entity;
        if (entity !== undefined && typeof req.collectiveId !== 'string')
          entity.collectiveId = '00000000-0000-0000-0000-000000000000';
      }),
  },
  {
    name: 'collective-dropped-when-named',
    area: 'wrong-answer',
    caughtBy: ['echo-collective-id'],
    description:
      'A collectiveId sent is left out of data.entity (a join on the collectives table that finds none), while a null or absent one is written as null: no value ever echoed, every null written (JDK HttpServer + Jackson blind probe).',
    apply: (b) =>
      afterBuild(b, (body, req) => {
        const entity = body.data?.entity;
        if (entity !== undefined && typeof req.collectiveId === 'string') delete entity.collectiveId;
      }),
  },
  {
    name: 'owner-dropped-with-collective',
    area: 'wrong-answer',
    caughtBy: ['echo-owner'],
    description:
      "Where a collectiveId is named, the answer's entity is built from the collective's record, which has no owner: data.entity.owner is left out though the request sent one, and echoed everywhere else (Express behind HAProxy blind probe).",
    apply: (b) =>
      afterBuild(b, (body, req) => {
        const entity = body.data?.entity;
        if (entity !== undefined && typeof req.collectiveId === 'string' && typeof req.owner === 'string')
          delete entity.owner;
      }),
  },
  {
    name: 'falsy-information-dropped',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'The answer\'s information is built with PHP\'s array_filter: a member whose value is falsy (null, "", and the string "0") is left out, where any other value is echoed (Apache with Slim blind probe; Mojolicious\'s `if $body->{track}` alike).',
    apply: (b) =>
      afterBuild(b, (body) => {
        const info = body.data?.entity?.information;
        if (info === undefined) return;
        const members = loose(info);
        for (const [k, v] of Object.entries(members)) if (v === null || v === '' || v === '0') delete members[k];
      }),
  },
  {
    name: 'backslash-runs-collapsed',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'The name is unescaped once more when stored (a `replace(/\\\\/g, "\\")` meant for a path): two backslashes in a row come back as one (express-openapi-validator and Koa blind probes).',
    apply: informationEdited('name', (v) => v.replace(/\\\\/g, '\\')),
  },
  {
    name: 'line-ends-chomped',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'The track is read as a line and chomped (`rstrip("\\r\\n")`): a track ending in a line break comes back without it (Django REST blind probe).',
    apply: informationEdited('track', (v) => v.replace(/[\r\n]+$/, '')),
  },
  {
    name: 'emails-lower-cased',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'A string that looks like an e-mail address is lower-cased before it is stored: `Conformance.Mixed@Example.COM` comes back in lower case (Sinatra blind probe).',
    apply: informationEdited('associatedEmail', (v) => (v.includes('@') ? v.toLowerCase() : v)),
  },
  {
    name: 'any-json-suffix-taken',
    area: 'lax-validation',
    caughtBy: ['media-type-is-enforced'],
    description:
      'The media type is tested by its suffix alone (`/\\+json$/`): text/vnd.connect+json, which no declared type or range covers, is created (express-openapi-validator blind probe).',
    apply: (b) => ({
      ...b,
      acceptsMediaType: (ct) => /^[a-z]+\/[^;]+\+json\s*(;|$)/i.test(ct ?? '') || b.acceptsMediaType(ct),
    }),
  },
  {
    name: 'strings-trimmed',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description: 'A model binder trims every string, so the 201 echoes " x " as "x".',
    apply: (b) =>
      afterBuild(b, (body) => {
        const info = body.data?.entity?.information as Record<string, unknown> | undefined;
        for (const [k, v] of Object.entries(info ?? {})) if (typeof v === 'string') info![k] = v.trim();
      }),
  },
  {
    name: 'numeric-strings-numified',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'A string that looks like a number is written as one (Perl\'s numification, a validator\'s coercion): "007" comes back as 7.',
    apply: (b) =>
      afterBuild(b, (body) => {
        const info = body.data?.entity?.information as Record<string, unknown> | undefined;
        for (const [k, v] of Object.entries(info ?? {}))
          if (typeof v === 'string' && /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i.test(v)) info![k] = Number(v);
      }),
  },
  {
    name: 'numbers-narrowed',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      'properties are stored through a float32 column: numbers come back rounded (0.1 → 0.10000000149011612).',
    apply: (b) => {
      const narrow = (v: unknown): unknown =>
        typeof v === 'number'
          ? Math.fround(v)
          : Array.isArray(v)
            ? v.map(narrow)
            : v !== null && typeof v === 'object'
              ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, narrow(x)]))
              : v;
      return onProperties(b, narrow);
    },
  },
  {
    name: 'big-integers-stringified',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      'Integers beyond 64 bits are kept as strings (PHP\'s JSON_BIGINT_AS_STRING, Symfony\'s Request::toArray()): 18446744073709551616 in properties comes back as "18446744073709551616".',
    apply: (b) =>
      onProperties(b, (props) => {
        if (props === null || typeof props !== 'object' || Array.isArray(props)) return props;
        for (const [k, v] of Object.entries(props))
          // An integer token (1e21 is a float's in PHP: written with an exponent, JavaScript's form tells them apart).
          if (typeof v === 'number' && Math.abs(v) >= 2 ** 63 && Number.isFinite(v) && !String(v).includes('e'))
            (props as Record<string, unknown>)[k] = BigInt(v).toString();
        return props;
      }),
  },
  {
    name: 'date-strings-parsed',
    area: 'wrong-answer',
    caughtBy: ['echo-properties', 'valid-is-created'],
    description:
      "Strings that look like an ISO date and time are made dates when the JSON is read (Rails' parse_json_times): a free string holding one is refused (not a string any more) and one inside properties comes back as 2024-01-01T10:00:00.000Z.",
    apply: (b) => ({
      ...onProperties(b, (props) => {
        if (props === null || typeof props !== 'object' || Array.isArray(props)) return props;
        for (const [k, v] of Object.entries(props))
          if (typeof v === 'string' && ISO_TIME.test(v))
            (props as Record<string, unknown>)[k] = new Date(v).toISOString();
        return props;
      }),
      readJson: onObject(b, (value) =>
        STRING_FIELDS.some((f) => typeof value[f] === 'string' && ISO_TIME.test(value[f]))
          ? { kind: 'invalid', issue: { code: 'Type', path: '$', field: null, message: 'A string is expected.' } }
          : undefined,
      ),
    }),
  },
  {
    name: 'identifier-overwritten-by-pairing-code',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'information.identifier is mapped as `pairingCode ?? identifier`, so it echoes the pairing code when one is given.',
    apply: (b) =>
      afterBuild(b, (body, req) => {
        const information = body.data?.entity?.information;
        if (information !== undefined && req.pairingCode !== null) information.identifier = req.pairingCode;
      }),
  },
  {
    name: 'properties-stringified',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description: 'properties is stored as Dictionary<string, string>: nested objects/arrays come back as JSON strings.',
    apply: (b) =>
      afterBuild(b, (body) => {
        const entity = body.data?.entity;
        const props = entity?.properties;
        if (entity === undefined || !isJsonObject(props)) return;
        entity.properties = Object.fromEntries(
          Object.entries(props).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : v]),
        );
      }),
  },
  {
    name: 'nulls-stripped-from-properties',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description: 'A "compact" helper drops null-valued keys inside properties before storing it.',
    apply: (b) =>
      afterBuild(b, (body) => {
        const entity = body.data?.entity;
        if (entity?.properties !== undefined) entity.properties = stripNulls(entity.properties);
      }),
  },
  {
    name: 'collective-id-from-owner',
    area: 'wrong-answer',
    caughtBy: ['echo-collective-id'],
    description: 'data.entity.collectiveId is mapped from the request owner (copy-paste bug).',
    apply: (b) =>
      afterBuild(b, (body, req) => {
        if (body.data?.entity !== undefined && req.owner !== null) body.data.entity.collectiveId = req.owner;
      }),
  },
  {
    name: 'null-echo',
    area: 'wrong-answer',
    caughtBy: ['echo-collective-id', 'echo-return-url'],
    description:
      'collectiveId and returnUrl come back null (mapped through a nullable column that the insert never writes).',
    apply: (b) =>
      afterBuild(b, (body) => {
        if (body.data?.entity !== undefined) body.data.entity.collectiveId = null;
        body.returnUrl = null;
      }),
  },
  {
    name: 'owner-is-principal',
    area: 'wrong-answer',
    caughtBy: ['echo-owner'],
    description: "data.entity.owner is always the caller's principal id, ignoring the request owner.",
    apply: (b) =>
      afterBuild(b, (body, _req, ctx) => {
        if (body.data?.entity !== undefined) body.data.entity.owner = ctx.principalId;
      }),
  },
  {
    name: 'return-url-zero-value',
    area: 'wrong-answer',
    caughtBy: ['echo-return-url'],
    description:
      'returnUrl is a non-nullable string in the answer\'s struct (Go\'s `ReturnURL string`): none or null sent comes back as "".',
    apply: (b) =>
      afterBuild(b, (body, req) => {
        body.returnUrl = req.returnUrl ?? '';
      }),
  },
  {
    name: 'return-url-default',
    area: 'wrong-answer',
    caughtBy: ['echo-return-url'],
    description: "returnUrl is the configured default ('config.returnUrl ?? request.returnUrl'), not the request's.",
    apply: (b) =>
      afterBuild(b, (body) => {
        body.returnUrl = 'https://app.example.com/onboarding/complete';
      }),
  },
  {
    name: 'id-repeats',
    area: 'wrong-answer',
    caughtBy: ['unique-id'],
    description: 'The onboarding request id is minted once at start-up, so every 201 carries the same id.',
    apply: (b) => ({ ...b, newContext: () => ({ ...b.newContext(), requestId: STARTUP_ID }) }),
  },
  {
    name: 'get-answered-404',
    area: 'wrong-answer',
    caughtBy: ['method-is-not-allowed'],
    description: 'GET/HEAD on the endpoint fall through to the 404 handler instead of 405 with Allow: POST.',
    apply: (b) => ({
      ...b,
      wrongMethod: (m) =>
        m === 'GET' || m === 'HEAD' ? jsonReply(404, singleError('NotFound', 'Not found.')) : b.wrongMethod(m),
    }),
  },
  {
    name: 'other-methods-200',
    area: 'wrong-answer',
    caughtBy: ['method-is-not-allowed'],
    description: 'PUT/PATCH/DELETE/OPTIONS... hit an app.all() catch-all that answers 200 {}.',
    apply: (b) => ({ ...b, wrongMethod: (m) => (m === 'GET' || m === 'HEAD' ? b.wrongMethod(m) : jsonReply(200, {})) }),
  },

  {
    name: 'route-takes-every-method',
    area: 'wrong-answer',
    caughtBy: ['method-is-not-allowed'],
    description:
      'The create handler is bound to the path for every method (app.all): PUT and PATCH with a body create, GET and DELETE without one are refused 415.',
    apply: (b) => ({ ...b, takesEveryMethod: true }),
  },

  // transport
  {
    name: 'hang-on-emoji-name',
    area: 'transport',
    caughtBy: ['response-is-received'],
    description:
      'A name containing an emoji sends a slug regex into catastrophic backtracking: the request is never answered.',
    apply: (b) => ({
      ...b,
      beforeCreate: (req) => (req.name !== null && EMOJI.test(req.name) ? 'hang' : b.beforeCreate(req)),
    }),
  },
  {
    name: 'reset-on-long-body',
    area: 'transport',
    caughtBy: ['response-is-received'],
    description: 'A proxy buffer limit resets the connection (TCP RST) once a body exceeds 48 KiB.',
    apply: (b) => ({ ...b, resetAboveBytes: 48 * 1024 }),
  },
  {
    name: 'content-length-in-chars',
    area: 'transport',
    caughtBy: ['response-schema-conformance'],
    description:
      'Content-Length is set to the UTF-16 length of the body, not its byte length: non-ASCII answers are truncated.',
    apply: (b) => ({
      ...b,
      transmit: (res, wire) => {
        res.writeHead(wire.status, { ...wire.headers, 'Content-Length': String(wire.body.length) });
        res.end(wire.body, 'utf8');
      },
    }),
  },
  {
    name: 'latin-1-when-it-fits',
    area: 'transport',
    caughtBy: ['response-schema-conformance'],
    description:
      'An answer whose text Latin-1 holds is written in ISO-8859-1 (the narrowest charset that fits), other answers in UTF-8: JSON must be UTF-8 (RFC 8259 §8.1).',
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        const narrow = /[^\x00-\x7f]/.test(wire.body) && !/[^\x00-\xff]/.test(wire.body);
        if (!narrow) return b.transmit(res, wire, req);
        writeLatin1(res, wire);
      },
    }),
  },
  {
    name: 'accept-charset-honoured',
    area: 'transport',
    caughtBy: ['response-schema-conformance'],
    description:
      'The writer honours Accept-Charset: a request that asks for iso-8859-1 and not utf-8 gets its answer in Latin-1, labelled so (oRPC blind probe); JSON exchanged between systems MUST be UTF-8 (RFC 8259 §8.1), and the text read as such is not what was sent.',
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        const asked = String(req.headers['accept-charset'] ?? '');
        if (!/iso-8859-1/i.test(asked) || /utf-8/i.test(asked) || /[^\x00-\xff]/.test(wire.body))
          return b.transmit(res, wire, req);
        writeLatin1(res, wire);
      },
    }),
  },

  // The request space's value dimensions (issue 22): one fault each, as stacks the suite had not seen ship them.
  {
    name: 'uuid-strict-rfc9562',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "collectiveId/owner are checked with npm uuid's validate(), strict to RFC 9562: a version digit outside 1-8 or a variant other than 10xx (format uuid admits both) is refused with 400.",
    apply: (b) => policy(b, { parseUuid: (v) => (RFC9562_UUID.test(v) ? b.validation.parseUuid(v) : undefined) }),
  },
  {
    name: 'big-number-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      "Numbers in properties are stored through .NET's decimal, which throws on a value beyond its range (±7.9e28: 1e30, 1e400, a 5,000-digit integer): 500.",
    apply: crashesWhen(
      (req) => someValue(req.properties, (v) => typeof v === 'number' && !(Math.abs(v) <= DECIMAL_MAX)),
      () => new RangeError('Value was either too large or too small for a Decimal.'),
    ),
  },
  {
    name: 'depth-stack-overflow-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      'properties goes through a recursive sanitiser that runs out of stack at about 2,000 levels: 500 (no documented limit, no 400).',
    apply: crashesWhen(
      (req) => nestedDeeperThan(req.properties, 2000),
      () => new RangeError('Maximum call stack size exceeded'),
    ),
  },
  {
    name: 'echo-deeper-than-reader',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      "Reader and writer share PHP's default depth of 512 (json_decode, json_encode): a body nested deeper is refused with 400, but the 201 nests the echoed properties deeper than the body did, so a body just under the limit (510 levels) fails to encode: 500.",
    apply: (b) => ({
      ...b,
      readJson: refusedDeeperThan(b, 512, 'Maximum stack depth exceeded.'),
      finish: (reply) => {
        const final = b.finish(reply);
        return final.json !== undefined && nestedDeeperThan(final.json, 512)
          ? jsonReply(500, singleError('InternalServerError', 'Maximum stack depth exceeded.'))
          : final;
      },
    }),
  },
  {
    name: 'proto-dropped-from-echo',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      'properties is deep-copied with `copy[key] = value`, which sets the prototype for a `__proto__` member instead of keeping it: the echo loses it.',
    apply: (b) =>
      afterBuild(b, (body) => {
        const entity = body.data?.entity;
        if (entity?.properties !== undefined) entity.properties = assignedCopy(entity.properties, 0);
      }),
  },
  {
    name: 'defaults-assigned-over-body',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'Defaults are applied with `Object.assign({}, body)` before a strict check that walks inherited keys (Valibot\'s strictObject, Express probe): a `__proto__` member sets the copy\'s prototype instead of staying a member; `{"conformance":true}` leaves an inherited key the check refuses, `{}` leaves none: 201 where 400 is due.',
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) => {
        if (!Object.hasOwn(value, '__proto__')) return undefined;
        // The setter runs: `__proto__` becomes the copy's prototype, no member of it.
        const merged: Record<string, Json> = Object.assign({}, value);
        const walked: Record<string, Json> = {};
        for (const k in merged) walked[k] = merged[k];
        return { kind: 'json', value: walked };
      }),
    }),
  },
  {
    name: 'object-model-names-accepted',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'Unknown members are looked up with `key in KNOWN` on a plain object, so `constructor`, `toString`, `__proto__`... count as known, then nothing reads them: 201.',
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) => {
        const known: Record<string, unknown> = {};
        for (const k of Object.keys(value)) if (k in known) delete value[k];
        return undefined;
      }),
    }),
  },
  {
    name: 'object-model-names-walked',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'express-validator\'s checkExact: names found on Object.prototype count as known fields, and only an object value is walked, its members flagged unknown: `"__proto__": {"x": 1}` is refused, `"constructor": null` created.',
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) => {
        const known: Record<string, unknown> = {};
        for (const k of Object.keys(value)) {
          if (!(k in known)) continue;
          const v = value[k];
          if (isJsonObject(v) && Object.keys(v).length > 0)
            return {
              kind: 'invalid',
              issue: {
                code: 'Unknown',
                path: `$.${k}`,
                field: null,
                message: `Unknown field ${k}.${Object.keys(v)[0]}.`,
              },
            };
          delete value[k];
        }
        return undefined;
      }),
    }),
  },
  {
    name: 'falsy-values-skipped',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "The optional string fields are checked only when truthy (express-validator's optional({ values: 'falsy' })): false and 0 skip every check and the member is left out.",
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) => {
        for (const f of STRING_FIELDS) if (value[f] === false || value[f] === 0) delete value[f];
        return undefined;
      }),
    }),
  },
  {
    name: 'router-params-dropped',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "Strong parameters (Rails) permit the known members and never report the router's own, controller and action, as unpermitted: they are dropped, 201.",
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) => {
        delete value['controller'];
        delete value['action'];
        return undefined;
      }),
    }),
  },
  {
    name: 'escaped-names-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'A gateway rule looks for the literal text `"type"` in the raw body before parsing: a member name written with escapes (`"\\u0074ype"`) is refused with 400.',
    apply: (b) => ({
      ...b,
      readJson: (raw) =>
        raw.includes('"type"')
          ? b.readJson(raw)
          : {
              kind: 'invalid',
              issue: { code: 'Required', path: '$.type', field: 'type', message: "'type' is required." },
            },
    }),
  },

  // Issue 24's three-bug provider: three independent bugs, each its own problem.
  {
    name: 'name-identifier-swapped',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description: 'information.name and information.identifier are swapped in the answer (a mapping slip).',
    apply: (b) =>
      afterBuild(b, (body) => {
        const information = body.data?.entity?.information;
        if (information !== undefined)
          [information.name, information.identifier] = [information.identifier ?? null, information.name ?? null];
      }),
  },
  {
    name: 'long-name-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description: 'A name of 256 characters or more overflows a varchar(255) column: 500.',
    apply: crashesWhen(
      (req) => (req.name ?? '').length >= 256,
      () => new Error('String or binary data would be truncated in column name'),
    ),
  },
  {
    name: 'length-band-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      'An identifier of 100 to 200 characters takes a code path of its own (a second buffer) that fails: 500; shorter and longer ones are created (Express 5 blind probe).',
    apply: crashesWhen(
      (req) => {
        const n = [...(req.identifier ?? '')].length;
        return n >= 100 && n <= 200;
      },
      () => new Error('identifier buffer overflow'),
    ),
  },
  {
    name: 'six-digit-code-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      'A pairingCode of six digits is looked up as a device code, in a table that is not there: 500 (Deno blind probe).',
    apply: crashesWhen(
      (req) => /^\d{6}$/.test(req.pairingCode ?? ''),
      () => new Error('relation "pairing_codes" does not exist'),
    ),
  },
  {
    name: 'script-url-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "An input filter refuses a returnUrl with the `javascript:` scheme, which the schema's `type: string` admits (Deno blind probe).",
    apply: refusedWhen(
      (v) => typeof v.returnUrl === 'string' && /^\s*javascript:/i.test(v.returnUrl),
      issue('UnsafeUrl', '$.returnUrl', 'returnUrl', 'returnUrl must not be a script URL.'),
    ),
  },
  {
    name: 'boolean-words-coerced',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'A coercing binder reads the strings "true" and "false" as booleans and stores the name as one: the echo has true where "true" was sent.',
    apply: (b) =>
      afterBuild(b, (body) => {
        const info = body.data?.entity?.information;
        if (info !== undefined && (info.name === 'true' || info.name === 'false'))
          loose(info).name = info.name === 'true';
      }),
  },
  {
    name: 'quote-in-one-type-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      'The Inverter answer is a JSON template filled by string concatenation: a brand with a double quote in it breaks the template, 500; other types are written by the JSON encoder (Laravel blind probe).',
    apply: crashesWhen(
      (req) => req.type === 'Inverter' && (req.brand ?? '').includes('"'),
      () => new SyntaxError('Unexpected token in JSON'),
    ),
  },
  {
    name: 'backslash-quote-unescaped',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'The store unescapes quotes once more: a name with a backslash before a quote comes back without the backslash (Pyramid blind probe).',
    apply: informationEdited('name', (v) => v.replaceAll('\\"', '"')),
  },
  {
    name: 'hex-identifier-uppercased',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'A normaliser for serial numbers writes an identifier of lower-case hex digits (with a letter) in upper case (Feathers blind probe).',
    apply: (b) =>
      afterBuild(b, (body) => {
        const info = body.data?.entity?.information;
        if (info !== undefined && typeof info.identifier === 'string' && /^(?=.*[a-f])[0-9a-f]+$/.test(info.identifier))
          info.identifier = info.identifier.toUpperCase();
      }),
  },
  {
    name: 'properties-digit-strings-coerced',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      'The properties store writes strings of digits back as integers ("42" as 42), as form-style parsers and numeric columns do (Bottle blind probe).',
    apply: (b) =>
      onProperties(b, (p) =>
        isJsonObject(p)
          ? Object.fromEntries(
              Object.entries(p).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]),
            )
          : p,
      ),
  },
  {
    name: 'member-names-trimmed',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'The reader trims white space around member names before validation: `"collectiveId "` binds to collectiveId, where an unknown member is due 400 (Django blind probe).',
    apply: readAs((v) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k.trim(), x]))),
  },
  {
    name: 'three-bugs',
    area: 'wrong-answer',
    description: 'name-identifier-swapped, long-name-500 and uuid-unchecked together (issue 24: one problem each).',
    caughtBy: ['echo-entity-information', 'not-a-server-error', 'invalid-is-rejected'],
    apply: (b) =>
      faultNamed('name-identifier-swapped').apply(
        faultNamed('long-name-500').apply(faultNamed('uuid-unchecked').apply(b)),
      ),
  },

  // Issue 15's two-bug provider as a seeded fault pair: many distinct failures, exactly two problems. And the same
  // provider with a third bug, which a baseline of the pair must not hide.
  {
    name: 'two-bugs',
    area: 'wrong-answer',
    description: "status-200 and enum-case-insensitive together: 200 for 201, and 'company' taken as Company.",
    caughtBy: ['status-is-allowed', 'valid-is-created', 'invalid-is-rejected'],
    apply: (b) => faultNamed('status-200').apply(faultNamed('enum-case-insensitive').apply(b)),
  },
  {
    name: 'two-bugs-and-basic-accepted',
    area: 'auth',
    description: 'two-bugs, and Basic credentials are accepted as well (a new bug on top of two known ones).',
    caughtBy: ['status-is-allowed', 'valid-is-created', 'invalid-is-rejected', 'auth-is-enforced'],
    apply: (b) => faultNamed('basic-accepted').apply(faultNamed('two-bugs').apply(b)),
  },
  // ---- the message: framing, content codings, media-type and credential spellings, methods (issue #22) ----
  {
    name: 'chunked-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description: 'A body reader that sizes its buffer from Content-Length throws on a chunked request: 500.',
    apply: (b) => ({
      ...b,
      admit: (req) => {
        if (req.headers['transfer-encoding'] !== undefined) throw new TypeError('Invalid array length');
        return b.admit(req);
      },
    }),
  },
  {
    name: 'body-unset-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description:
      "A POST with neither Content-Length nor Transfer-Encoding has no content (RFC 9112 §6.3), and Express 5 leaves `req.body` undefined for it (4 gave `{}`): the handler's first `req.body.brand` throws, 500 (Express 5 + VineJS probe).",
    apply: (b) => ({
      ...b,
      admit: (req) => {
        if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)
          throw new TypeError("Cannot read properties of undefined (reading 'brand')");
        return b.admit(req);
      },
    }),
  },
  {
    name: 'location-undefined',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      "The 201's Location is built as `${base}/${entity.id}` from a variable that is never set: `…/entities/undefined` names no resource (RFC 9110 §10.2.2; NestJS probe).",
    apply: locatedAt('/connect/v1/onboarding/entities/undefined'),
  },
  {
    name: 'location-fresh-uuid',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      "The 201's Location is built from a uuid drawn for it (`${base}/${uuid4()}`), not from the id stored: it names a resource that does not exist (RFC 9110 §10.2.2; Go and Fastify blind probes).",
    apply: locatedAt(() => `/connect/v1/onboarding/entities/${randomUUID()}`),
  },
  {
    name: 'location-from-identifier',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      "The 201's Location is built from the identifier the request sent, where it is shaped like a serial number (`${base}/${identifier}`), not from an id: two requests with one identifier get one URI for two onboarding requests (RFC 9110 §10.2.2; Ulfius, hapi and express-openapi-validator blind probes).",
    // Only an identifier shaped like a serial number (`SN-1`): any other is no path segment, and the id stands there.
    apply: locatedAt((body) => {
      const identifier = body.data?.entity?.information?.identifier;
      const serial =
        typeof identifier === 'string' &&
        /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(identifier) &&
        !/^(null|undefined|none|nil)$/i.test(identifier);
      return `/connect/v1/onboarding/entities/${serial ? identifier : String(body.id)}`;
    }),
  },
  {
    name: 'index-keys-listed',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      'properties is kept as PHP arrays (json_decode(..., true), then json_encode): an object whose keys are 0 to n-1 in order comes back as a list, `{"0":"x","1":"y"}` as `["x","y"]` (Symfony blind probe).',
    apply: (b) => onProperties(b, (v) => listed(v)),
  },
  {
    name: 'location-collection',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      "The 201's Location is the path the request was sent to (`headers.set('Location', url.pathname)`): it names the collection, not the request created (RFC 9110 §10.2.2; Qwik City probe).",
    apply: locatedAt('/connect/v1/onboarding/entities'),
  },
  {
    name: 'location-under-collective',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      "Where a collective is named, the 201's Location is `/v1/collectives/{collectiveId}/entities/{id}`, elsewhere the request's own path: one branch names another resource than the others, with the request's id in it (RFC 9110 §10.2.2; Laravel and Hono blind probes).",
    apply: locatedAt((body) => {
      const collective = body.data?.entity?.collectiveId;
      return typeof collective === 'string'
        ? `/connect/v1/collectives/${collective}/entities/${String(body.id)}`
        : `/connect/v1/onboarding/entities/${String(body.id)}`;
    }),
  },
  {
    name: 'body-text-per-chunk',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'The body is read as `text += chunk` on each data event, each piece decoded as UTF-8 on its own: a character whose bytes two chunks of a chunked body split becomes U+FFFD twice, and the echo differs (restana probe).',
    apply: (b) => ({
      ...b,
      joinBody: (pieces) => Buffer.from(pieces.map((p) => p.toString('utf8')).join(''), 'utf8'),
    }),
  },
  {
    name: 'content-coding-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description: 'A decompression middleware that reads the stream twice: a gzip, deflate or br body throws, 500.',
    apply: (b) => ({
      ...b,
      decodeBody: (raw, coding) => {
        if (coding !== undefined && /gzip|deflate|br/i.test(coding)) throw new Error('stream is not readable');
        return b.decodeBody(raw, coding);
      },
    }),
  },
  {
    name: 'undecodable-coding-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description:
      'A decoder error nobody catches: a body labelled gzip, deflate or br whose bytes are not in that coding answers 500.',
    apply: (b) => ({
      ...b,
      decodeBody: (raw, coding) => {
        // Decoded once more with nothing around it: bytes that are not in the coding throw, uncaught.
        DECODERS[coding?.trim().toLowerCase() ?? 'identity']?.(raw);
        return b.decodeBody(raw, coding);
      },
    }),
  },
  {
    name: 'invalid-utf8-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description: 'A strict UTF-8 decoder whose exception nobody catches: bytes that are not UTF-8 answer 500, not 400.',
    apply: (b) => ({
      ...b,
      readJson: (raw) => {
        new TextDecoder('utf-8', { fatal: true }).decode(raw);
        return b.readJson(raw);
      },
    }),
  },
  {
    name: 'raw-bytes-copied',
    area: 'transport',
    caughtBy: ['response-schema-conformance'],
    description:
      "Bytes that are not UTF-8 are taken leniently and copied into the 201 as they came (Go's json.RawMessage): the answer's bytes are not UTF-8, so it is no JSON text.",
    apply: (b) => ({
      ...b,
      readJson: (raw) => b.readJson(Buffer.from(raw.toString('utf8'), 'utf8')),
      transmit: (res, wire, req) => {
        if (wire.status !== 201 || !wire.body.includes('\ufffd')) return b.transmit(res, wire, req);
        const parts = wire.body.split('\ufffd').map((p) => Buffer.from(p, 'utf8'));
        const body = Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from([0xff]), p])));
        res.writeHead(wire.status, { ...wire.headers, 'Content-Length': String(body.length) });
        res.end(body);
      },
    }),
  },
  {
    name: 'type-error-prints-value',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description:
      "A type error's message prints the value sent, pretty-printed (yup's default notType message): an array nested 10,000 deep where brand's string is due overflows the stack, 500.",
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) => {
        const v = value['brand'];
        if (v !== null && v !== undefined && typeof v !== 'string') JSON.stringify(v, null, 2);
        return undefined;
      }),
    }),
  },
  {
    name: 'error-render-kills-process',
    area: 'transport',
    caughtBy: ['response-is-received'],
    description:
      "No error handler: the framework's default error body serializes the validation error with the value sent (h3's sendError); a type error on an array nested 10,000 deep overflows the stack in an unawaited promise, and the unhandled rejection kills the process: nothing answers after it.",
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) => {
        const v = value['brand'];
        return Array.isArray(v) && nestedDeeperThan(v, 5000)
          ? { kind: 'invalid', issue: issue('ProcessDies', '$.brand', 'brand', 'Maximum call stack size exceeded') }
          : undefined;
      }),
      badRequest: (issues) =>
        issues.some((i) => i.code === 'ProcessDies') ? { status: 500, headers: {}, dies: true } : b.badRequest(issues),
    }),
  },
  {
    name: 'validation-error-kills-process',
    area: 'transport',
    caughtBy: ['response-is-received'],
    description:
      "The validator's assert throws, and nothing catches it (superstruct's assert() in a Polka 0.5 handler, Polka probe): the first body refused by validation kills the process, and the preflight's plainly invalid body is the first request of a run. A verdict is due, not 'unreachable': a connection was made, then refused.",
    apply: (b) => ({ ...b, badRequest: () => ({ status: 500, headers: {}, dies: true }) }),
  },
  {
    name: 'member-names-rendered-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description:
      'Text is checked in values only (bytes decoded leniently, a U+FFFD or a lone surrogate in a value refused with 400): a member name holding one throws when the answer is rendered, 500 (Rails).',
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) => {
        const parsed = b.readJson(Buffer.from(raw.toString('utf8'), 'utf8'), contentType, url);
        if (parsed.kind !== 'json') return parsed;
        const bad = (s: string) => s.includes('\ufffd') || !s.isWellFormed();
        const walk = (v: unknown, depth: number): 'value' | 'name' | undefined => {
          if (typeof v === 'string') return bad(v) ? 'value' : undefined;
          if (v === null || typeof v !== 'object' || depth > 100) return undefined;
          for (const [k, x] of Object.entries(v)) {
            if (bad(k)) return 'name';
            const found = walk(x, depth + 1);
            if (found) return found;
          }
          return undefined;
        };
        const found = walk(parsed.value, 0);
        if (found === 'name') throw new Error('invalid byte sequence in UTF-8');
        if (found === 'value')
          return { kind: 'invalid', issue: { code: 'Encoding', path: '$', field: null, message: 'Invalid text.' } };
        return parsed;
      },
    }),
  },
  {
    name: 'lenient-json-features',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "Jackson's ALLOW_UNQUOTED_CONTROL_CHARS and ALLOW_NUMERIC_LEADING_ZEROS: a raw tab inside a string and 01 are read (RFC 8259 §7, §6 forbid both).",
    // Outside string literals leading zeros go; inside them raw control characters are escaped.
    apply: (b) =>
      lenientText(
        b,
        (outside) => outside.replace(/(^|[^\d.eE+-])0+(\d)/g, '$1$2'),
        (inside) => inside.replace(/[\u0000-\u001f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`),
      ),
  },
  {
    name: 'number-trailing-dot-accepted',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "lua-cjson's number reader takes a decimal point with no digit after it: `1.` is read as 1 (RFC 8259 §6: frac = decimal-point 1*DIGIT).",
    // Outside string literals a digit, a point and no digit after it lose the point.
    apply: (b) => lenientText(b, (outside) => outside.replace(/(\d)\.(?!\d)/g, '$1')),
  },
  {
    name: 'content-type-list-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description:
      "The handler reads Content-Type from nginx's Lua ngx.req.get_headers(), which gives a table for a repeated field: two Content-Type lines make string functions throw, 500.",
    apply: answeredWhen(
      (req) => repeatedField(req, 'content-type'),
      () => textReply(500, 'text/html', '<h1>500 Internal Server Error</h1>'),
    ),
  },
  {
    name: 'content-type-added-twice',
    area: 'transport',
    caughtBy: ['content-type-conformance'],
    description:
      "A gateway's `add_header Content-Type application/json always` beside the application's own: every answer carries two Content-Type lines (RFC 9110 §5.3: no list field).",
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        const own = Object.keys(wire.headers).find((h) => h.toLowerCase() === 'content-type');
        if (own === undefined) return b.transmit(res, wire, req);
        const { [own]: first, ...rest } = wire.headers;
        res.writeHead(wire.status, { ...rest, 'Content-Type': [first, 'application/json'] });
        res.end(wire.body, 'utf8');
      },
    }),
  },
  {
    name: 'range-applied-to-post',
    area: 'transport',
    caughtBy: ['valid-is-created'],
    description:
      'The server library applies a Range field to any answer (cpp-httplib 0.11): a POST with `Range: bytes=0-9` gets 206 and ten bytes of the 201, one with a malformed range 416 (RFC 9110 §14.2: ignored on any method but GET).',
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        const range = req.headers.range;
        if (range === undefined || wire.status !== 201) return b.transmit(res, wire, req);
        const m = /^bytes=(\d+)-(\d+)$/.exec(range);
        const bytes = Buffer.from(wire.body, 'utf8');
        if (m === null) {
          res.writeHead(416, { 'Content-Range': `bytes */${bytes.length}`, 'Content-Length': '0' });
          res.end();
          return;
        }
        const part = bytes.subarray(Number(m[1]), Number(m[2]) + 1);
        res.writeHead(206, {
          ...wire.headers,
          'Content-Range': `bytes ${m[1]}-${Number(m[1]) + part.length - 1}/${bytes.length}`,
          'Content-Length': String(part.length),
        });
        res.end(part);
      },
    }),
  },
  {
    name: 'cors-origin-throws-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      "The cors middleware's origin callback throws for an origin not on its list, and Express's default error handler answers 500 in HTML: any request that carries another Origin fails.",
    apply: answeredWhen(
      (req) => req.headers.origin !== undefined && req.headers.origin !== 'https://app.example.com',
      () => textReply(500, 'text/html; charset=utf-8', '<pre>Error: Not allowed by CORS</pre>'),
    ),
  },
  {
    name: 'content-encoding-without-coding',
    area: 'transport',
    caughtBy: ['response-schema-conformance'],
    description:
      'A request that takes gzip gets answers labelled Content-Encoding: gzip whose bodies are not compressed (the header set by hand where the compression middleware was switched off).',
    apply: (b) =>
      writtenAs(b, (wire, req) =>
        /gzip/i.test(req.headers['accept-encoding'] ?? '') && wire.body !== ''
          ? withHeaders(wire, { 'Content-Encoding': 'gzip' })
          : wire,
      ),
  },
  {
    name: 'raw-deflate-as-deflate',
    area: 'transport',
    caughtBy: ['response-schema-conformance'],
    description:
      "chi's Compress answers a request that takes deflate (and not gzip) with raw DEFLATE (RFC 1951) labelled deflate, which RFC 9110 §8.4.1.2 defines as the zlib format: no client decodes it.",
    apply: (b) =>
      codedAs(b, 'deflate', deflateRawSync, (accepts) => /deflate/i.test(accepts) && !/gzip/i.test(accepts)),
  },
  {
    name: 'member-names-as-atoms-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      "Member names are read as Erlang atoms (jiffy's decode, then list_to_atom/1): a name longer than 255 characters, anywhere in the body, raises system_limit and yaws answers 500.",
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) => {
        const parsed = b.readJson(raw, contentType, url);
        if (parsed.kind === 'json' && /"[^"\\]{256,}"\s*:/.test(raw.toString('utf8')))
          throw new Error('system_limit: list_to_atom/1');
        return parsed;
      },
    }),
  },
  {
    name: 'charset-utf8-as-written-only',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'The body is decoded as UTF-8 only under a charset written exactly `utf-8` (or none), as Latin-1 under any other label (Next.js blind probe): `charset=UTF-8`, `Charset=utf-8` or a quoted value garble the text beyond ASCII, though charset names are case-insensitive and a quoted value is the same value (RFC 9110 §8.3.2, §5.6.6).',
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) => {
        const written = /;\s*charset=([^;]*)/.exec(contentType ?? '')?.[1]?.trim();
        return written === undefined || written === 'utf-8'
          ? b.readJson(raw, contentType, url)
          : b.readJson(Buffer.from(raw.toString('latin1'), 'utf8'), contentType, url);
      },
    }),
  },
  {
    name: 'https-redirect-everything',
    area: 'transport',
    caughtBy: ['valid-is-created', 'invalid-is-rejected'],
    description:
      "An HTTPS redirect in front of the API (Django's SECURE_SSL_REDIRECT, ASP.NET Core's UseHttpsRedirection) answers every request on the path 307 to https://: nothing reaches the operation.",
    apply: (b) => {
      const redirect = () => withHeaders(textReply(307, 'text/plain', ''), { Location: 'https://127.0.0.1/' });
      return { ...b, admit: redirect, wrongMethod: redirect };
    },
  },
  {
    name: 'charset-honoured',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      "The body is decoded by the Content-Type's charset (WebOb's json_body): UTF-8 text labelled iso-8859-1 is read as Latin-1, so 'Müller' is created as 'MÃ¼ller' (RFC 8259 §11: the parameter has no effect).",
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) =>
        /charset\s*=\s*"?iso-8859-1/i.test(contentType ?? '')
          ? b.readJson(Buffer.from(raw.toString('latin1'), 'utf8'), contentType, url)
          : b.readJson(raw, contentType, url),
    }),
  },
  {
    name: 'bom-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description: 'The body is parsed as Latin-1 text: a byte-order mark before the JSON throws in the parser, 500.',
    apply: (b) => ({
      ...b,
      readJson: (raw) => {
        if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) JSON.parse(raw.toString('latin1'));
        return b.readJson(raw);
      },
    }),
  },
  {
    name: 'no-content-type-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description:
      "The media-type check reads contentType.split(';') of a missing header: a POST without Content-Type is 500.",
    apply: (b) => ({
      ...b,
      acceptsMediaType: (ct) => {
        if (ct === undefined) throw new TypeError("Cannot read properties of undefined (reading 'split')");
        return b.acceptsMediaType(ct);
      },
    }),
  },
  {
    name: 'charset-needs-space-400',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "Content-Type parameters are split on '; ' only: 'application/json;charset=utf-8' is refused with 400.",
    apply: answeredWhen(
      (req) => /;(?! )/.test(req.headers['content-type'] ?? ''),
      () => jsonReply(400, singleError('BadRequest', 'Malformed Content-Type.')),
    ),
  },
  {
    name: 'ows-before-semicolon-415',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description: "The media type before ';' is not trimmed: 'application/json ; charset=utf-8' is refused with 415.",
    apply: (b) => refuseMediaType(b, (ct) => /\s;/.test(ct)),
  },
  {
    name: 'bearer-one-space-only',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description: "The token is what follows 'Bearer ' exactly: with two spaces it starts with one, and is refused 401.",
    apply: (b) => mapAuth(b, (outcome, h) => (outcome === 'ok' && /^\S+ {2}/.test(h ?? '') ? 'wrong-token' : outcome)),
  },
  {
    name: 'token-first-word',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description: "The token is the first word after the scheme: 'Bearer <token> anything' is accepted.",
    apply: (b) =>
      mapAuth(b, (outcome, h, token) =>
        outcome === 'wrong-token' && parseAuthorization(h)?.credentials.split(/\s+/)[0] === token ? 'ok' : outcome,
      ),
  },
  {
    name: 'bearer-prefix-optional',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "The token is the header with an optional 'Bearer ' prefix stripped (header.replace(/^Bearer /, '')): the bare token is accepted.",
    apply: (b) => mapAuth(b, (outcome, h, token) => ((h ?? '').replace(/^Bearer /i, '') === token ? 'ok' : outcome)),
  },
  {
    name: 'scheme-by-prefix',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "The scheme is tested by prefix (header.startsWith('Bearer'), LoopBack's JWT tutorial), the token taken after the first space: 'Bearer: <token>' is accepted.",
    apply: (b) =>
      mapAuth(b, (outcome, h, token) =>
        (h ?? '').startsWith('Bearer') && parseAuthorization(h)?.credentials === token ? 'ok' : outcome,
      ),
  },
  {
    name: 'token-case-insensitive',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "The whole Authorization value is lower-cased before it is compared (to take 'bearer' too): the token's case is ignored.",
    apply: (b) =>
      mapAuth(b, (outcome, h, token) =>
        outcome === 'wrong-token' && (h ?? '').toLowerCase() === `bearer ${token}`.toLowerCase() ? 'ok' : outcome,
      ),
  },
  {
    name: 'scheme-ignored',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description: "The token is what follows the first space, whatever the scheme: 'Basic <token>' is accepted.",
    apply: (b) => mapAuth(b, (outcome, h, token) => (parseAuthorization(h)?.credentials === token ? 'ok' : outcome)),
  },
  {
    name: 'token-trailing-ignored',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'The token must be one token68, then is decoded leniently: characters after the valid token are ignored (a lax base64 decoder).',
    apply: (b) =>
      mapAuth(b, (outcome, h, token) => {
        const given = parseAuthorization(h)?.credentials ?? '';
        return outcome === 'wrong-token' && /^[A-Za-z0-9\-._~+/]+=*$/.test(given) && given.startsWith(token)
          ? 'ok'
          : outcome;
      }),
  },
  {
    name: 'token-and-options',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "The credentials are read with the general auth-param syntax (Rails' token_and_options): a quoted token, a token= parameter, or the token before a comma and more parameters is the token.",
    apply: (b) =>
      mapAuth(b, (outcome, h, token) => {
        const given = parseAuthorization(h)?.credentials ?? '';
        const m = /^(?:token=)?"?([^",]+)"?(?:,.*)?$/s.exec(given);
        return outcome === 'wrong-token' && m?.[1] === token ? 'ok' : outcome;
      }),
  },
  {
    name: 'repeated-authorization-skips-auth',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'An auth middleware that expects one header value lets a request with repeated Authorization lines through: 201.',
    apply: (b) => ({
      ...b,
      authenticate: (h, token, lines) => (lines.length > 1 ? 'ok' : b.authenticate(h, token, lines)),
    }),
  },
  {
    name: 'token-compare-non-ascii-500',
    area: 'auth',
    caughtBy: ['not-a-server-error'],
    description:
      "The token is compared as text by a function that refuses characters beyond ASCII (Python's hmac.compare_digest on two str): a header with one raises, 500.",
    apply: (b) => ({
      ...b,
      authenticate: (h, token, lines, url) => {
        if (/[^\x00-\x7f]/.test(h ?? ''))
          throw new TypeError('comparing strings with non-ASCII characters is not supported');
        return b.authenticate(h, token, lines, url);
      },
    }),
  },
  {
    name: 'unknown-name-rendered-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description:
      'The error answer names the unknown member, and its encoder refuses a lone surrogate (Flask-RESTful): a top-level member named with one is a 500, not a 400.',
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) => {
        if (Object.keys(value).some((k) => !k.isWellFormed())) throw new Error("'utf-8' codec can't encode character");
        return undefined;
      }),
    }),
  },
  {
    name: 'null-string-as-null',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected', 'echo-entity-information'],
    description:
      "The null side of a nullable member is matched by String() (tsoa): the string 'null' is taken for null, so a uuid member 'null' is created and a free string 'null' echoed as null.",
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) => {
        for (const [k, v] of Object.entries(value)) if (v === 'null') value[k] = null;
        return undefined;
      }),
    }),
  },
  {
    name: 'token-in-cookie',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'Without an Authorization header the token is read from a session cookie (a Nuxt-style fallback): Cookie: token=<token> is created.',
    apply: (b) =>
      mapAuth(b, (outcome, h, token, _url, cookie) =>
        h === undefined && cookie.split(';').some((c) => c.trim() === `token=${token}`) ? 'ok' : outcome,
      ),
  },
  {
    name: 'session-cookie-token',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "Without an Authorization header the token is read from the app's session cookie (a Next.js route handler's cookies().get('session')): Cookie: session=<token> is created.",
    apply: (b) =>
      mapAuth(b, (outcome, h, token, _url, cookie) =>
        h === undefined && cookie.split(';').some((c) => c.trim() === `session=${token}`) ? 'ok' : outcome,
      ),
  },
  {
    name: 'token-prefix-accepted',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'The token is compared by prefix the wrong way round (expected.startsWith(given)): the token without its last character, or any leading part of it, is created.',
    apply: (b) =>
      mapAuth(b, (outcome, h, token) => {
        const given = /^Bearer (.+)$/.exec(h ?? '')?.[1];
        return given !== undefined && token.startsWith(given) ? 'ok' : outcome;
      }),
  },
  {
    name: 'jwt-scheme-accepted',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "The token is taken under the JWT scheme as under Bearer (Feathers' JWT strategy): JWT <token> is created.",
    apply: (b) => mapAuth(b, (outcome, h, token) => (h === `JWT ${token}` ? 'ok' : outcome)),
  },
  {
    name: 'token-in-query',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "A token guard that also reads the token from the query string (Laravel's `api_token`): a request without an Authorization header but with `?api_token=<token>` is created.",
    apply: (b) => tokenInQuery(b, 'api_token'),
  },
  {
    name: 'jwt-in-query',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "go-chi/jwtauth's Verifier with TokenFromQuery beside TokenFromHeader: a request without an Authorization header but with `?jwt=<token>` is created.",
    apply: (b) => tokenInQuery(b, 'jwt'),
  },
  {
    name: 'token-as-basic-password',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "Laravel's token guard also reads the token from the Basic password (PHP_AUTH_PW): `Authorization: Basic base64(user:<token>)` is created.",
    apply: (b) =>
      mapAuth(b, (outcome, h, token) => {
        const basic = parseAuthorization(h);
        if (basic?.scheme.toLowerCase() !== 'basic') return outcome;
        const userPass = Buffer.from(basic.credentials, 'base64').toString('utf8');
        return userPass.slice(userPass.indexOf(':') + 1) === token && userPass.includes(':') ? 'ok' : outcome;
      }),
  },
  {
    name: 'bearer-scheme-case-sensitive',
    area: 'auth',
    caughtBy: ['valid-is-created'],
    description:
      "The scheme is matched case-sensitively (`startsWith('Bearer ')`): 'bearer T' and 'BEARER T' are refused 401, against RFC 9110 §11.1.",
    apply: (b) =>
      mapAuth(b, (outcome, h) =>
        outcome === 'ok' && parseAuthorization(h)?.scheme !== 'Bearer' ? 'not-bearer' : outcome,
      ),
  },
  {
    name: 'scheme-cut-blindly',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "The token is the header after its first seven characters, whatever they are (`header.slice(7)`, as Effect's HttpApiSecurity.bearer reads it): 'Digest <token>' and 'Bearer:<token>' are created.",
    apply: (b) => mapAuth(b, (outcome, h, token) => (h !== undefined && h.slice(7) === token ? 'ok' : outcome)),
  },
  {
    name: 'response-encode-400',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "The handler writes `owner: payload.owner ?? ''` and the framework validates its own answer, reporting the failure as a decode error (Effect's HttpApi): every valid request without an owner is answered 400 naming data.entity.owner.",
    apply: (b) => {
      const ownerless = new WeakSet<object>();
      return {
        ...afterBuild(b, (body, req) => {
          if (req.owner === undefined || req.owner === null) ownerless.add(body);
        }),
        // Effect's formatter: the path in `description`, then the whole entity printed in a message.
        created: (body, ctx) =>
          ownerless.has(body)
            ? jsonReply(400, {
                errors: [
                  {
                    code: 'Refinement',
                    description: 'data.entity.owner',
                    message: 'Expected a Universally Unique Identifier, actual ""',
                  },
                  {
                    code: 'Type',
                    description: 'data.entity',
                    message: `Expected undefined, actual ${JSON.stringify({ ...body.data?.entity, properties: {}, owner: '' })}`,
                  },
                ],
              })
            : b.created(body, ctx),
      };
    },
  },
  {
    name: 'create-always-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      'Storing the entity always throws (a table never migrated): every valid request is answered 500, whatever it holds.',
    apply: (b) => ({
      ...b,
      created: () => jsonReply(500, singleError('InternalError', 'relation "entities" does not exist')),
    }),
  },
  {
    name: 'every-37th-create-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      'Every 37th request that reaches the store is answered 500 (a lock wait timed out; nginx + PHP-FPM blind probe): the requests it hits are whichever came 37th, so a curl line of one gets 201.',
    apply: (b) => {
      let reached = 0;
      return crashesWhen(
        () => ++reached % 37 === 0,
        () => new Error('Lock wait timeout exceeded'),
      )(b);
    },
  },
  {
    name: 'created-set-at-start',
    area: 'wrong-answer',
    caughtBy: ['created-is-now'],
    description:
      "created is a time taken once when the server starts (Go's package-level `var started = time.Now()`, a pydantic default evaluated at import): every answer carries the same creation time.",
    apply: (b) => {
      const started = new Date();
      return { ...b, newContext: () => ({ ...b.newContext(), now: started }) };
    },
  },
  {
    name: 'created-frozen-later',
    area: 'wrong-answer',
    caughtBy: ['created-is-now'],
    description:
      'created is taken from a clock cached on the twentieth creation and never refreshed: every answer after it carries that creation time (Hono blind probe: frozen at the fiftieth).',
    apply: (b) => {
      let count = 0;
      let frozen: Date | undefined;
      return {
        ...b,
        newContext: () => {
          const ctx = b.newContext();
          count += 1;
          if (count === 20) frozen = ctx.now;
          return frozen === undefined ? ctx : { ...ctx, now: frozen };
        },
      };
    },
  },
  {
    name: 'properties-made-required',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "properties is declared as an unknown value the validator takes for required (valibot's v.unknown(), zod 4's z.unknown() in some set-ups): a body without it is refused with 400 naming properties.",
    apply: (b) => ({
      ...b,
      readJson: onObject(b, (value) =>
        'properties' in value
          ? undefined
          : {
              kind: 'invalid',
              issue: issue(
                'Required',
                '$.properties',
                null,
                'properties: Invalid key: Expected "properties" but received undefined',
              ),
            },
      ),
    }),
  },
  {
    name: 'body-limit-10kb',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "The JSON reader is set to `limit: '10kb'` (Express's body-parser; nginx's client_max_body_size 10k): a valid body over 10 KiB is refused with 413, under the 16 KiB the profile accepts it for.",
    apply: refusedOver(10 * 1024, () => jsonReply(413, singleError('PayloadTooLarge', 'request entity too large'))),
  },
  {
    name: 'body-limit-16000',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'A body limit of 16,000 bytes (a round figure set by hand, blind probe): a valid body over it, yet under the 16 KiB the profile accepts 413 over, is refused with 413; the 15 KiB strings fit, a body of 16 KiB does not.',
    apply: refusedOver(16_000, () => jsonReply(413, singleError('PayloadTooLarge', 'request entity too large'))),
  },
  {
    name: 'body-limit-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      "The JSON reader is set to `limit: '10kb'` and the app's catch-all error handler answers 500 to every error it did not make (Express's PayloadTooLargeError rendered by `app.use((err, req, res, next) => res.status(500)…)`, after body-parser drained the body): every body over 10 KiB, valid or not, one problem by its size.",
    apply: bodyLimit(10 * 1024, () => jsonReply(500, singleError('InternalServerError', 'request entity too large'))),
  },
  {
    name: 'body-limit-100kb-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      "The JSON reader's default limit of 100 KiB throws an error the app never maps to 413 (milliparsec's json() under tinyhttp, tinyhttp probe): every body over 100 KiB, valid or not, is answered 500.",
    apply: bodyLimit(100 * 1024, () => textReply(500, 'text/plain; charset=utf-8', 'Internal Server Error')),
  },
  {
    name: 'body-limit-512kb-400',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "The server's body limit of 512 KiB surfaces as an error when the handler reads the body, which its catch-all answers as malformed JSON (SvelteKit's adapter-node BODY_SIZE_LIMIT, SvelteKit probe): every body over 512 KiB is answered 400, not 413.",
    apply: bodyLimit(512 * 1024, (b) =>
      b.badRequest([issue('InvalidJson', '$', null, 'The request body is not valid JSON.')]),
    ),
  },
  {
    name: 'body-limit-1mb-400',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "The framework's default body limit of 1 MiB (Fastify's bodyLimit, koa-bodyparser's jsonLimit) raises a 413 error that the team's error handler, written to give every error the documented 400 body, answers 400: every body over 1 MiB is answered 400.",
    apply: bodyLimit(1024 * 1024, (b) =>
      b.badRequest([issue('ValidationError', '$', null, 'Request body is too large')]),
    ),
  },
  {
    name: 'auth-on-exact-path-only',
    area: 'auth',
    caughtBy: ['path-is-not-found'],
    description:
      "The credentials are checked by a middleware that compares the exact path (`if (url.pathname === '/v1/onboarding/entities')` in Astro's or SvelteKit's hook), while the router also takes the path with a trailing slash for the endpoint: POST to /v1/onboarding/entities/ without credentials is created (Astro probe).",
    apply: (b) => guardedAsSent(b, (path) => path.replace(/\/$/, '')),
  },
  {
    name: 'auth-filter-on-raw-path',
    area: 'auth',
    caughtBy: ['path-is-not-found'],
    description:
      "The credentials are checked by a filter that compares the raw request path, while the dispatcher routes the path as the container normalised it, path parameters removed and `%2F` decoded (a Servlet filter on getRequestURI before Spring's dispatch; Rust hyper blind probe): POST to /v1/onboarding/entities;conformance=1 or /v1/onboarding%2Fentities without credentials is created.",
    apply: (b) => guardedAsSent(b, servletPath),
  },
  {
    name: 'expect-refused-over-1kib',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'A `checkContinue` handler answers 417 to `Expect: 100-continue` on a body over 1 KiB (a size limit of its own, curl sends the expectation past it): a valid request is refused (Express blind probe).',
    apply: refusedOver(
      1024,
      () => jsonReply(417, singleError('ExpectationFailed', 'Bodies over 1 KiB are not taken with Expect.')),
      (req) => req.headers.expect !== undefined,
    ),
  },
  {
    name: 'expect-refused-over-8kib',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'A `checkContinue` handler answers 417 to `Expect: 100-continue` on a body over 8 KiB (curl 8 sends the expectation only past 1 MiB, so the team set a limit it thought no client meets, blind probe): a valid request is refused; 417 is for expectations other than 100-continue (RFC 9110 §10.1.1).',
    apply: refusedOver(
      8 * 1024,
      () => jsonReply(417, singleError('ExpectationFailed', 'Bodies over 8 KiB are not taken with Expect.')),
      (req) => req.headers.expect !== undefined,
    ),
  },
  {
    name: 'expect-continue-json-only',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'A `checkContinue` handler answers 415 to `Expect: 100-continue` unless the Content-Type starts with `application/json`: the other declared media types are refused when the client expects 100 (Fastify probe).',
    apply: answeredWhen(
      (req) => req.headers.expect !== undefined && !(req.headers['content-type'] ?? '').startsWith('application/json'),
      () => jsonReply(415, singleError('UnsupportedMediaType', 'Only application/json is taken with Expect.')),
    ),
  },
  {
    name: 'expect-417-unless-json',
    area: 'wrong-answer',
    caughtBy: ['media-type-is-enforced'],
    description:
      'An expect-continue handler answers 417 to `Expect: 100-continue` unless the Content-Type names JSON (cpp-httplib blind probe): a text/plain body that expects 100 gets 417 where 415 is due; 417 is for expectations the server cannot meet (RFC 9110 §10.1.1).',
    apply: answeredWhen(
      (req) => req.headers.expect !== undefined && !/json/i.test(req.headers['content-type'] ?? ''),
      () => jsonReply(417, singleError('ExpectationFailed', 'Only JSON bodies are taken with Expect.')),
    ),
  },
  {
    name: 'header-fields-over-1kib-431',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "A front end's header buffer is set to 1 KiB (nghttpx's --request-header-field-buffer=1K; nghttpx blind probe): a request whose header fields come to more is answered 431, a signed bearer token or a session cookie included; every common default is 8 KiB or more.",
    apply: answeredWhen(
      (req) => req.rawHeaders.reduce((n, x) => n + Buffer.byteLength(x), 0) > 1024,
      () => jsonReply(431, singleError('RequestHeaderFieldsTooLarge', 'Header fields over 1 KiB.')),
    ),
  },
  {
    name: 'expect-compared-exactly',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'An expect handler compares the field with `100-continue` exactly (aiohttp probe): `Expect: 100-Continue`, the same expectation (RFC 9110 §10.1.1: case-insensitive), is answered 417.',
    apply: answeredWhen(
      (req) => req.headers.expect !== undefined && req.headers.expect !== '100-continue',
      () => jsonReply(417, singleError('ExpectationFailed', 'Only 100-continue is understood.')),
    ),
  },
  {
    name: 'auth-for-primary-media-only',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "The credentials are checked in the handler's application/json branch only: a valid body sent as text/json, or as another declared type, without credentials is created (FastAPI, Fastify and Express blind probes).",
    apply: (b) => ({
      ...b,
      authenticate: (h, token, lines, url, cookie, head) =>
        mediaTypeOf(head?.['content-type']) === 'application/json'
          ? b.authenticate(h, token, lines, url, cookie, head)
          : 'ok',
    }),
  },
  {
    name: 'token-unchecked-for-other-media',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'Outside the application/json branch the handler only asks for a Bearer header and never compares the token: a wrong token on a text/json body is created (express-openapi-validator blind probe).',
    apply: (b) => ({
      ...b,
      authenticate: (h, token, lines, url, cookie, head) =>
        mediaTypeOf(head?.['content-type']) !== 'application/json' && /^Bearer \S+$/.test(h ?? '')
          ? 'ok'
          : b.authenticate(h, token, lines, url, cookie, head),
    }),
  },
  {
    name: 'chunked-body-cut',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'A chunked body is read into a buffer of 1 KiB and the rest dropped (kin-openapi blind probe): a valid chunked body over 1 KiB is cut and refused with 400; Content-Length bodies are read whole.',
    apply: (b) => ({
      ...b,
      joinBody: (pieces, head) => {
        const whole = b.joinBody(pieces, head);
        return head?.['transfer-encoding'] !== undefined ? whole.subarray(0, 1024) : whole;
      },
    }),
  },
  {
    name: 'chunked-beyond-proxy-buffer-empty',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "A chunked body over 16 KiB reaches the application still chunked (Apache's mod_proxy_http past its read-ahead) and the application reads CONTENT_LENGTH alone: none, so the body is empty and refused with 400 (Django under gunicorn behind Apache blind probe); smaller chunked bodies are spooled and framed by length, and pass.",
    apply: (b) => ({
      ...b,
      joinBody: (pieces, head) => {
        const whole = b.joinBody(pieces, head);
        return head?.['transfer-encoding'] !== undefined && whole.length > 16 * 1024 ? Buffer.alloc(0) : whole;
      },
    }),
  },
  {
    name: 'closed-after-one-media-type',
    area: 'transport',
    caughtBy: ['connection-is-reusable'],
    description:
      'The reader for text/json hands its socket on once the 201 is written and the connection closes, without the close option (kin-openapi blind probe): a client that reuses the connection loses its next POST, after text/json answers only.',
    apply: (b) =>
      closesAfter(
        b,
        (_res, wire, req) => wire.status === 201 && mediaTypeOf(req.headers['content-type']) === 'text/json',
      ),
  },
  {
    name: 'brand-first-spelling-kept',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      "Brands are got or created in a table matched without case (Django's `get_or_create(name__iexact=…)`; h3 blind probe): the first spelling of a brand is written back for every later one, so CONFORMANCE-BRAND after conformance-brand comes back in lower case.",
    apply: (b) => {
      const first = new Map<string, string>();
      return afterBuild(b, (body, req) => {
        const info = body.data?.entity?.information;
        if (info === undefined || typeof req.brand !== 'string') return;
        const key = req.brand.toLowerCase();
        info.brand = first.get(key) ?? req.brand;
        first.set(key, info.brand);
      });
    },
  },
  {
    name: 'properties-keys-camelized',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      "The answer goes through a renderer that camel-cases every key for a camelCase API, joining words only between letters or digits, so that `__proto__` and `_id` keep their underscores (a hand-written kin of djangorestframework-camel-case's renderer; Adonis blind probe): the schema's names are already camelCase and pass, properties' snake_case keys come back camelCased.",
    apply: (b) => {
      const camel = (key: string) =>
        key.replace(/([a-z0-9])_([a-z0-9])/gi, (_, a: string, c: string) => a + c.toUpperCase());
      return onProperties(b, (properties) => keysRenamed(properties, camel));
    },
  },
  {
    name: 'properties-operator-keys-stripped',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      'A sanitiser against MongoDB operator injection runs over the body (express-mongo-sanitize as its README mounts it): every key that starts with `$` or holds a dot is removed at any depth, so properties\' `{"dotted.key":1,"$operator":2}` comes back without them (Rust hyper blind probe: dotted keys expanded).',
    apply: (b) => onProperties(b, (properties) => keysRenamed(properties, (k) => (/^\$|\./.test(k) ? undefined : k))),
  },
  {
    name: 'created-offset-by-language',
    area: 'wrong-answer',
    caughtBy: ['created-is-now'],
    description:
      "A request with Accept-Language gets `created` in its locale's offset, the UTC clock time labelled `+02:00` (a formatter handed the locale, not a time zone; CherryPy blind probe): two hours off the answer's Date, another instant.",
    apply: (b) =>
      writtenAs(b, (wire, req) =>
        wire.status === 201 && req.headers['accept-language'] !== undefined
          ? { ...wire, body: wire.body.replace(/("created":"[^"]*?)(?:Z|[+-]\d{2}:\d{2})"/, '$1+02:00"') }
          : wire,
      ),
  },
  {
    name: 'email-domain-punycode',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      "associatedEmail is stored normalised, its domain in ASCII (Node's url.domainToASCII, Python's idna codec; React Router blind probe): `conformance@bücher.example` comes back as `conformance@xn--bcher-kva.example`, not the string sent (the spec gives the member no format).",
    apply: informationEdited('associatedEmail', (v) => {
      // Only a domain beyond ASCII: an ASCII one is left as sent (its case too).
      const at = v.lastIndexOf('@');
      const domain = v.slice(at + 1);
      const ascii = at < 0 || !/[^\x00-\x7f]/.test(domain) ? '' : domainToASCII(domain);
      return ascii === '' ? v : `${v.slice(0, at + 1)}${ascii}`;
    }),
  },
  {
    name: 'device-address-normalised',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'An identifier shaped like a hardware (MAC) address is stored in one canonical form, lower case with colons (Rust hyper blind probe): `AA-BB-CC-DD-EE-0F` comes back as `aa:bb:cc:dd:ee:0f`, not the identifier sent.',
    apply: informationEdited('identifier', (v) =>
      /^[0-9a-f]{2}(?:[-:][0-9a-f]{2}){5}$/i.test(v) ? v.toLowerCase().replaceAll('-', ':') : v,
    ),
  },
  {
    name: 'properties-arrays-deduplicated',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      'The arrays of scalars in properties are stored as sets (a `uniq` over each list; Catalyst blind probe): `{"tags":["a","a","b"]}` comes back as `{"tags":["a","b"]}`, not the value sent.',
    apply: (b) => onProperties(b, (properties) => deduplicated(properties)),
  },
  {
    name: 'properties-null-members-dropped',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      'The store drops the members of properties whose value is null at its first level (a map written with omitempty; kin-openapi blind probe): {"conformance":"kept","empty":null} comes back without empty.',
    apply: (b) =>
      onProperties(b, (props) =>
        props !== null && typeof props === 'object' && !Array.isArray(props)
          ? Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null))
          : props,
      ),
  },
  {
    name: 'string-over-4096-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      'A name over 4,096 bytes overflows a fixed buffer of 4 KiB: 500; 4,096 bytes exactly fit (nginx with Lua blind probe).',
    apply: crashesWhen(
      (req) => Buffer.byteLength(req.name ?? '') > 4096,
      () => new Error('name buffer overflow'),
    ),
  },
  {
    name: 'chunked-other-media-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      "The reader for the media types beside application/json takes the body's length from Content-Length alone: a chunked text/json body has none, and the handler answers 500 (express-openapi-validator blind probe).",
    apply: answeredWhen(
      (req) =>
        req.headers['transfer-encoding'] !== undefined &&
        mediaTypeOf(req.headers['content-type']) !== 'application/json',
      () => jsonReply(500, singleError('InternalServerError', 'Content-Length is NaN.')),
    ),
  },
  {
    name: 'auth-skipped-when-chunked',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'The credentials are checked on the Content-Length path only: a valid chunked body without credentials is created (Go blind probe).',
    apply: (b) => ({
      ...b,
      authenticate: (h, token, lines, url, cookie, head) =>
        head?.['transfer-encoding'] === undefined ? b.authenticate(h, token, lines, url, cookie, head) : 'ok',
    }),
  },
  {
    name: 'auth-skipped-for-http-1.0',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'The credentials are checked by a middleware mounted for HTTP/1.1 only: a valid HTTP/1.0 request without credentials is created (restify blind probe).',
    apply: (b) => ({
      ...b,
      authenticate: (h, token, lines, url, cookie, head, version) =>
        version === '1.0' ? 'ok' : b.authenticate(h, token, lines, url, cookie, head, version),
    }),
  },
  {
    name: 'auth-skipped-for-large-bodies',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'A body over 8 KiB is spooled and reaches the handler by another path, where the credentials are not checked: a large valid body without credentials is created (Slim blind probe).',
    apply: (b) => ({
      ...b,
      authenticate: (h, token, lines, url, cookie, head) =>
        Number(head?.['content-length'] ?? 0) > 8192 ? 'ok' : b.authenticate(h, token, lines, url, cookie, head),
    }),
  },
  {
    name: 'data-suffix-unguarded',
    area: 'auth',
    caughtBy: ['path-is-not-found'],
    description:
      "React Router 7 serves a route's action at its path with `.data` appended (single fetch), and the credentials are checked by an Express middleware mounted at the exact path (`app.use('/v1/onboarding/entities', auth)` does not match `entities.data`): POST to /v1/onboarding/entities.data without credentials is created (React Router probe).",
    apply: (b) => ({
      ...b,
      routes: (path, endpoint) => b.routes(path.replace(/\.data$/, ''), endpoint),
      authenticate: (h, token, lines, url, cookie) =>
        (url ?? '').split('?')[0]?.endsWith('.data') === true ? 'ok' : b.authenticate(h, token, lines, url, cookie),
    }),
  },
  {
    name: 'deep-body-blocks-loop',
    area: 'transport',
    caughtBy: ['response-is-received'],
    description:
      "Validation errors print the whole offending value (Elysia in development mode, Bun probe): a body nested thousands of levels deep takes the one event loop for 4 s, past the harness's 3 s timeout, and the requests in flight beside it time out too, other ones in every run. Each example sent again alone tells them apart: one problem, its example the deep body. (The loop is not blocked for real: the provider shares the test's process; every answer waits until the server is free.)",
    apply: (b) => {
      let freeAt = 0;
      return {
        ...b,
        readJson: (raw, contentType, url) => {
          if (raw.length > 16 * 1024 && raw.includes('[[[[[[[[[[[[[[[[')) freeAt = Math.max(freeAt, Date.now()) + 4_000;
          return b.readJson(raw, contentType, url);
        },
        busyMs: () => Math.max(0, freeAt - Date.now()),
      };
    },
  },
  {
    name: 'no-content-type-on-answers',
    area: 'wrong-answer',
    caughtBy: ['content-type-conformance'],
    description:
      "The answers carry no Content-Type (Boost.Beast's example server sets none unless told, a hand-written `res.end(JSON.stringify(body))`): the 201s and the refusals alike, one problem.",
    apply: (b) => writtenAs(b, (wire) => withoutField(wire, 'content-type')),
  },
  {
    name: 'handler-mounted-by-prefix',
    area: 'wrong-answer',
    caughtBy: ['path-is-not-found'],
    description:
      "The handler is mounted on a prefix (Express's `app.use(path, fn)`, Twisted's `isLeaf`, a hand-written `url.startsWith(path)`): a valid POST to any path that begins with the endpoint's is created.",
    apply: (b) => ({ ...b, routes: (path, endpoint) => path.startsWith(endpoint) }),
  },
  {
    name: 'version-segment-parameter',
    area: 'wrong-answer',
    caughtBy: ['path-is-not-found'],
    description:
      "The route's version is a parameter (`/:version/onboarding/entities`, checked nowhere): a valid POST under any first segment is created.",
    apply: (b) => ({
      ...b,
      routes: (path, endpoint) => b.routes(path.replace(/^(.*)\/[^/]+(\/onboarding\/entities)$/, '$1/v1$2'), endpoint),
    }),
  },
  {
    name: 'version-digits-pattern',
    area: 'wrong-answer',
    caughtBy: ['path-is-not-found'],
    description:
      "The route's version is a pattern of digits (Slim's `/v{version:[0-9]+}/onboarding/entities`): a valid POST under `/v2/`, `/v10/` or any `/v<digits>/` is created, other first segments are not (Slim probe).",
    apply: (b) => ({
      ...b,
      routes: (path, endpoint) => b.routes(path.replace(/^(.*)\/v\d+(\/onboarding\/entities)$/, '$1/v1$2'), endpoint),
    }),
  },
  {
    name: 'singular-path-alias',
    area: 'wrong-answer',
    caughtBy: ['path-is-not-found'],
    description:
      'A legacy alias route kept beside the endpoint (`/v1/onboarding/entity`, the singular): a valid POST there is created (Fastify probe).',
    apply: (b) => ({ ...b, routes: (path, endpoint) => b.routes(path.replace(/\/entity$/, '/entities'), endpoint) }),
  },
  {
    name: 'route-errors-as-dict-repr',
    area: 'response-schema',
    caughtBy: ['labelled-json-is-json'],
    description:
      "The 404 and 405 handlers return the error dict as a string under application/json (Bottle's @error handlers with `str(dict)`, a `print`-style repr): `{'errors': [{'code': 'NotFound', ...}]}`, single quotes and None, which no client parses.",
    apply: (b) => ({
      ...b,
      finish: (reply) => {
        const final = b.finish(reply);
        return (final.status === 404 || final.status === 405) && final.json !== undefined
          ? textReply(final.status, 'application/json', pythonRepr(final.json), final.headers)
          : final;
      },
    }),
  },
  {
    name: 'error-json-concatenated',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description:
      'The 400 body is JSON text built by concatenation, with a hand-written escaper that escapes quotes and forgets backslashes: a message that names an unknown member with a backslash in its name is no JSON (RFC 8259 §7).',
    apply: (b) => ({
      ...b,
      badRequest: (issues) =>
        textReply(
          400,
          'application/json',
          `{"errors":[${issues.map((i) => `{"code":"${i.code}","description":null,"message":"${i.message.replaceAll('"', '\\"')}"}`).join(',')}]}`,
        ),
    }),
  },
  {
    name: 'connection-buffer-not-reset',
    area: 'transport',
    caughtBy: ['valid-is-created'],
    description:
      "A request buffer kept per connection is not reset after an answer (libmicrohttpd's upload_data accumulated in a connection's context): every second POST on a kept-alive connection is read after the previous body and refused with 400, while a request on a connection of its own, as curl sends it, is created.",
    apply: (b) => {
      const served = new WeakMap<object, number>();
      return {
        ...b,
        admit: (req) => {
          const n = (served.get(req.socket) ?? 0) + 1;
          served.set(req.socket, n);
          return n % 2 === 0
            ? jsonReply(400, singleError('InvalidJson', "end of file expected near '{'"))
            : b.admit(req);
        },
      };
    },
  },
  {
    name: 'host-read-by-handler',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description:
      "The handler builds the entity's URL from the Host field (`req.headers.host.split(':')`): an HTTP/1.0 request, which need not carry Host (RFC 9112 §3.2) and which Node passes on without one, throws: 500.",
    apply: (b) => ({
      ...b,
      admit: (req) => {
        // What `req.headers.host.split(':')` throws when the field is absent.
        if (req.headers.host === undefined)
          throw new TypeError("Cannot read properties of undefined (reading 'split')");
        return b.admit(req);
      },
    }),
  },
  {
    name: 'chunked-to-http-1-0',
    area: 'transport',
    caughtBy: ['unchunked-to-http-1-0'],
    description:
      'Every answer is streamed with `Transfer-Encoding: chunked` set by hand, which Node then writes whatever the request: an HTTP/1.0 client reads the chunk-size lines as the body (RFC 9112 §6.1: MUST NOT).',
    apply: (b) => chunkedWhen(b, () => true),
  },
  {
    name: 'chunked-past-1kib',
    area: 'transport',
    caughtBy: ['unchunked-to-http-1-0'],
    description:
      'An answer over 1 KiB is streamed with `Transfer-Encoding: chunked` set by hand, whatever the request (Express + celebrate probe): an HTTP/1.0 client that sent a large body reads the chunk-size lines of its echo as the body (RFC 9112 §6.1: MUST NOT).',
    apply: (b) => chunkedWhen(b, (wire) => Buffer.byteLength(wire.body) > 1024),
  },
  {
    name: 'accept-compared-whole',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'The Accept field is compared as a whole with `application/json`, `*/*` or `application/*` (Bun probe): a list (axios sends `application/json, text/plain, */*`), a weight or a parameter is answered 406, though each covers JSON (RFC 9110 §12.5.1).',
    apply: (b) => ({
      ...b,
      admit: (req) => {
        const accept = req.headers.accept;
        return accept === undefined || ['application/json', '*/*', 'application/*'].includes(accept)
          ? b.admit(req)
          : jsonReply(406, singleError('NotAcceptable', 'Only application/json is produced.'));
      },
    }),
  },
  {
    name: 'expect-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'Every request with an Expect field is refused with 417 (a gateway that implements no expectation, lighttpd before 1.4.21), 100-continue included, which curl sends before a large body: RFC 9110 §10.1.1 keeps 417 for other expectations.',
    apply: answeredWhen(
      (req) => req.headers.expect !== undefined,
      () => jsonReply(417, singleError('ExpectationFailed', 'Expectations are not supported.')),
    ),
  },
  {
    name: 'chunk-trailer-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'The chunked reader is written by hand and expects an empty line right after the last chunk (`0\\r\\n\\r\\n`): a trailer field there (RFC 9112 §7.1.2, part of the chunked coding every recipient must parse) is taken for a malformed body, 400.',
    apply: (b) =>
      writtenAs(b, (wire, req) =>
        req.rawTrailers.length > 0 ? malformedBody('The chunked body is malformed.') : wire,
      ),
  },
  {
    name: 'trailer-read-as-request',
    area: 'transport',
    caughtBy: ['answer-ends-as-framed'],
    description:
      "The chunked reader ends the body at the last chunk's size line and leaves the trailer for the next request (Bun.serve, regression probe): a valid request with a trailer field is created, then the trailer is answered 400 as a malformed request of its own, on a connection the request asked closed (RFC 9112 §9.6).",
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        if (req.rawTrailers.length === 0) return b.transmit(res, wire, req);
        req.socket.end(Buffer.concat([writtenByHand(wire), Buffer.from(b.parserRefusal(undefined), 'latin1')]));
      },
    }),
  },
  {
    name: 'get-body-left-on-connection',
    area: 'transport',
    caughtBy: ['connection-is-reusable'],
    description:
      'Content in a GET is never read (cohttp): its bytes stay on the connection, and the next request on it is read from them, answered 400 as malformed and closed.',
    apply: (b) =>
      leftOnConnection(
        b,
        (req) => req.method === 'GET' && Number(req.headers['content-length'] ?? 0) > 0,
        (req) => req.socket.end(b.parserRefusal(undefined)),
      ),
  },
  {
    name: 'refused-chunks-left-on-connection',
    area: 'transport',
    caughtBy: ['connection-is-reusable'],
    description:
      'A chunked body refused before it is read (401, 415) is left on the connection (Cheroot reads off only a body of known length): the next request on it is read from its chunks, answered 400 as malformed and closed.',
    apply: (b) =>
      leftOnConnection(
        b,
        (req, wire) => req.headers['transfer-encoding'] !== undefined && (wire.status === 401 || wire.status === 415),
        (req) => req.socket.end(b.parserRefusal(undefined)),
      ),
  },
  {
    name: 'expect-refused-body-left-on-connection',
    area: 'transport',
    caughtBy: ['connection-is-reusable'],
    description:
      'A request that expects 100-continue and is refused before its body (401, 415) keeps its connection, and the body the client sent anyway is read as the next request (a Tcl blind probe): answered 400 as malformed, and the connection closed.',
    apply: (b) =>
      leftOnConnection(
        b,
        (req, wire) => req.headers.expect !== undefined && (wire.status === 401 || wire.status === 415),
        (req) => req.socket.end(b.parserRefusal(undefined)),
      ),
  },
  {
    name: 'unknown-path-closed',
    area: 'transport',
    caughtBy: ['response-is-received'],
    description:
      'A request to a path the router does not know is dropped: the connection is closed without an answer (lua-http with no fallback for other paths).',
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => (wire.status === 404 ? req.socket.destroy() : b.transmit(res, wire, req)),
    }),
  },
  {
    name: 'chunk-end-left-on-connection',
    area: 'transport',
    caughtBy: ['connection-is-reusable'],
    description:
      "The chunked reader stops at the last chunk's size line and leaves its empty line on the connection (Guile's web server): a chunked request is created, and the next request on the connection waits for ever.",
    // Never answered: the parser waits on the bytes left behind.
    apply: (b) =>
      leftOnConnection(
        b,
        (req) => req.headers['transfer-encoding'] !== undefined,
        () => undefined,
      ),
  },
  {
    name: 'connections-closed-unannounced',
    area: 'transport',
    caughtBy: ['connection-is-reusable'],
    description:
      "Every connection is closed once its answer is written, and the answers say nothing of it (FPC's fcl-web TFPHttpServer serves one request a connection; Node still writes `Connection: keep-alive`): RFC 9112 §9.6 wants the close option in each; a client that reuses the connection loses its next POST.",
    apply: (b) => closesAfter(b, () => true),
  },
  {
    name: 'closed-after-one-type',
    area: 'transport',
    caughtBy: ['connection-is-reusable'],
    description:
      'The EV handler hands its socket on once the 201 is written and the connection closes, without the close option (LoopBack blind probe): RFC 9112 §9.6 wants it; a client that reuses the connection loses its next POST, after EV answers only.',
    apply: (b) => closesAfter(b, (_res, wire) => wire.status === 201 && /"type":"EV"/.test(wire.body)),
  },
  {
    name: 'bytes-after-body-hang',
    area: 'transport',
    caughtBy: ['response-is-received'],
    description:
      "The body reader takes every byte a read gives and waits until what it has adds up to Content-Length exactly (FPC's fcl-web ReadRequestContent): the empty line old clients send after a POST's body, in the same write, leaves it waiting: never answered (RFC 9112 §6.3: the body is Content-Length bytes; §2.2: the empty line is ignored).",
    apply: (b) =>
      onRawBytes(b, bytesAfterBody, (overrun, res, wire, req) => {
        if (!overrun) b.transmit(res, wire, req);
      }),
  },
  {
    name: 'chunk-size-lower-case-only',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'The chunked reader is written by hand and reads a chunk-size with `[0-9a-f]+` (Django probe): a size in upper-case hex digits (`1A`, as .NET writes it; RFC 9112 §7.1: HEXDIG, either case) is taken for a malformed body, 400.',
    apply: (b) =>
      onRawBytes(
        b,
        (chunk) => /\r\n[0-9A-F]*[A-F][0-9A-F]*\r\n/.test(chunk.toString('latin1')),
        (upper, res, wire, req) => {
          b.transmit(
            res,
            upper && req.headers['transfer-encoding'] !== undefined
              ? malformedBody('The chunked body is malformed.')
              : wire,
            req,
          );
        },
      ),
  },
  {
    name: 'close-option-exact-only',
    area: 'transport',
    caughtBy: ['close-is-honoured'],
    description:
      "The close option is honoured only when the Connection field is exactly `close` (Django probe's framing layer; RFC 9110 §7.6.1: options are case-insensitive): after `Connection: Close` the connection is kept open, and a client waiting for the close waits.",
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        const field = req.headers.connection;
        // Node's server would close after this answer: the fault's server keeps the connection open.
        if (field !== undefined && field !== 'close' && /(?:^|,)\s*close\s*(?:,|$)/i.test(field))
          res.shouldKeepAlive = true;
        b.transmit(res, wire, req);
      },
    }),
  },
  {
    name: 'authorization-last-of-joined',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'The Authorization value is split at commas and its last item taken (a header map that joins repeated lines with a comma, then a handler that takes the last; Mono HttpListener probe): `Bearer wrong, Bearer <token>` on one line is created.',
    apply: (b) =>
      mapAuth(b, (outcome, h, token) =>
        h !== undefined && h.includes(',') && h.split(',').at(-1)?.trim() === `Bearer ${token}` ? 'ok' : outcome,
      ),
  },
  {
    name: 'challenge-only-when-missing',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'The 401 carries its WWW-Authenticate challenge only where no Authorization was sent: refused credentials (a wrong token, another scheme) are answered by another branch, a bare 401 (Grape and Fastify blind probes). RFC 9110 §11.6.1: a server generating a 401 MUST send a challenge.',
    apply: (b) => ({
      ...b,
      unauthorized: (outcome) =>
        outcome === 'missing' ? b.unauthorized(outcome) : withoutChallenge(b.unauthorized(outcome)),
    }),
  },
  {
    name: 'challenge-dropped-when-empty',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'An Authorization field with an empty value has a branch of its own, a 401 without the WWW-Authenticate challenge every other 401 carries (Next.js blind probe). RFC 9110 §11.6.1: a server generating a 401 MUST send a challenge.',
    apply: (b) => ({
      ...b,
      admit: (req) => (req.headers.authorization === '' ? withoutChallenge(b.unauthorized('missing')) : b.admit(req)),
    }),
  },
  {
    name: 'challenge-dropped-scheme-case',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'Credentials whose scheme is not written `Bearer` as is (`bearer`, `BEARER`) go to a second branch, added for clients that change its case, whose 401 to a wrong token has no WWW-Authenticate (h3 blind probe). RFC 9110 §11.6.1: a server generating a 401 MUST send a challenge.',
    apply: (b) =>
      writtenAs(b, (wire, req) => {
        const otherCase =
          /^bearer /i.test(req.headers.authorization ?? '') && !/^Bearer /.test(req.headers.authorization ?? '');
        return wire.status === 401 && otherCase ? withoutChallenge(wire) : wire;
      }),
  },
  {
    name: 'challenge-on-first-401-only',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "The 401's headers are one shared object that the framework consumes when it writes them (oRPC blind probe, a headers map reused across answers): the first 401 carries the Bearer challenge, every later one none. RFC 9110 §11.6.1: a server generating a 401 MUST send a challenge.",
    apply: (b) => {
      let unauthorized = 0;
      return writtenAs(b, (wire) => (wire.status === 401 && ++unauthorized > 1 ? withoutChallenge(wire) : wire));
    },
  },
  {
    name: 'challenge-basic-to-basic',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'Credentials in the Basic scheme are answered by the framework\'s Basic branch, a 401 that challenges `Basic realm="api"`, where every other 401 challenges Bearer (Pyramid blind probe). RFC 6750 §3: a bearer-protected resource challenges with Bearer.',
    apply: (b) =>
      writtenAs(b, (wire, req) =>
        wire.status === 401 && /^basic /i.test(req.headers.authorization ?? '')
          ? withHeaders(withoutChallenge(wire), { 'WWW-Authenticate': 'Basic realm="api"' })
          : wire,
      ),
  },
  {
    name: 'dotted-token-decoded-500',
    area: 'auth',
    caughtBy: ['not-a-server-error'],
    description:
      'Before the token is compared, any token of three dot-separated parts has its middle part base64url-decoded and parsed as JSON, to log its subject (Mojolicious blind probe): a wrong token such as `a.b.c` raises, answered 500.',
    apply: (b) => ({
      ...b,
      authenticate: (header, token, ...rest) => {
        const parts = (parseAuthorization(header)?.credentials ?? '').split('.');
        if (parts.length === 3) JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
        return b.authenticate(header, token, ...rest);
      },
    }),
  },
  {
    name: 'number-type-switch-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      'A type switch over the values inside properties has no case for numbers (Go with json.Decoder.UseNumber and no `case json.Number`, Echo probe): every valid request with a number anywhere in properties panics, recovered as 500. One bug, one problem: the requests that crash carry a number in properties, and none that was created did.',
    apply: crashesWhen(
      (req) => someValue(req.properties, (v) => typeof v === 'number'),
      () => new Error('panic: unexpected type json.Number [recovered]'),
    ),
  },
  {
    name: 'properties-asserted-object-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      "properties is read with an unchecked type assertion to an object (Go's `req.Properties.(map[string]interface{})`, gin probe): every valid request whose properties is an array, a string, a number or a boolean panics, recovered as 500, where objects holding such values are created. One bug, one problem: the requests that crash have properties that is not an object.",
    apply: crashesWhen(
      (req) => {
        const p: unknown = req.properties;
        return p !== null && p !== undefined && (typeof p !== 'object' || Array.isArray(p));
      },
      () => new Error('panic: interface conversion: interface {} is []interface {}, not map[string]interface {}'),
    ),
  },
  {
    name: 'host-check-400',
    area: 'wrong-answer',
    caughtBy: ['valid-is-created', 'content-type-conformance'],
    description:
      "A Host check in front of the operation refuses the Host the suite sends (Django's ALLOWED_HOSTS without 127.0.0.1, DRF probe): every request answers `Bad Request (400)` as text/html, whatever it was due. One problem, not one per row.",
    apply: (b) => ({
      ...b,
      transmit: (res, _wire, req) =>
        b.transmit(
          res,
          { status: 400, headers: { 'Content-Type': 'text/html' }, body: '<h1>Bad Request (400)</h1>' },
          req,
        ),
    }),
  },
  {
    name: 'float-as-decimal-500',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      "Numbers with a fraction or an exponent are read as decimals the writer cannot write (Python's `json.loads(parse_float=Decimal)` then `json.dumps`: TypeError, aiohttp probe): every valid request that writes such a number answers 500, 42.5, 1E2 and 1e400 alike, where integers are created. One problem.",
    apply: (b) => {
      // Set by the read and looked at before creating, with no await between them: one request at a time.
      let floatWritten = false;
      return {
        ...b,
        readJson: (raw, contentType, url) => {
          floatWritten = /\d[.eE]/.test(raw.toString('utf8').replace(/"(?:[^"\\]|\\.)*"/g, '""'));
          return b.readJson(raw, contentType, url);
        },
        beforeCreate: (req) => {
          if (floatWritten) throw new TypeError('Object of type Decimal is not JSON serializable');
          return b.beforeCreate(req);
        },
      };
    },
  },
  {
    name: 'proto-member-refused',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      "The JSON reader refuses any member named `__proto__`, wherever it is (hapi's bourne with its default `protoAction: 'error'`, hapi probe): a valid body with one inside properties is refused with 400, whichever class sent it. One problem.",
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) =>
        /"__proto__"\s*:/.test(raw.toString('utf8'))
          ? { kind: 'invalid', issue: issue('InvalidJson', '$', null, 'Invalid request payload JSON format.') }
          : b.readJson(raw, contentType, url),
    }),
  },
  {
    name: 'max-length-255',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'Every string member is limited to 255 characters (a `strlen() > 255` check, a `.max(255)`: Slim, hapi and DRF probes), which the spec does not set: refused with 400 naming each member too long, one where one is, all where all are. One problem, not one per member named.',
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) => {
        const parsed = b.readJson(raw, contentType, url);
        if (parsed.kind !== 'json' || !isJsonObject(parsed.value)) return parsed;
        const long = Object.entries(parsed.value)
          .filter(([, v]) => typeof v === 'string' && v.length > 255)
          .map(([k]) => `'${k}'`);
        return long.length === 0
          ? parsed
          : {
              kind: 'invalid',
              issue: issue('MaxLength', '$', null, `The field ${long.join(', ')} must be at most 255 characters.`),
            };
      },
    }),
  },
  {
    name: 'refusals-left-open',
    area: 'transport',
    caughtBy: ['response-is-received'],
    description:
      'The error path never closes its response (an exception after the status was chosen, the response object never closed: Mono HttpListener probe): every 400 is left unanswered while valid requests are created. The run gives up on the target; a valid request sent after it is created, so the report says the target hangs on such requests, its example the plainest of them, not a crash.',
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        if (wire.status !== 400) b.transmit(res, wire, req);
      },
    }),
  },
  {
    name: 'body-read-error-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description:
      "A failed read of the body is answered 500 (Go's `body, err := io.ReadAll(r.Body); if err != nil { http.Error(w, err.Error(), 500) }`): a chunk-size line that is not hexadecimal, a malformed message the server SHOULD answer 400 (RFC 9112 §2.2), gets a server error.",
    apply: (b) => ({
      ...b,
      parserRefusal: (code) =>
        code === 'HPE_INVALID_CHUNK_SIZE'
          ? 'HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: 29\r\n\r\ninvalid byte in chunk length\n'
          : b.parserRefusal(code),
    }),
  },
  {
    name: 'refusals-reset',
    area: 'transport',
    caughtBy: ['response-is-received'],
    description:
      "The error path panics and the connection is dropped (hyper with serde_json's `from_slice(..).unwrap()`, Rust probe): every 400 is a reset, while valid requests are created. One bug, one problem: the lost answers of every kind to be refused count as one.",
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        if (wire.status === 400) req.socket.destroy();
        else b.transmit(res, wire, req);
      },
    }),
  },
  {
    name: 'exponent-materialized',
    area: 'wrong-answer',
    caughtBy: ['response-schema-conformance'],
    description:
      "Numbers are kept exactly and made integers for the store (Haskell's Scientific turned into an Integer, Scotty probe): a number with an exponent of millions becomes millions of digits, and the 201 that echoes it is megabytes long (with an exponent of a billion, the server runs out of memory).",
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) => {
        const parsed = b.readJson(raw, contentType, url);
        if (parsed.kind !== 'json' || !isJsonObject(parsed.value) || !/\d[eE]\+?\d{7,}/.test(raw.toString('latin1')))
          return parsed;
        // The integer written out: capped here at 3 million digits, past the suite's 2 MiB read cap.
        return { kind: 'json', value: { ...parsed.value, properties: { conformance: `1${'0'.repeat(3_000_000)}` } } };
      },
    }),
  },
  {
    name: 'router-404-unlisted-methods',
    area: 'wrong-answer',
    caughtBy: ['method-is-not-allowed'],
    description:
      'The router was told about GET, PUT, PATCH and DELETE only: HEAD, OPTIONS, TRACE, QUERY and the rest get 404, not 405.',
    apply: (b) => ({
      ...b,
      wrongMethod: (method) =>
        ['GET', 'PUT', 'PATCH', 'DELETE'].includes(method)
          ? b.wrongMethod(method)
          : jsonReply(404, singleError('NotFound', `No route for ${method}.`)),
    }),
  },
  {
    name: 'connection-close-ignored',
    area: 'transport',
    caughtBy: ['close-is-honoured'],
    description:
      "Every connection is kept alive, whatever the request says (a hand-written server that sets `res.keep_alive(true)` on every answer, Boost.Beast probe; Node's `res.shouldKeepAlive = true`): a request with `Connection: close`, and an HTTP/1.0 one, leave the connection open until the server's idle timeout (RFC 9112 §9.6: MUST close).",
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        res.shouldKeepAlive = true;
        b.transmit(res, wire, req);
      },
    }),
  },
  {
    name: 'head-answered-with-body',
    area: 'transport',
    caughtBy: ['answer-ends-as-framed'],
    description:
      "The answer is written to the socket by hand, its body whatever the method (a raw-socket server, Boost.Beast's `string_body` without a HEAD case): a HEAD gets the 405's body after its fields, which a client reads as the start of the next answer (RFC 9110 §9.3.2: MUST NOT).",
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        if (req.method !== 'HEAD') return b.transmit(res, wire, req);
        req.socket.end(writtenByHand(wire));
      },
    }),
  },
  {
    name: 'lenient-json-over-4kib',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "A strict syntax check runs on bodies up to 4 KiB; larger ones go straight to a lenient reader (cohttp probe: Yojson's extensions): unquoted member names and a trailing comma are read (RFC 8259 §2, §4).",
    apply: (b) => {
      const lenient = lenientText(b, (outside) =>
        outside.replace(/([{,]\s*)([A-Za-z_][\w-]*)(\s*:)/g, '$1"$2"$3').replace(/,(\s*[}\]])/g, '$1'),
      );
      return { ...b, readJson: (raw, ct, url) => (raw.length > 4096 ? lenient : b).readJson(raw, ct, url) };
    },
  },
  {
    name: 'transfer-coding-exact',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'The HTTP layer takes a body as chunked only where Transfer-Encoding is exactly `chunked` (cohttp 4.0): `Chunked` (RFC 9112 §7: coding names are case-insensitive) is not read, and the request is refused, 400.',
    apply: (b) =>
      writtenAs(b, (wire, req) => {
        const at = req.rawHeaders.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === 'transfer-encoding');
        const te = at < 0 ? undefined : req.rawHeaders[at + 1];
        return te !== undefined && te !== 'chunked' ? malformedBody('The body is missing.') : wire;
      }),
  },
  {
    name: 'charset-compared-as-written',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'The charset parameter is compared with `utf-8` and `UTF-8` as written (POCO probe): `charset=Utf-8` is refused 415, though charset names are case-insensitive (RFC 9110 §8.3.2).',
    apply: (b) =>
      refuseMediaType(b, (ct) => {
        const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(ct)?.[1];
        return charset !== undefined && charset !== 'utf-8' && charset !== 'UTF-8' && /^utf-8$/i.test(charset);
      }),
  },
  {
    name: 'trailer-second-field-left',
    area: 'transport',
    caughtBy: ['answer-ends-as-framed'],
    description:
      'The chunked reader skips one line after the last chunk (POCO 1.11): a trailer of one field passes, as its empty line is read as the one a server may ignore before a request (RFC 9112 §2.2), but with two fields the rest is taken for a request of its own and answered 400 after the 201 (RFC 9112 §7.1.2).',
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        // Node lists a trailer's fields as name, value pairs: two fields are four entries.
        if (req.rawTrailers.length < 4) return b.transmit(res, wire, req);
        req.socket.end(Buffer.concat([writtenByHand(wire), Buffer.from(b.parserRefusal(undefined), 'latin1')]));
      },
    }),
  },
  {
    name: 'framing-last-field-wins',
    area: 'transport',
    caughtBy: ['answer-ends-as-framed'],
    description:
      "The header reader keeps the framing field it met last (a hand-written parser whose Content-Length and Transfer-Encoding branches each set the body's length): a chunked body with a Content-Length after its Transfer-Encoding is read by the length, its chunk-size line taken for the body (400) and the rest answered as a request of its own (RFC 9112 §6.1: Transfer-Encoding overrides Content-Length).",
    // Node refuses the message before the handler sees it: the refusal is answered as the lenient layer would.
    apply: (b) => ({
      ...b,
      parserRefusal: (code, raw) => {
        const head = (raw?.toString('latin1') ?? '').split('\r\n\r\n', 1)[0];
        const coding = head.search(/\r\ntransfer-encoding:/i);
        if (coding < 0 || head.search(/\r\ncontent-length:/i) < coding) return b.parserRefusal(code, raw);
        const first = writtenByHand(malformedBody('The body is not JSON.')).toString('latin1');
        return first + b.parserRefusal(undefined);
      },
    }),
  },
  {
    name: 'unknown-coding-read-by-length',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'A Transfer-Encoding the HTTP layer does not know is ignored when a Content-Length is there too (cohttp 4.0): the body is read by the length and created, where RFC 9112 §6.3 wants 400 and a close (a request smuggled past a proxy that reads the coding).',
    // Node refuses the message before the handler sees it: the refusal is answered as the lenient layer would.
    apply: (b) => ({
      ...b,
      parserRefusal: (code, raw) => {
        const text = raw?.toString('latin1') ?? '';
        const head = text.split('\r\n\r\n', 1)[0];
        const coding = /\r\ntransfer-encoding:[ \t]*([^\r\n]*)/i.exec(head)?.[1].trim();
        if (coding === undefined || /(^|,)\s*chunked$/i.test(coding) || !/\r\ncontent-length:/i.test(head))
          return b.parserRefusal(code, raw);
        const answer = `{"data":${text.slice(head.length + 4)}}`;
        return `HTTP/1.1 201 Created\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(answer, 'latin1')}\r\n\r\n${answer}`;
      },
    }),
  },
  // ---- the planted rounds of 2026-12-07, evening: Pecan, Express with zod, Laravel, web.py ----
  {
    name: 'properties-nul-500',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description:
      "properties go to a PostgreSQL jsonb column, which refuses U+0000 in a string ('unsupported Unicode escape sequence'): a valid body with U+0000 inside properties answers 500, where the same character in a typed field is stored (Express with zod blind probe).",
    apply: crashesWhen(
      (req) => someValue(req.properties, (v) => typeof v === 'string' && v.includes('\u0000')),
      () => new Error('unsupported Unicode escape sequence'),
    ),
  },
  {
    name: 'location-port-dropped',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      "The 201's Location is built from the host name without its port (Express's req.hostname): http://127.0.0.1/v1/onboarding/entities/{id} for a server on another port names another origin (RFC 6454 §4; Express with zod blind probe).",
    apply: (b) =>
      writtenAs(b, (wire, req) => {
        if (wire.status !== 201) return wire;
        const id = (JSON.parse(wire.body) as { id?: unknown }).id;
        const host = (req.headers.host ?? '').replace(/:\d+$/, '');
        return withHeaders(wire, { Location: `http://${host}/connect/v1/onboarding/entities/${String(id)}` });
      }),
  },
  {
    name: 'idempotency-key-200',
    area: 'response-schema',
    caughtBy: ['status-is-allowed', 'valid-is-created'],
    description:
      'A request with an Idempotency-Key is answered 200, as a replay would be, even the first time the key is seen (a middleware that sets the replay status on every keyed answer; Express with zod blind probe).',
    apply: (b) =>
      writtenAs(b, (wire, req) =>
        wire.status === 201 && req.headers['idempotency-key'] !== undefined ? { ...wire, status: 200 } : wire,
      ),
  },
  {
    name: 'request-id-as-id',
    area: 'response-schema',
    caughtBy: ['response-schema-conformance'],
    description:
      "The client's X-Request-ID (or X-Correlation-ID) becomes the onboarding request's id (a request-id middleware whose value the handler takes for its own; Laravel blind probe): X-Request-ID: abc answers id 'abc', no uuid.",
    apply: (b) =>
      writtenAs(b, (wire, req) => {
        const given = req.headers['x-request-id'] ?? req.headers['x-correlation-id'];
        if (wire.status !== 201 || typeof given !== 'string') return wire;
        return { ...wire, body: wire.body.replace(/"id":"[^"]*"/, `"id":${JSON.stringify(given)}`) };
      }),
  },
  {
    name: 'challenge-description-unquoted',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'The 401 to a token that is not valid challenges with error_description unquoted (`error_description=The access token is invalid`): a value with spaces that is neither a token nor a quoted string, so the challenge does not parse (RFC 9110 §11.2; Express with zod blind probe). The 401 to no credentials challenges as it should.',
    apply: (b) =>
      writtenAs(b, (wire, req) =>
        wire.status === 401 && req.headers.authorization !== undefined
          ? withHeaders(withoutChallenge(wire), {
              'WWW-Authenticate':
                'Bearer realm="connect", error="invalid_token", error_description=The access token is invalid',
            })
          : wire,
      ),
  },
  {
    name: 'errors-redirect-for-browsers',
    area: 'wrong-answer',
    caughtBy: ['invalid-is-rejected'],
    description:
      "A 400 to a request whose Accept names HTML is a redirect back (Laravel's validation for a request that does not ask for JSON first; Laravel blind probe): a browser's Accept, which takes JSON by */*, gets 302 for an invalid body.",
    apply: (b) =>
      writtenAs(b, (wire, req) =>
        wire.status === 400 && /text\/html/i.test(req.headers.accept ?? '') ? redirectedTo('/') : wire,
      ),
  },
  {
    name: 'properties-mutable-default',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      "properties default to one shared object that each request's properties are stored in (Python's mutable default argument; web.py blind probe): a request without properties is answered the properties of the last request that sent them.",
    apply: (b) => {
      let shared: Json | undefined;
      return afterBuild(b, (body, req) => {
        const entity = body.data?.entity as Record<string, unknown> | undefined;
        if (entity === undefined) return;
        const sent = req.properties;
        if (sent !== null && sent !== undefined && typeof sent === 'object' && !Array.isArray(sent)) shared = sent;
        else if ((sent === null || sent === undefined) && shared !== undefined) entity['properties'] = shared;
      });
    },
  },
  {
    name: 'system-properties-from-previous-request',
    area: 'wrong-answer',
    caughtBy: ['fills-are-own'],
    description:
      "systemProperties is filled from a module-level variable that each request's properties are stored in after its answer is built (oRPC blind probe): every answer carries the previous request's properties there.",
    apply: (b) => {
      let previous: Json = null;
      return afterBuild(b, (body, req) => {
        const entity = body.data?.entity as Record<string, unknown> | undefined;
        if (entity === undefined) return;
        entity['systemProperties'] = previous;
        previous = req.properties ?? null;
      });
    },
  },
  {
    name: 'text-json-decoded-leniently',
    area: 'lax-validation',
    caughtBy: ['media-types-agree'],
    description:
      'A body under a declared media type other than application/json is decoded by the handler itself, leniently (U+FFFD for bytes that are not UTF-8), where the framework refuses them under application/json (Pecan blind probe): the same bytes are refused under one declared type and created under another.',
    apply: (b) => readOtherMedia(b, (raw) => Buffer.from(new TextDecoder('utf-8').decode(raw), 'utf8')),
  },
  {
    name: 'properties-integer-keys-renumbered',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      'properties go through PHP\'s array_merge([], …), which renumbers keys that read as integers from 0 (Laravel blind probe): {"5":"x","a":1} comes back as {"0":"x","a":1}; keys 0 to n-1 come back as they went.',
    apply: (b) => onProperties(b, (properties) => keysRenumbered(properties)),
  },
  {
    name: 'other-media-read-leniently',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'Bodies under a declared media type other than application/json go to a branch with a reader of its own that takes NaN and Infinity, as Python\'s json.loads does (Flask with webargs blind probe): `{"properties":{"x":NaN}}` as application/vnd.connect+json is created, where the same bytes as application/json get 400 (RFC 8259 §6).',
    apply: (b) =>
      readOtherMedia(b, (raw) => {
        // Bytes that are not UTF-8 refused as on the other branch: only the reader differs.
        try {
          return Buffer.from(nonFiniteAsZero(new TextDecoder('utf-8', { fatal: true }).decode(raw)));
        } catch {
          return raw;
        }
      }),
  },
  {
    name: 'forwarded-loopback-trusted',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'The credentials check is skipped for "internal" callers, told by the address X-Forwarded-For names (a gorilla/mux middleware that trusts 127.0.0.1, 10/8 and 192.168/16; Go blind probe): a request without credentials that says it was forwarded for 127.0.0.1 is created.',
    apply: (b) => ({
      ...b,
      authenticate: (h, token, lines, url, cookie, head, version) =>
        /^\s*(127\.|10\.|192\.168\.)/.test(String(head?.['x-forwarded-for'] ?? ''))
          ? 'ok'
          : b.authenticate(h, token, lines, url, cookie, head, version),
    }),
  },
  {
    name: 'body-trimmed-before-parse',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "The body is trimmed before it is parsed (Ruby's String#strip, JavaScript's trim: NUL, vertical tab, form feed, no-break space; Grape blind probe): `{…}` followed by a NUL byte is created, though RFC 8259 §2 allows only space, tab, LF and CR around the value.",
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) =>
        b.readJson(Buffer.from(raw.toString('utf8').replace(/^\s+|[\s\0]+$/g, ''), 'utf8'), contentType, url),
    }),
  },
  {
    name: 'identifier-space-runs-collapsed',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'The identifier goes through a "clean" helper that collapses runs of white space inside it to one space (Sails blind probe): `AB  12` is echoed as `AB 12`.',
    apply: informationEdited('identifier', (v) => v.replace(/(\S)[ \t]{2,}(?=\S)/g, '$1 ')),
  },
  {
    name: 'pairing-code-groups-joined',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'A pairing code typed in lower case in groups of two to four letters and digits (split by hyphens or spaces) is stored as printed on the device, joined and in upper case (Sails blind probe): `ab12-cd34` is echoed as `AB12CD34`.',
    apply: informationEdited('pairingCode', (v) =>
      /^[a-z0-9]{2,4}(?:[- ][a-z0-9]{2,4})+$/.test(v) ? v.replace(/[- ]/g, '').toUpperCase() : v,
    ),
  },
  {
    name: 'maker-alias-table',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      "The brand is looked up case-insensitively in a table of known makers and stored in the table's spelling (web.py and Sails blind probes): `tesla` is echoed as `Tesla`.",
    apply: informationEdited('brand', (v) => MAKERS.get(v.toLowerCase()) ?? v),
  },
  {
    name: 'location-names-shared-entity',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      "data.entity.id is a uuid hashed from type and identifier (one device keeps its id, as the profile allows), and the 201's Location names that entity id (kin-openapi blind probe): two requests naming one entity get one URI for two onboarding requests created (RFC 9110 §10.2.2).",
    apply: (b) =>
      locatedAt((body) => `/connect/v1/onboarding/entities/${String(body.data?.entity?.id)}`)(
        entityIdAs(b, (req) =>
          typeof req.identifier === 'string' ? nameBasedUuid(`${String(req.type)}|${req.identifier}`) : undefined,
        ),
      ),
  },
  {
    name: 'entity-id-from-collective-and-name',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      'Where a request names a collective and a name, data.entity.id is a uuid hashed from the two (Twisted blind probe): two requests that differ in their identifier alone get one entity id for two entities.',
    apply: (b) =>
      entityIdAs(b, (req) =>
        typeof req.collectiveId === 'string' && typeof req.name === 'string'
          ? nameBasedUuid(`${req.collectiveId}|${req.name}`)
          : undefined,
      ),
  },
  {
    name: 'entity-id-cached-for-no-identifier',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      'Entity ids are cached by identifier, a missing one included (Flask-RESTful and kin-openapi blind probes): every request without an identifier gets the entity id of the first such request, whatever its type.',
    apply: (b) => {
      let unnamed: string | undefined;
      return entityIdAs(b, (req, assigned) =>
        typeof req.identifier === 'string' && req.identifier !== '' ? undefined : (unnamed ??= String(assigned)),
      );
    },
  },
  {
    name: 'identifier-uuid-as-entity-id',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      'An identifier that reads as a uuid is taken, in lower case, for the entity id (Egg.js blind probe): the nil uuid as identifier gives a nil entity id, and two spellings of one uuid one entity id.',
    apply: (b) =>
      entityIdAs(b, (req) =>
        typeof req.identifier === 'string' && UUID_TEXT.test(req.identifier) ? req.identifier.toLowerCase() : undefined,
      ),
  },
  {
    name: 'request-struct-reused',
    area: 'wrong-answer',
    caughtBy: ['echo-collective-id', 'echo-return-url'],
    description:
      "Each request is decoded into one request struct kept between requests (Go's json.Decoder into a package-level value, a sync.Pool without a reset): members a request leaves out keep the last values sent, so a request without returnUrl or collectiveId is answered the ones of the last request that sent them (written with omitempty: an empty one is left out).",
    apply: (b) => {
      const kept: Record<string, Json> = {};
      return afterBuild(b, (body, req) => {
        const entity = body.data?.entity as Record<string, unknown> | undefined;
        if (entity === undefined) return;
        for (const [key, into] of [
          ['returnUrl', body as Record<string, unknown>],
          ['collectiveId', entity],
        ] as const) {
          const sent = req[key];
          if (typeof sent === 'string') kept[key] = sent;
          else if ((sent === null || sent === undefined) && kept[key] !== undefined) into[key] = kept[key];
          // Written with omitempty: an empty string is left out.
          if (into[key] === '') delete into[key];
        }
      });
    },
  },
  {
    name: 'id-route-creates',
    area: 'wrong-answer',
    caughtBy: ['path-is-not-found'],
    description:
      'A route with a client-chosen id (`POST /entities/:id`, an upsert the spec does not define) goes to the create handler: a valid POST to /v1/onboarding/entities/<uuid> is created, a child segment that is no uuid is not (Feathers blind probe).',
    apply: (b) => ({
      ...b,
      routes: (path, endpoint) =>
        b.routes(
          path.startsWith(`${endpoint}/`) && UUID_TEXT.test(path.slice(endpoint.length + 1)) ? endpoint : path,
          endpoint,
        ),
    }),
  },
  {
    name: 'entity-id-from-identifier-prefix',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      'The entity id is looked up by the first 36 characters of the identifier (a key column of 36, the length of a uuid): two identifiers that differ after them name one entity (hug and go-restful blind probes).',
    apply: (b) =>
      entityIdAs(b, (req) =>
        // By code points, as Python slices a str.
        typeof req.identifier === 'string' && Array.from(req.identifier).length > 36
          ? nameBasedUuid(Array.from(req.identifier).slice(0, 36).join(''))
          : undefined,
      ),
  },
  {
    name: 'gzip-for-the-word-gzip',
    area: 'transport',
    caughtBy: ['coding-is-accepted'],
    description:
      "A compression layer that looks for the word gzip in Accept-Encoding (go-restful's and Django's test), for answers from 2 KiB: `gzip;q=0, identity`, which refuses gzip (RFC 9110 §12.5.3), is answered in gzip (go-restful, Flask-RESTful, Slim, Dancer2 and SvelteKit blind probes).",
    // From 2 KiB, as Spring Boot's and Tomcat's compression: a small answer goes uncoded.
    apply: (b) => codedAs(b, 'gzip', gzipSync, (accepts, body) => /gzip/i.test(accepts) && body.length >= 2048),
  },
  {
    name: 'vendor-type-control-characters-taken',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      "Bodies under a declared media type other than application/json are read with Python's `json.loads(strict=False)`, which takes control characters inside strings (hug blind probe): a raw tab in a string is created under application/vnd.connect+json and refused as application/json (RFC 8259 §7).",
    apply: (b) => readOtherMedia(b, (raw) => Buffer.from(controlCharactersEscaped(raw.toString('utf8')), 'utf8')),
  },
  {
    name: 'email-display-name-dropped',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      "associatedEmail is parsed as a mailbox and stored as its address only (Ruby's Mail::Address#address): `Jo <jo@example.com>` comes back as `jo@example.com` (Grape blind probe).",
    apply: informationEdited('associatedEmail', (v) => /<([^<>]+)>\s*$/.exec(v)?.[1] ?? v),
  },
  {
    name: 'other-media-unknown-members-stripped',
    area: 'lax-validation',
    caughtBy: ['invalid-is-rejected'],
    description:
      'Bodies under a declared media type other than application/json go to a branch that strips members the schema does not define before validating (Moleculer blind probe: text/json only): `{"brand":"b","type":"EV","zzz":1}` is created there and refused as application/json.',
    apply: (b) =>
      readOtherMedia(b, (raw) => {
        try {
          const parsed: unknown = JSON.parse(raw.toString('utf8'));
          if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return raw;
          const kept = Object.entries(parsed).filter(([k]) => (FIELDS as readonly string[]).includes(k));
          return Buffer.from(JSON.stringify(Object.fromEntries(kept)));
        } catch {
          return raw;
        }
      }),
  },
  {
    name: 'body-kept-with-connection',
    area: 'transport',
    caughtBy: ['connection-is-reusable'],
    description:
      "The body read last is kept with the connection and taken again when a request on it has none (hug probe: a request stream's buffer held per connection): an empty body after a 201 on a kept-alive connection creates the entity again, where alone it is refused with 400.",
    apply: (b) => {
      // Node's request fields object, one per request, to its connection: joinBody is given the fields only.
      const socketOf = new WeakMap<object, object>();
      const last = new WeakMap<object, Buffer>();
      return {
        ...b,
        admit: (req) => {
          socketOf.set(req.headers, req.socket);
          return b.admit(req);
        },
        joinBody: (pieces, head) => {
          const body = b.joinBody(pieces, head);
          const socket = head === undefined ? undefined : socketOf.get(head);
          if (socket === undefined) return body;
          if (body.length === 0) return last.get(socket) ?? body;
          last.set(socket, body);
          return body;
        },
      };
    },
  },
  {
    name: 'card-number-masked',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'A response filter masks what looks like a card number (13 to 19 digits, PCI DSS: the first six and the last four shown) in every JSON string it writes (Egg.js blind probe): a pairing code or an identifier of 16 digits comes back as `411111******1111`.',
    apply: (b) => ({
      ...b,
      serialize: (v) => b.serialize(v).replace(/"(\d{6})\d{3,9}(\d{4})"/g, '"$1******$2"'),
    }),
  },
  {
    name: 'prefer-minimal-answered-204',
    area: 'wrong-answer',
    caughtBy: ['valid-is-created'],
    description:
      'A request that prefers a minimal answer (`Prefer: return=minimal`, RFC 7240 §4.2) is created and answered 204 with no body (go-restful blind probe), where the operation documents a 201 with the request it created.',
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        if (wire.status !== 201 || !/return=minimal/i.test(String(req.headers.prefer ?? '')))
          return b.transmit(res, wire, req);
        res.writeHead(204).end();
      },
    }),
  },
  {
    name: 'accept-charset-case-sensitive',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'Accept-Charset is matched case-sensitively (hug blind probe): `Accept-Charset: UTF-8`, as Spring and Apache HttpClient write it, is answered 406 where `utf-8` is taken (charset names are case-insensitive, RFC 9110 §8.3.2).',
    apply: (b) => ({
      ...b,
      admit: (req) => {
        const asked = String(req.headers['accept-charset'] ?? '*');
        return /utf-8|\*/.test(asked)
          ? b.admit(req)
          : jsonReply(406, singleError('NotAcceptable', `No acceptable charset in ${asked}.`));
      },
    }),
  },
  {
    name: 'properties-merged-into-information',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      'The free-form `properties` map is merged over the typed members (`{ ...information, ...properties }`, go-restful blind probe): a `properties` member named `name` replaces the name sent.',
    apply: (b) =>
      afterBuild(b, (body, req) => {
        const info = body.data?.entity?.information;
        const extra = req.properties;
        if (info === undefined || extra === null || typeof extra !== 'object' || Array.isArray(extra)) return;
        for (const [k, v] of Object.entries(extra))
          // The typed members by name, as a merge of maps sees them.
          if (k in info && typeof v === 'string') (info as Record<string, unknown>)[k] = v;
      }),
  },
  {
    name: 'answer-labelled-as-accepted',
    area: 'response-schema',
    caughtBy: ['content-type-conformance'],
    description:
      'The answer is labelled with the JSON type the Accept field names (go-restful blind probe: a writer registered for each type the operation reads): `Accept: text/json` gets a 201 labelled `text/json`, which the operation does not document.',
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        const asked = req.headers.accept ?? '';
        const other = /^(?:text\/json|application\/[\w.-]+\+json)$/i.test(asked) && wire.body !== '';
        b.transmit(res, other ? { ...wire, headers: { ...wire.headers, 'Content-Type': asked } } : wire, req);
      },
    }),
  },
  {
    name: 'api-key-header-accepted',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'An API-key strategy left from development lets a request without Authorization through when it carries any `X-Api-Key` header (LoopBack blind probe).',
    apply: (b) => ({
      ...b,
      authenticate: (h, token, lines, url, cookie, head, version) =>
        h === undefined && head?.['x-api-key'] !== undefined
          ? 'ok'
          : b.authenticate(h, token, lines, url, cookie, head, version),
    }),
  },
  {
    name: 'id-from-request-id',
    area: 'wrong-answer',
    caughtBy: ['unique-id'],
    description:
      "A tracing middleware's request id is taken for the created request's id where it is a uuid (LoopBack blind probe): two creations with the same `X-Request-ID` answer the same id.",
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        const rid = String(req.headers['x-request-id'] ?? '');
        if (wire.status !== 201 || !UUID_TEXT.test(rid)) return b.transmit(res, wire, req);
        const body = wire.body.replace(/^\{"id":"[^"]*"/, `{"id":"${rid}"`);
        b.transmit(res, { ...wire, body, headers: { ...wire.headers } }, req);
      },
    }),
  },
  {
    name: 'sensitive-keys-redacted-in-answer',
    area: 'wrong-answer',
    caughtBy: ['echo-properties'],
    description:
      'A log redactor works on the answer rather than a copy (h3 blind probe): a `properties` member named password, secret, token, apiKey, api_key, accessToken or authorization, at any depth, is echoed as `[REDACTED]`.',
    apply: (b) =>
      afterBuild(b, (body) => {
        const entity = body.data?.entity;
        if (entity === undefined) return;
        // Ten levels deep, as redactors bound their walk (a body nested 10,000 deep stays as it is).
        const mask = (v: unknown, depth = 0): unknown =>
          depth > 10
            ? v
            : Array.isArray(v)
              ? v.map((x) => mask(x, depth + 1))
              : v !== null && typeof v === 'object'
                ? Object.fromEntries(
                    Object.entries(v).map(([k, x]) => [
                      k,
                      /^(?:password|secret|token|api_?key|accesstoken|authorization)$/i.test(k)
                        ? '[REDACTED]'
                        : mask(x, depth + 1),
                    ]),
                  )
                : v;
        // The same JSON shape, strings masked: still the member's type.
        if (entity.properties !== undefined) entity.properties = mask(entity.properties) as Json;
      }),
  },
  {
    name: 'accept-language-wildcard-crashes',
    area: 'transport',
    caughtBy: ['not-a-server-error'],
    description:
      'A message catalogue looked up by every range of Accept-Language throws on the wildcard (`*`, RFC 9110 §12.5.4), Elysia blind probe: `Accept-Language: de, *;q=0.5` is answered 500.',
    apply: (b) => ({
      ...b,
      admit: (req) => {
        // The lookup of a tag `*`, as a catalogue keyed by language tags does it.
        if (/(?:^|,)\s*\*/.test(String(req.headers['accept-language'] ?? '')))
          throw new RangeError('Incorrect locale information provided');
        return b.admit(req);
      },
    }),
  },
  {
    name: 'announced-trailer-refused',
    area: 'transport',
    caughtBy: ['valid-is-created'],
    description:
      'A request that announces a trailer (a `Trailer` field, RFC 9110 §6.6.2) is refused with 400 before its body is read (Twisted third round: a guard against trailers a handler would not see), where an unannounced trailer passes.',
    apply: (b) => ({
      ...b,
      admit: (req) =>
        req.headers.trailer === undefined
          ? b.admit(req)
          : jsonReply(400, singleError('TrailerNotSupported', 'Trailer fields are not supported.')),
    }),
  },
  {
    name: 'entity-id-by-folded-identifier',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      'An entity is looked up by its brand and its identifier trimmed and lower-cased (@hono/zod-openapi blind probe): `ABC` and `abc ` of one brand are answered one data.entity.id.',
    apply: (b) => {
      const known = new Map<string, unknown>();
      return entityIdAs(b, (req, assigned) => {
        if (typeof req.identifier !== 'string') return undefined;
        const key = `${String(req.brand)}|${req.identifier.trim().toLowerCase()}`;
        if (!known.has(key)) known.set(key, assigned);
        return known.get(key);
      });
    },
  },
  {
    name: 'origin-parsed-as-url',
    area: 'valid-refused',
    caughtBy: ['not-a-server-error'],
    description:
      'The CORS origin check parses every Origin with `new URL(origin)` (@hono/zod-openapi blind probe): the opaque origin `null`, which a sandboxed frame or a `file:` page sends (RFC 6454 §7.1), throws, and the request is answered 500.',
    apply: answeredWhen(
      (req) => {
        if (req.headers.origin === undefined) return false;
        try {
          new URL(req.headers.origin);
          return false;
        } catch {
          return true;
        }
      },
      () => textReply(500, 'text/plain; charset=utf-8', 'Internal Server Error'),
    ),
  },
  {
    name: 'errors-as-problem-json',
    area: 'wrong-answer',
    caughtBy: ['content-type-conformance'],
    description:
      'A 400 to a request whose Accept names application/problem+json is an RFC 9457 problem document labelled so (@hono/zod-openapi blind probe: a problem-details middleware switched on by Accept), where the operation documents a ConnectApiErrorResult in application/json.',
    apply: (b) =>
      writtenAs(b, (wire, req) =>
        wire.status === 400 && /application\/problem\+json/i.test(String(req.headers.accept ?? ''))
          ? {
              status: 400,
              headers: { 'Content-Type': 'application/problem+json' },
              body: JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400 }),
            }
          : wire,
      ),
  },
  {
    name: 'preflight-by-field',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'A hand-written CORS hook takes any request with Access-Control-Request-Method for a preflight and answers 204 with nothing created (openapi-glue blind probe): only an OPTIONS is a preflight (Fetch §4.8).',
    apply: answeredWhen(
      (req) => req.headers['access-control-request-method'] !== undefined,
      () => ({ status: 204, headers: { 'Access-Control-Allow-Origin': '*' }, text: '' }),
    ),
  },
  {
    name: 'errors-carried-into-next-201',
    area: 'wrong-answer',
    caughtBy: ['fills-are-own'],
    description:
      'The errors of a 400 are kept in a module-level list that is not cleared, so the next 201 carries them in its errors member (Next.js blind probe): errors that never happened to that request.',
    apply: (b) => {
      let kept: unknown;
      return writtenAs(b, (wire) => {
        if (wire.status === 400) {
          const parsed: unknown = JSON.parse(wire.body);
          if (parsed !== null && typeof parsed === 'object' && 'errors' in parsed) kept = parsed.errors;
          return wire;
        }
        if (wire.status !== 201 || kept === undefined) return wire;
        const body = JSON.parse(wire.body) as Record<string, unknown>;
        const carried = { ...wire, body: JSON.stringify({ ...body, errors: kept }) };
        kept = undefined;
        return carried;
      });
    },
  },
  {
    name: 'respond-async-202',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'A request that prefers an asynchronous answer (`Prefer: respond-async`, RFC 7240 §4.1) is queued and answered 202 with no body (oRPC blind probe), where the operation documents only its 201.',
    apply: answeredWhen(
      (req) => /respond-async/i.test(String(req.headers.prefer ?? '')),
      () => ({ status: 202, headers: {}, text: '' }),
    ),
  },
  {
    name: 'token-padding-stripped',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      'Trailing `=` is stripped from the token before it is compared, as base64url tokens go without padding (Sails blind probe): `Bearer <token>=` is taken for the valid token.',
    apply: (b) =>
      mapAuth(b, (outcome, h, token) =>
        outcome === 'wrong-token' && (h ?? '').replace(/=+$/, '') === `Bearer ${token}` ? 'ok' : outcome,
      ),
  },
  {
    name: 'json-labelled-as-accepted',
    area: 'wrong-answer',
    caughtBy: ['content-type-conformance'],
    description:
      "The answer is labelled with the first type the request's Accept names when that is text/plain (Sails blind probe: res.type() from Accept): a 201 of JSON as text/plain, a type the operation does not document.",
    apply: (b) =>
      writtenAs(b, (wire, req) =>
        /^\s*text\/plain/i.test(String(req.headers.accept ?? ''))
          ? { ...wire, headers: { ...wire.headers, 'Content-Type': 'text/plain; charset=utf-8' } }
          : wire,
      ),
  },
  {
    name: 'email-smtp-limits-enforced',
    area: 'valid-refused',
    caughtBy: ['valid-is-created'],
    description:
      'An associatedEmail with `@` in it is held to the SMTP limits of RFC 5321 §4.5.3.1 (a local part of at most 64 octets: hyper blind probe), though the spec gives it no format: a longer local part is refused.',
    apply: refusedWhen(
      (v) =>
        typeof v.associatedEmail === 'string' &&
        v.associatedEmail.includes('@') &&
        v.associatedEmail.slice(0, v.associatedEmail.lastIndexOf('@')).length > 64,
      issue('InvalidEmail', '$.associatedEmail', 'associatedEmail', 'associatedEmail must be a valid e-mail address.'),
    ),
  },
  {
    name: 'location-app-url-default',
    area: 'wrong-answer',
    caughtBy: ['ids-are-assigned'],
    description:
      "Every 201's Location is built from an application URL left at its default, `http://localhost:3333` (AdonisJS's APP_URL; AdonisJS blind probe), whatever host and port the request went to.",
    apply: locatedAt((body) => `http://localhost:3333/v1/onboarding/entities/${String(body.id)}`),
  },
  {
    name: 'id-from-previous-entity',
    area: 'wrong-answer',
    caughtBy: ['unique-id'],
    description:
      "Each request's id is taken from the entity the request before created (a variable reused: @hono/zod-openapi blind probe): an id an earlier answer gave.",
    apply: (b) => {
      let previous: unknown;
      return afterBuild(b, (body) => {
        const entityId = body.data?.entity?.id;
        if (typeof previous === 'string') body.id = previous;
        previous = entityId;
      });
    },
  },
  {
    name: 'challenge-dropped-for-scripts',
    area: 'auth',
    caughtBy: ['auth-is-enforced'],
    description:
      "A 401 to a request with `X-Requested-With: XMLHttpRequest` carries no challenge, lest a browser show its login box (Spring Security's and AdonisJS's XHR branch; AdonisJS blind probe). RFC 9110 §11.6.1: a server generating a 401 MUST send a challenge.",
    apply: (b) => writtenAs(b, (wire, req) => (wire.status === 401 && fromScript(req) ? withoutChallenge(wire) : wire)),
  },
  {
    name: 'errors-negotiated-to-html',
    area: 'wrong-answer',
    caughtBy: ['content-type-conformance'],
    description:
      "A 400 to a request whose Accept names HTML and no JSON is rendered as an HTML error page (AdonisJS's and Spring Boot's negotiated error rendering; AdonisJS blind probe): the operation documents its 400 as JSON only (406 or the JSON 400 are due).",
    apply: (b) =>
      writtenAs(b, (wire, req) => {
        const accept = String(req.headers.accept ?? '');
        return wire.status === 400 && /text\/html/i.test(accept) && !/json|\*\/\*/i.test(accept)
          ? { status: 400, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<h1>Bad Request</h1>' }
          : wire;
      }),
  },
  {
    name: 'validation-422-for-scripts',
    area: 'wrong-answer',
    caughtBy: ['invalid-is-rejected'],
    description:
      "An invalid body from a request with `X-Requested-With: XMLHttpRequest` is answered 422, the status a framework gives the requests it takes for AJAX ones (Laravel's validation), where 400 is documented.",
    apply: (b) =>
      writtenAs(b, (wire, req) => (wire.status === 400 && fromScript(req) ? { ...wire, status: 422 } : wire)),
  },
  {
    name: 'return-url-template-filled',
    area: 'wrong-answer',
    caughtBy: ['echo-return-url'],
    description:
      "Placeholders in returnUrl (`{id}`, `{requestId}`) are filled in with the new request's id before it is stored (AdonisJS blind probe): `https://x.example/cb/{id}` comes back with the id in it.",
    apply: (b) =>
      afterBuild(b, (body) => {
        if (typeof body.returnUrl === 'string')
          body.returnUrl = body.returnUrl.replace(/\{(?:id|requestId)\}/g, String(body.id));
      }),
  },
  {
    name: 'vin-upper-for-ev',
    area: 'wrong-answer',
    caughtBy: ['echo-entity-information'],
    description:
      "An EV's identifier shaped as a VIN (17 letters and digits, no I, O or Q) is stored in capitals, as ISO 3779 prints it (AdonisJS blind probe): `1hgcm82633a004352` comes back as `1HGCM82633A004352` for type EV only.",
    apply: (b) =>
      afterBuild(b, (body, req) => {
        const info = body.data?.entity?.information;
        const value = info?.identifier;
        if (
          req.type === 'EV' &&
          info !== undefined &&
          typeof value === 'string' &&
          /^[a-hj-npr-z0-9]{17}$/i.test(value)
        )
          info.identifier = value.toUpperCase();
      }),
  },
  {
    name: 'date-iso-8601',
    area: 'transport',
    caughtBy: ['created-is-now'],
    description:
      "Every answer's Date is written by hand as an ISO 8601 instant (`2026-12-08T03:01:22.689Z`), a form no HTTP recipient reads (Fastify blind probe). RFC 9110 §5.6.7: a sender MUST write an IMF-fixdate.",
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        res.setHeader('Date', new Date().toISOString());
        b.transmit(res, wire, req);
      },
    }),
  },
];

/**
 * A body under a declared media type other than application/json read on a branch of its own: its bytes made `reread`
 * of them before the reader every branch shares (a handler that decodes or parses them itself).
 */
function readOtherMedia(b: Behaviour, reread: (raw: Buffer) => Buffer): Behaviour {
  return {
    ...b,
    readJson: (raw, contentType, url) =>
      b.readJson(mediaTypeOf(contentType) === 'application/json' ? raw : reread(raw), contentType, url),
  };
}

/** Answers with a body, to a request whose Accept-Encoding `when` takes, written by `encode` and labelled `coding`. */
function codedAs(
  b: Behaviour,
  coding: string,
  encode: (body: Buffer) => Buffer,
  when: (accepts: string, body: string) => boolean,
): Behaviour {
  return {
    ...b,
    transmit: (res: ServerResponse, wire: Wire, req: IncomingMessage) => {
      if (!when(req.headers['accept-encoding'] ?? '', wire.body) || wire.body === '') return b.transmit(res, wire, req);
      const body = encode(Buffer.from(wire.body, 'utf8'));
      res.writeHead(wire.status, {
        ...wire.headers,
        'Content-Encoding': coding,
        'Content-Length': String(body.length),
      });
      res.end(body);
    },
  };
}

/** JSON text with the control characters inside its strings escaped: what a reader that takes them makes of them. */
function controlCharactersEscaped(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString && ch === '\\') {
      out += ch + (text[++i] ?? '');
      continue;
    }
    if (ch === '"') inString = !inString;
    const code = ch.charCodeAt(0);
    out += inString && code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

/** An object's keys that read as integers renumbered from 0 in their order, at its first level (PHP's array_merge). */
function keysRenumbered(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  let next = 0;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [/^(0|[1-9]\d*)$/.test(k) ? String(next++) : k, x]));
}

/** JSON text with NaN and the infinities outside strings written 0: what a reader that takes them makes of them. */
function nonFiniteAsZero(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    const word = /^-?(?:NaN|Infinity)/.exec(text.slice(i, i + 9))?.[0];
    if (word !== undefined) {
      out += '0';
      i += word.length - 1;
    } else out += ch;
  }
  return out;
}

/** A JSON value as Python's repr writes a dict: single quotes, None, True, False, `: ` and `, ` between items. */
function pythonRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(pythonRepr).join(', ')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${pythonRepr(k)}: ${pythonRepr(x)}`)
      .join(', ')}}`;
  return String(v);
}

/** Strict to RFC 9562: versions 1-8 with variant 10xx, or the nil or the max uuid (npm uuid's validate). */
const RFC9562_UUID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/i;

/** The largest .NET decimal (2^96 - 1), as the nearest double. */
const DECIMAL_MAX = 7.922816251426434e28;

/** Whether some value inside `v` (at any depth, counted without recursion) satisfies `test`. */
function someValue(v: unknown, test: (x: unknown) => boolean): boolean {
  const stack: unknown[] = [v];
  for (let x = stack.pop(); x !== undefined || stack.length > 0; x = stack.pop()) {
    if (test(x)) return true;
    if (x !== null && typeof x === 'object') stack.push(...Object.values(x));
  }
  return false;
}

/** A JSON reader that refuses a body nesting deeper than `limit` with 400 (RFC 8259 §9 lets a parser limit it). */
export function refusedDeeperThan(b: Behaviour, limit: number, message: string): Behaviour['readJson'] {
  return (raw, contentType, url) => {
    const parsed = b.readJson(raw, contentType, url);
    return parsed.kind === 'json' && nestedDeeperThan(parsed.value, limit)
      ? { kind: 'invalid', issue: issue('DepthLimit', '$', null, message) }
      : parsed;
  };
}

/** Whether `v` nests deeper than `limit` (counted without recursion). */
export function nestedDeeperThan(v: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [x, depth] = item;
    if (x === null || typeof x !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(x)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A deep copy by assignment (50 levels; deeper parts shared): `copy['__proto__'] = v` sets the prototype instead. */
function assignedCopy(v: Json, depth: number): Json {
  if (depth > 50 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => assignedCopy(x, depth + 1));
  const copy: { [key: string]: Json } = {};
  for (const [k, x] of Object.entries(v)) copy[k] = assignedCopy(x, depth + 1);
  return copy;
}

/**
 * `v` as PHP's json_encode writes an array read from it: an object keyed 0 to n-1 in order becomes a list (to 64
 * levels: deeper, the value is kept as it is, so that the fault's own recursion is not what a deep body meets).
 */
function listed(v: unknown, depth = 0): unknown {
  if (v === null || typeof v !== 'object' || depth > 64) return v;
  if (Array.isArray(v)) return v.map((x) => listed(x, depth + 1));
  const entries = Object.entries(v);
  const list = entries.length > 0 && entries.every(([k], i) => k === String(i));
  return list
    ? entries.map(([, x]) => listed(x, depth + 1))
    : Object.fromEntries(entries.map(([k, x]) => [k, listed(x, depth + 1)]));
}

/** `v` with every member name renamed, to 64 levels (deeper, kept as it is, as `listed` does). */
/** `v` with every array of scalars (at any depth, to 64 levels) holding each item once, in the order first met. */
function deduplicated(v: unknown, depth = 0): unknown {
  if (v === null || typeof v !== 'object' || depth > 64) return v;
  if (Array.isArray(v))
    return v.every((x) => x === null || typeof x !== 'object')
      ? [...new Set(v)]
      : v.map((x) => deduplicated(x, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deduplicated(x, depth + 1)]));
}

/**
 * The router takes the path as `spelt` makes it for the endpoint's, while the credentials are checked only where the
 * path as sent is the endpoint's (a middleware or filter that compares the exact path).
 */
function guardedAsSent(b: Behaviour, spelt: (path: string) => string): Behaviour {
  return {
    ...b,
    routes: (path, endpoint) => b.routes(spelt(path), endpoint),
    authenticate: (h, token, lines, url, cookie) =>
      (url ?? '').split('?')[0]?.endsWith('/v1/onboarding/entities') === true
        ? b.authenticate(h, token, lines, url, cookie)
        : 'ok',
  };
}

/** A path as a Servlet container dispatches it: each segment's `;` parameters removed and `%2F` decoded. */
function servletPath(path: string): string {
  return path.replace(/;[^/]*/g, '').replace(/%2F/gi, '/');
}

/** `v` with every object key at any depth (to 64 levels) renamed, or its member left out where `rename` gives none. */
function keysRenamed(v: unknown, rename: (key: string) => string | undefined, depth = 0): unknown {
  if (v === null || typeof v !== 'object' || depth > 64) return v;
  if (Array.isArray(v)) return v.map((x) => keysRenamed(x, rename, depth + 1));
  return Object.fromEntries(
    Object.entries(v).flatMap(([k, x]) => {
      const name = rename(k);
      return name === undefined ? [] : [[name, keysRenamed(x, rename, depth + 1)]];
    }),
  );
}

function hasLoneSurrogate(v: unknown): boolean {
  if (typeof v === 'string') return !v.isWellFormed();
  if (v === null || typeof v !== 'object') return false;
  return Object.entries(v).some(([k, x]) => !k.isWellFormed() || hasLoneSurrogate(x));
}

function hasPrototypeKey(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(hasPrototypeKey);
  const o = v as Record<string, unknown>;
  if (Object.hasOwn(o, '__proto__')) return true;
  const ctor = Object.hasOwn(o, 'constructor') ? o['constructor'] : undefined;
  if (ctor !== null && typeof ctor === 'object' && Object.hasOwn(ctor, 'prototype')) return true;
  return Object.values(o).some(hasPrototypeKey);
}

/** A fault of the list by name (for faults made of others). */
function faultNamed(name: string): Fault {
  const f = FAULTS.find((x) => x.name === name);
  if (f === undefined) throw new Error(`unknown fault ${name}`);
  return f;
}

function depthOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(v as Record<string, unknown>).map(depthOf));
}

/**
 * Departures from HTTP rules that the verdict profile does not list. The suite tests them with advisory cases and
 * reports them as warnings only, so for the self-test they are variations a correct suite must pass.
 */
export const BEYOND_PROFILE: readonly {
  readonly name: string;
  readonly description: string;
  readonly apply: (b: Behaviour) => Behaviour;
}[] = [
  {
    name: 'path-parameters-stripped',
    description:
      "The dispatcher removes a segment's `;` parameters before routing (Tomcat's servlet path, Spring's UrlPathHelper by default): POST to /v1/onboarding/entities;conformance=1 is created, another path by RFC 3986 §3.3, a warning.",
    apply: (b) => ({ ...b, routes: (path, endpoint) => b.routes(path.replace(/;[^/]*/g, ''), endpoint) }),
  },
  {
    name: 'encoded-slash-decoded',
    description:
      "The path is routed percent-decoded (WSGI's PATH_INFO under Flask or Django, gorilla/mux without UseEncodedPath): POST to /v1/onboarding%2Fentities is created, another path by RFC 3986 §2.2, a warning.",
    apply: (b) => ({ ...b, routes: (path, endpoint) => b.routes(path.replace(/%2F/gi, '/'), endpoint) }),
  },
  {
    name: 'nulls-left-out',
    description:
      "The answer's writer leaves out every member whose value is null (Jackson's NON_NULL, serde's skip_serializing_if; LoopBack, Pyramid and hyper blind probes): absent and null read alike, an omission, a warning.",
    apply: (b) =>
      afterBuild(b, (body) => {
        for (const o of [body, body.data?.entity, body.data?.entity?.information])
          if (o !== undefined) for (const [k, v] of Object.entries(o)) if (v === null) delete loose(o)[k];
      }),
  },
  {
    name: 'nil-owner-when-absent',
    description:
      "The answer model has a non-nullable UUID owner (a Java `UUID` field defaulted to `new UUID(0, 0)`): a request without owner is answered with the nil UUID as its owner (Spring blind probe): the answer's owner is not nullable, so a server with none to name needs a value; a warning.",
    apply: (b) =>
      afterBuild(b, (body, req) => {
        const entity = body.data?.entity;
        if (entity !== undefined && req.owner === null) entity.owner = '00000000-0000-0000-0000-000000000000';
      }),
  },
  {
    name: 'uuids-written-upper-case',
    description:
      "The store writes uuids back in its own spelling, upper case (SQL Server's uniqueidentifier; Bottle blind probe): the owner and collectiveId sent come back as the same uuids in capitals, though RFC 9562 §4 has uuids output in lower case; a warning.",
    apply: (b) =>
      afterBuild(b, (body) => {
        const entity = body.data?.entity;
        if (entity === undefined) return;
        if (typeof entity.owner === 'string') entity.owner = entity.owner.toUpperCase();
        if (typeof entity.collectiveId === 'string') entity.collectiveId = entity.collectiveId.toUpperCase();
      }),
  },
  {
    name: 'reference-brand-canonical',
    description:
      "data.entity.reference names the entity as the OEM knows it: its brand in the OEM's spelling (upper case), not the brand sent (yup blind probe); EntityReference need not be the request's echo, so a warning.",
    apply: (b) =>
      afterBuild(b, (body) => {
        const reference = body.data?.entity?.reference;
        if (typeof reference?.brand === 'string') reference.brand = reference.brand.toUpperCase();
      }),
  },
  {
    name: 'status-left-out-for-one-type',
    description:
      "The 201 of a Meter has no `status` (a writer's branch for one entity type; Mono, Spring, h3 and Symfony blind probes left a top-level member out of some answers): the schema requires no member, so a warning.",
    apply: leftOutWhen('status', (req) => req.type === 'Meter'),
  },
  {
    name: 'request-type-left-out-with-collective',
    description:
      "The 201 has no `requestType` whenever the request names a collective (a writer's branch: gorilla/mux blind probe); the first answers, for the richest request, lack it, the later ones mostly have it: the schema requires no member, so a warning.",
    apply: leftOutWhen('requestType', (req) => typeof req.collectiveId === 'string'),
  },
  {
    name: 'status-left-out-with-return-url',
    description:
      'The 201 has no `status` wherever the request sends a returnUrl (Fastify and nginx blind probes): about half of the answers lack it, the first among them; the schema requires no member, so a warning.',
    apply: leftOutWhen('status', (req) => typeof req.returnUrl === 'string'),
  },
  {
    name: 'closes-silently-every-third-201',
    description:
      'Every third 201 on a connection is followed by the close of that connection, without the close option (chi and NestJS blind probes: a socket recycled after N requests): a client that reused it loses its next request, which the suite sends again; a server MAY close at any time (RFC 9112 §9.5), so a warning.',
    apply: (b) => {
      const served = new WeakMap<object, number>();
      return closesAfter(b, (_res, wire, req) => {
        if (wire.status !== 201) return false;
        const n = (served.get(req.socket) ?? 0) + 1;
        served.set(req.socket, n);
        return n % 3 === 0;
      });
    },
  },
  {
    name: 'closes-after-chunked-201',
    description:
      'The connection of a chunked upload is closed once its 201 is written, without the close option (Beast blind probe: a session loop that ends after a body it streamed): a server MAY close at any time (RFC 9112 §9.5), so a warning.',
    apply: (b) =>
      closesAfter(b, (_res, wire, req) => wire.status === 201 && req.headers['transfer-encoding'] !== undefined),
  },
  {
    name: 'null-properties-filled',
    description:
      "properties sent as null (or not sent) come back as {} (the store's default for an empty map; lua-cjson writes an empty table as {}: nginx blind probe): the server may fill what was not sent, so a warning where null was sent.",
    apply: (b) =>
      afterBuild(b, (body, req) => {
        const entity = body.data?.entity;
        if (entity !== undefined && req.properties === null) loose(entity).properties = {};
      }),
  },
  {
    name: 'host-not-required',
    description:
      "An HTTP/1.1 request without Host is served (Python's http.server under Flask's and Django's development servers, Puma, waitress; a Tcl blind probe): RFC 9112 §3.2 says 400, but the HTTP layer's doing, a warning.",
    apply: (b) => ({ ...b, hostNotRequired: true }),
  },
  {
    name: 'continue-withheld',
    description:
      'No 100 (Continue) to a request that expects it: the handler waits for the body, which the client sends after a wait of its own (AnyEvent::HTTPD; Python http.server in HTTP/1.0 mode): RFC 9110 §10.1.1 says an origin server MUST answer the header section at once, but the request is answered; a warning.',
    apply: (b) => ({ ...b, withholdsContinue: true }),
  },
  {
    name: 'absolute-form-404',
    description:
      "A request target in absolute form (`POST http://host/path`) is routed as it stands (uvicorn 0.3x takes the whole target for the path): 404, though RFC 9112 §3.2.2 says a server MUST accept it; the HTTP layer's doing, a warning.",
    apply: answeredWhen(
      (req) => /^https?:\/\//i.test(req.url ?? ''),
      (req) => jsonReply(404, singleError('NotFound', `No route for ${req.url ?? ''}.`)),
    ),
  },
  {
    name: 'float-parse-one-step-off',
    description:
      'Numbers are read by a parser without correct rounding (serde_json without float_roundtrip): a fraction with 17 significant digits comes back one step off (1030101.3790750963 → 1030101.3790750965): within a double’s precision (RFC 8259 §6), a warning since 2026-12-05 (Rust probe).',
    apply: (b) => {
      const bits = new DataView(new ArrayBuffer(8));
      const off = (v: unknown, depth = 0): unknown => {
        if (typeof v === 'number') {
          if (
            Number.isInteger(v) ||
            String(v)
              .replace(/e.*$|[-.]/g, '')
              .replace(/^0+/, '').length < 17
          )
            return v;
          bits.setFloat64(0, v);
          bits.setBigUint64(0, bits.getBigUint64(0) + 1n);
          return bits.getFloat64(0);
        }
        // Deep nesting is left alone (a recursion that deep would be a fault of its own).
        if (depth > 100) return v;
        if (Array.isArray(v)) return v.map((x) => off(x, depth + 1));
        return v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, off(x, depth + 1)]))
          : v;
      };
      return onProperties(b, (props) => off(props));
    },
  },
  {
    name: 'routes-leniently',
    description:
      "The router ignores the path's case and a trailing slash (Express's default routing): POST to /V1/ONBOARDING/ENTITIES or /v1/onboarding/entities/ is created.",
    apply: (b) => ({
      ...b,
      routes: (path, endpoint) => b.routes(path.toLowerCase().replace(/\/$/, ''), endpoint.toLowerCase()),
    }),
  },
  {
    name: 'slashes-merged',
    description:
      "Repeated slashes are made one before routing (restify's dedupeSlashes, nginx's merge_slashes): POST to /v1//onboarding//entities is created.",
    apply: (b) => ({ ...b, routes: (path, endpoint) => b.routes(path.replace(/\/{2,}/g, '/'), endpoint) }),
  },
  {
    name: 'urn-uuid-refused',
    description: "collectiveId/owner in the 'urn:uuid:' form (which format: uuid allows) are refused.",
    apply: (b) => policy(b, { parseUuid: (v) => (/^urn:/i.test(v) ? undefined : b.validation.parseUuid(v)) }),
  },
  {
    name: 'json-extensions-accepted',
    description:
      "The JSON reader takes a leading comment and reads an escape JSON does not define ('\\x41' as 'x41'), as Ruby's json does (RFC 8259 §9 lets it).",
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType) =>
        b.readJson(
          Buffer.from(
            raw
              .toString('utf8')
              .replace(/^\/\*[^]*?\*\//, '')
              .replace(/(?<!\\)\\x/g, 'x'),
            'utf8',
          ),
          contentType,
        ),
    }),
  },
  {
    name: 'content-encoding-ignored',
    description:
      'Content-Encoding is ignored: a gzip body is parsed as it came (400), an unknown coding over plain JSON is created (201).',
    apply: (b) => ({ ...b, decodeBody: (raw) => raw }),
  },
  {
    name: 'utf8-decoded-leniently',
    description: 'Bytes that are not UTF-8 become U+FFFD (as most frameworks decode), so such a body is created: 201.',
    apply: (b) => ({
      ...b,
      readJson: (raw) => b.readJson(Buffer.from(new TextDecoder('utf-8').decode(raw), 'utf8')),
    }),
  },
  {
    name: 'no-content-type-is-json',
    description: 'A POST without Content-Type is taken as JSON (as some frameworks default): created, 201.',
    apply: (b) => ({ ...b, acceptsMediaType: (ct) => ct === undefined || b.acceptsMediaType(ct) }),
  },
  {
    name: 'date-suppressed',
    description:
      "No answer carries Date (libmicrohttpd's MHD_USE_SUPPRESS_DATE_NO_CLOCK), though the server writes created: RFC 9110 §6.6.1's MUST, a warning by the profile.",
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) => {
        res.sendDate = false;
        b.transmit(res, wire, req);
      },
    }),
  },
  {
    name: 'bearer-any-white-space',
    description:
      'The scheme and token are split at any white space (`/\\s+/`), so `Bearer<TAB><token>` is accepted (Sails blind probe): RFC 9110 §11.4 and RFC 6750 §2.1 separate them with spaces only, a malformed credential.',
    apply: (b) =>
      mapAuth(b, (outcome, h, token) =>
        outcome !== 'ok' && /^Bearer\s+/.test(h ?? '') && (h ?? '').replace(/^Bearer\s+/, '') === token
          ? 'ok'
          : outcome,
      ),
  },
  {
    name: 'auth-after-validation',
    description:
      'Middleware order bug: the body is validated before authentication, so an anonymous invalid request gets 400/415, not 401.',
    apply: (b) => ({ ...b, authAfterValidation: true }),
  },
];
