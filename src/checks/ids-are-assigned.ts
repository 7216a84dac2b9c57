import type { Check, Finding } from './types.ts';
import type { TestCase } from '../generators/case.ts';
import type { ReceivedResponse } from '../types.ts';
import { caseValue } from '../generators/draft.ts';
import { at, sameUuid } from './echo.ts';
import type { OperationProfile } from './profile.ts';
import { rulesOf } from './rules.ts';
import { answered, fail, warn } from './util.ts';

/** How many entity ids a run remembers with their request's identifier (about 200 KB at most). */
const NAMED_KEPT = 4096;
/** How many Locations a run remembers with their answer's ids (about 1 MB at most). */
const LOCATIONS_KEPT = 4096;
/** Marks the name of a request that names no entity by its kind (`entityId.kindBy`): no name sent begins so. */
const UNNAMED = '\u0000';
/** How many Location shapes a run counts: a server has one or two; one that names by slugs has a shape per answer. */
const SHAPES_KEPT = 64;
/** How many 201s of one Location shape make it the run's, so that a rarer one fails. */
const SHAPE_PRECEDENT = 3;

/** The nil UUID (RFC 9562 §5.9), in either case: all 128 bits zero, what Go's zero uuid.UUID and .NET's Guid.Empty write. */
const NIL = /^(?:urn:uuid:)?0{8}-0{4}-0{4}-0{4}-0{12}$/i;

/** Whether an id is the nil UUID: no id at all (RFC 9562 §5.9), this check's finding wherever it is given. */
export function isNilUuid(id: string): boolean {
  return NIL.test(id);
}

/**
 * Path segments that name no resource: a language's word for no value written into a URL (JavaScript's `undefined`
 * and `[object Object]`, Python's `None`, Go's `<nil>`) or a route template left unfilled (`{id}`, `:id`, `<id>`).
 */
const NO_NAME = /^(?:undefined|null|none|nil|nan|<nil>|\[object object\]|\{[^/]*\}|:[a-z_][\w-]*|<[^/]*>)$/i;

/**
 * A 201's Location refers to the resource created (RFC 9110 §10.2.2): neither an id that was never filled in nor the
 * URI the request was sent to (the collection; its path compared, since a gateway may name another host).
 */
function namelessLocation(location: Located, target: string): Finding[] {
  const nameless = location.segments.find((s) => NO_NAME.test(s));
  const why =
    nameless !== undefined
      ? `names no resource: "${nameless}" stands where the created one's id belongs (RFC 9110 §10.2.2: a 201's Location refers to the resource created; an id left undefined?)`
      : location.path === pathOf(target, target)
        ? `is the URI the request was sent to: it names the collection, not the resource created (RFC 9110 §10.2.2: a 201's Location refers to the resource created)`
        : undefined;
  if (why === undefined) return [];
  return [
    fail(
      'location-names-nothing',
      'RFC 9110 §10.2.2',
      `201 Location ${location.text} ${why}`,
      location.text,
      'the URI of the resource created',
    ),
  ];
}

/**
 * A 201's Location on the host and scheme the request went to but another port (the port left out where it was not
 * the default: Express's `req.hostname`, an nginx `$host`): it names a resource of another origin (RFC 6454 §4), which
 * the client cannot reach. Another host or scheme is left alone: a gateway or a TLS front end may name its own.
 */
function otherPortLocation(location: Located, target: string): Finding[] {
  const sent = urlOf(target, target);
  const url = location.url;
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  // A loopback host names the server's own machine, which a client elsewhere does not reach: an application URL left at
  // its default (AdonisJS blind probe: APP_URL's localhost:3333) where the request went to another host.
  if (sent !== undefined && url !== undefined && LOOPBACK.test(url.hostname) && !LOOPBACK.test(sent.hostname))
    return [
      fail(
        'location-names-another',
        'RFC 9110 §10.2.2',
        `201 Location ${location.text} names a loopback address, ${url.host}, where the request was sent to ${sent.host}: not the resource created (RFC 9110 §10.2.2; an application URL left at its default?)`,
        location.text,
        `the URI of the resource created, on ${sent.origin}`,
      ),
    ];
  if (sent === undefined || url === undefined || url.protocol !== sent.protocol) return [];
  // Two loopback names are one host (`localhost` is 127.0.0.1, RFC 6761 §6.3).
  const sameHost =
    url.hostname.toLowerCase() === sent.hostname.toLowerCase() ||
    (LOOPBACK.test(url.hostname) && LOOPBACK.test(sent.hostname));
  if (!sameHost || port(url) === port(sent)) return [];
  return [
    fail(
      'location-names-another',
      'RFC 9110 §10.2.2',
      `201 Location ${location.text} names port ${port(url)} of the host the request was sent to on port ${port(sent)}: another origin (RFC 6454 §4), not the resource created (RFC 9110 §10.2.2; built from a host name without its port?)`,
      location.text,
      `the URI of the resource created, on ${sent.origin}`,
    ),
  ];
}

/** A loopback host (RFC 6761 §6.3 `localhost`, RFC 1122's 127/8, IPv6's ::1), as a URL's hostname writes it. */
const LOOPBACK = /^(?:localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** A uuid in its string form (RFC 9562 §4), any case, as a path segment may carry one. */
const UUID_SEGMENT = /^(?:urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A 201's Location whose last uuid names none of the ids its body gives (`ids`: the ids the server assigned, the
 * principal, the uuids the request sent): a Location made from another value than the created resource's id (a uuid
 * drawn afresh, another entity's). Judged only where the body carries every assigned id (`assigned`), so that a
 * smaller answer, which may leave the named one out, is not judged on what it does not say.
 */
function foreignLocation(
  location: Located,
  body: Record<string, unknown>,
  assigned: readonly (readonly string[])[],
  ids: readonly (readonly string[])[],
): Finding[] {
  if (assigned.length === 0) return [];
  if (!assigned.every((path) => typeof at(body, ...path) === 'string')) return [];
  const named = location.segments.filter((s) => UUID_SEGMENT.test(s)).at(-1);
  if (named === undefined) return [];
  if (ids.some((path) => sameUuid(at(body, ...path), named))) return [];
  const names = assigned.map((path) => `${path.join('.')} ${String(at(body, ...path))}`).join(', ');
  return [
    fail(
      'location-names-another',
      'RFC 9110 §10.2.2',
      `201 Location names none of the ids the answer gives: ${named} (in ${location.text}), where the answer has ${names}; it does not refer to the resource created (RFC 9110 §10.2.2; an id drawn apart from the one stored?)`,
      location.text,
      'the URI of the resource created',
    ),
  ];
}

/** A URI reference resolved against `base`; undefined when it does not resolve. */
function urlOf(ref: string, base: string): URL | undefined {
  try {
    return new URL(ref, base);
  } catch {
    return undefined;
  }
}

/** A URL's path, one trailing slash left out. */
function pathIn(url: URL): string {
  return url.pathname.replace(/(.)\/$/, '$1');
}

/** A URI reference's path resolved against `base` (`pathIn`); undefined when it does not resolve. */
function pathOf(ref: string, base: string): string | undefined {
  const url = urlOf(ref, base);
  return url === undefined ? undefined : pathIn(url);
}

/** A path segment or query value percent-decoded, as sent where it does not decode. */
function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The segments of a Location's path, percent-decoded where they decode; none when it is no URI reference. */
function segmentsOf(location: string): string[] {
  const url = urlOf(location, 'http://location.invalid/');
  return url === undefined ? [] : url.pathname.split('/').slice(1).map(decoded);
}

/** A 201's Location, read once for every rule on it: as sent, its path's segments, its path resolved against the target. */
interface Located {
  readonly text: string;
  readonly segments: readonly string[];
  /** The Location resolved against the target, and its path (`pathIn`); undefined when it does not resolve. */
  readonly url: URL | undefined;
  readonly path: string | undefined;
}

/**
 * A Location's shape: its path and query with each value that is one of the answer's uuids (`ids`) written as the
 * member it is (`{id}`, `{data.collectiveId}`), another uuid as `{uuid}`, and the rest as sent; none when it is no URI.
 */
function shapeOf(location: Located, body: Record<string, unknown>, ids: readonly (readonly string[])[]) {
  if (location.url === undefined || location.path === undefined) return undefined;
  const named = (value: string) => {
    const path = ids.find((p) => {
      const id = at(body, ...p);
      return typeof id === 'string' && sameUuid(id, value);
    });
    return path !== undefined ? `{${path.join('.')}}` : UUID_SEGMENT.test(value) ? '{uuid}' : value;
  };
  const path = location.path
    .split('/')
    .map((s) => named(decoded(s)))
    .join('/');
  const query = [...location.url.searchParams].map(([k, v]) => `${k}=${named(v)}`).join('&');
  return query === '' ? path : `${path}?${query}`;
}

/** The Location of a 201, read (`Located`); none for another status or an answer without one. */
function locatedBy(res: ReceivedResponse, target: string): Located | undefined {
  const text = res.headers['location'];
  if (res.status !== 201 || text === undefined) return undefined;
  const url = urlOf(text, target);
  return { text, segments: segmentsOf(text), url, path: url === undefined ? undefined : pathIn(url) };
}

/**
 * The ids a server assigns to what it created (`OperationProfile.assignedIds`: the request's and its entity's) are
 * ids: never the nil UUID, which RFC 9562 §5.9 sets apart as no identifier at all. A field left at its zero value (a
 * Go struct's uuid.UUID, .NET's Guid.Empty) is a uuid by the format and identifies nothing. And two requests that
 * name different entities (`OperationProfile.entityId`: by their identifier) never get one entity id. Stateful over a
 * run: it keeps the first 4,096 entity ids with their names.
 */
export function idsAreAssigned(p: OperationProfile): Check | undefined {
  const paths = p.assignedIds ?? [];
  if (paths.length === 0) return undefined;
  const rule = rulesOf(p).created;
  const entity = p.entityId;
  // Every uuid the answer gives: a Location may name any of them (the request, its entity, the collective it joins).
  const uuidPaths = [
    ...paths,
    ...(p.principalIds ?? []),
    ...p.echoes.flatMap((g) => g.fields.filter((f) => f.compare === 'uuid').map((f) => f.response)),
  ];
  // The entity ids of the run (the first NAMED_KEPT, a bounded memory) and the name each one's request gave: an id set
  // once (pydantic's `uuid4()` as a field default, evaluated at start) comes back for every entity, and an id hashed
  // from other members (an Erlang team's phash2 of brand and type) for every entity of one brand and type.
  const named = new Map<string, string>();
  /** The same entity id for a request that names another entity than an earlier answer with that id did. */
  const reused = (c: TestCase, body: Record<string, unknown>, status: number) => {
    if (entity === undefined) return [];
    const id = at(body, ...entity.path);
    const given = at(caseValue(c), entity.namedBy);
    const kind = entity.kindBy === undefined ? undefined : at(caseValue(c), entity.kindBy);
    // A request that names no entity (none or null; an empty name is a name a store may key on, left alone) is keyed
    // by its kind (a uuid5 of type and no identifier is one per type): two of different kinds are two entities.
    const name =
      typeof given === 'string' && given !== ''
        ? given
        : typeof kind === 'string' && (given === undefined || given === null)
          ? `${UNNAMED}${kind}`
          : undefined;
    if (typeof id !== 'string' || name === undefined || NIL.test(id)) return [];
    const earlier = named.get(id);
    if (earlier === undefined && named.size < NAMED_KEPT) named.set(id, name);
    const unnamed = name.startsWith(UNNAMED);
    // Judged between two named requests, or two that name none: a named one and an unnamed one are left alone.
    if (earlier === undefined || name === earlier || earlier.startsWith(UNNAMED) !== unnamed) return [];
    const where = entity.path.join('.');
    return [
      {
        ...fail(
          'entity-id-reused',
          rule,
          unnamed
            ? `${status} ${where} is the id of the entity an earlier request of another ${entity.kindBy} gave, neither naming one by ${entity.namedBy}: one id for two entities (an id kept for "no ${entity.namedBy}"?)`
            : `${status} ${where} is the id of the entity an earlier request named by another ${entity.namedBy}: one id for two entities (a value set once?)`,
          id,
          `an id of its own`,
        ),
        at: `/${entity.path.join('/')}`,
      },
    ];
  };
  // The Locations of the run (the first LOCATIONS_KEPT), with the case and ids of the first answer to give each: a URI
  // built from a member the request sent (its identifier) names two onboarding requests where two requests sent the
  // same value; one that names an id, the entity's, which two requests naming one entity may share, names the same
  // resource for both only where the request's own id (`idPath`) is the same.
  const own = paths.findIndex((path) => path.join('/') === p.idPath.join('/'));
  const located = new Map<string, { readonly id: string; readonly ids: readonly string[] }>();
  /** The same Location for an answer none of whose ids (for one naming an id: whose own id) is an earlier one's. */
  const shared = (c: TestCase, body: Record<string, unknown>, location: Located) => {
    const ids = paths.map((path) => at(body, ...path));
    if (!ids.every((x): x is string => typeof x === 'string' && !NIL.test(x))) return [];
    const segments = location.segments.map((s) => s.toLowerCase());
    const namesAnId = ids.some((x) => segments.includes(x.toLowerCase()));
    if (namesAnId && own < 0) return [];
    const key = location.path;
    if (key === undefined) return [];
    const earlier = located.get(key);
    if (earlier === undefined && located.size < LOCATIONS_KEPT) located.set(key, { id: c.id, ids });
    // The same case sent again (a retry) may get its own answer back; one id in common names the same resource.
    if (earlier === undefined || earlier.id === c.id) return [];
    if (namesAnId ? sameUuid(ids[own], earlier.ids[own]) : ids.some((x, i) => sameUuid(x, earlier.ids[i]))) return [];
    return [
      fail(
        'location-names-another',
        'RFC 9110 §10.2.2',
        namesAnId
          ? `201 Location is one an earlier 201 gave another created request (another ${p.idPath.join('.')}): one URI for two created requests (RFC 9110 §10.2.2: it refers to the resource created; an id the two share, the entity's?)`
          : `201 Location is one an earlier 201 gave a request with other ids: one URI for two created requests (RFC 9110 §10.2.2: it refers to the resource created; built from a member sent, not from an id?)`,
        location.text,
        'the URI of the resource created, its own',
      ),
    ];
  };
  // How many 201s of the run gave each Location shape (the first SHAPES_KEPT shapes): one operation names what it
  // created one way, so a shape that a branch alone gives (a collective's path where one is named) is another resource.
  const shapes = new Map<string, number>();
  /** A Location of a shape at most a third as common as the run's commonest that names ids, given by SHAPE_PRECEDENT 201s. */
  const reshaped = (body: Record<string, unknown>, location: Located) => {
    const shape = shapeOf(location, body, uuidPaths);
    if (shape === undefined) return [];
    const seen = shapes.get(shape) ?? 0;
    let common: [string, number] | undefined;
    // Only a shape that names the answer's ids sets the rule: a slug or an identifier sent again is no precedent.
    for (const entry of shapes)
      if (entry[0].includes('{') && (common === undefined || entry[1] > common[1])) common = entry;
    if (seen > 0 || shapes.size < SHAPES_KEPT) shapes.set(shape, seen + 1);
    if (common === undefined || common[0] === shape || common[1] < SHAPE_PRECEDENT || seen * 3 >= common[1]) return [];
    return [
      fail(
        'location-names-another',
        'RFC 9110 §10.2.2',
        `201 Location is shaped ${shape} (${location.text}), where ${common[1]} earlier 201s of the run gave ${common[0]}: this request's Location names another resource than the others' (RFC 9110 §10.2.2: it refers to the resource created; a branch that builds it from other members?)`,
        location.text,
        `a Location like the run's others: ${common[0]}`,
      ),
    ];
  };
  /** A Location's findings: each rule's only where the one before found nothing, so that one bug is one finding. */
  const locationFindings = (c: TestCase, body: Record<string, unknown>, location: Located, target: string) => {
    for (const rule of [
      () => namelessLocation(location, target),
      // Without a Host field (HTTP/1.0) the server cannot know the authority the client used (RFC 9112 §3.2.2).
      () => (c.wire?.noHost ? [] : otherPortLocation(location, target)),
      () => foreignLocation(location, body, paths, uuidPaths),
      () => shared(c, body, location),
      () => reshaped(body, location),
    ]) {
      const found = rule();
      if (found.length > 0) return found;
    }
    return [];
  };
  return {
    name: 'ids-are-assigned',
    description: `a created request's ${paths.map((x) => x.join('.')).join(' and ')} are not the nil UUID, and a Location names the request created`,
    scope: 'request',
    applies: (c) => c.kind === 'valid',
    judge: answered((c, body, res, _ctx, ex) => {
      const location = locatedBy(res, ex.request.url);
      return [
        ...reused(c, body, res.status),
        ...(location === undefined ? [] : locationFindings(c, body, location, ex.request.url)),
        // Haskell's `nil` from Data.UUID as a placeholder principal: a uuid by the format, naming no one.
        ...nilsAt(body, p.principalIds ?? [], (where, value) =>
          warn(
            'nil-principal',
            rule,
            `${res.status} ${where} is the nil UUID: no principal named (RFC 9562 §5.9; a placeholder left in?)`,
            value,
          ),
        ),
        ...nilsAt(body, paths, (where, value) =>
          fail(
            'nil-id',
            rule,
            `${res.status} ${where} is the nil UUID ${value}: no id was assigned (RFC 9562 §5.9; a zero value left unset?)`,
            value,
          ),
        ),
      ];
    }),
  };
}

/** The finding `found` makes for each of `paths` whose value in `body` is the nil UUID (`where` dotted), at its pointer. */
function nilsAt(
  body: Record<string, unknown>,
  paths: readonly (readonly string[])[],
  found: (where: string, value: string) => Finding,
): Finding[] {
  return paths.flatMap((path) => {
    const value = at(body, ...path);
    return typeof value === 'string' && NIL.test(value)
      ? [{ ...found(path.join('.'), value), at: `/${path.join('/')}` }]
      : [];
  });
}
