/**
 * Paths (OpenAPI 3.0.4 §4.8.8): the Paths Object lists every path the API has, so a valid request to a path it does
 * not define, next to the operation's, is not created: a router answers 404 (405 where the path exists for other
 * methods, 403 from a gateway that hides unknown routes). A 201 there is a handler matched by prefix: a subtree mount
 * (Express's `app.use(path, fn)`, Twisted's `isLeaf`, a Go pattern ending in `/`) or a hand-written `startsWith`.
 */
import { emit, requestClass, SPEC, type Dimension, type EmitOptions, type RequestClass } from './class.ts';

/** The statuses a refusal of an unknown path may take; redirects too (Django's APPEND_SLASH answers 301 first). */
const REFUSED = [404, 405, 410, 400, 403, 301, 308];
const WHY =
  'a valid request to a path the spec does not define is not created: 404 (or 405, 410, 400, 403, a redirect); its answer is not held to the documented content';

const child = requestClass('path', 'path/child', '/paths', `one segment below the operation's path: ${WHY}`, {
  accept: REFUSED,
  httpLayer: true,
});
const childId = requestClass(
  'path',
  'path/child-id/<shape>',
  '/paths',
  `one segment below the operation's path shaped as an id (a uuid, digits): ${WHY}; a 201 there is a route with an id parameter that creates (\`/:id\`, \`{id:uuid}\`: an upsert by a client-chosen id), which the spec does not define`,
  { accept: REFUSED, httpLayer: true, variantOf: 'path/child' },
);
/** The ids a route parameter takes: a uuid (a version 4, the form most patterns demand) and digits. */
const CHILD_IDS: readonly (readonly [shape: string, id: string])[] = [
  ['uuid', '3fa85f64-5717-4562-b3fc-2c963f66afa6'],
  ['digits', '1'],
];
const longer = requestClass('path', 'path/longer', '/paths', `the operation's path with characters appended: ${WHY}`, {
  accept: REFUSED,
  httpLayer: true,
  variantOf: 'path/child',
});

const sibling = requestClass(
  'path',
  'path/sibling/<segment>',
  '/paths',
  `the operation's path with one segment above the last made another (\`/v1-conformance-unknown/onboarding/entities\`): ${WHY}; a 201 there is a route whose segment is a parameter (\`/:version/…\`) or a pattern wider than the path`,
  { accept: REFUSED, httpLayer: true, variantOf: 'path/child' },
);
const otherVersion = requestClass(
  'path',
  'path/other-version/<segment>',
  '/paths',
  `the operation's path with the number in one segment above the last made another (\`/v99/onboarding/entities\`): ${WHY}; a 201 there is a route whose segment is a pattern of digits wider than the path (\`/v{version:[0-9]+}/…\`, Express’s \`/v:version(\\d+)\`, Flask’s \`<int:version>\`)`,
  { accept: REFUSED, httpLayer: true, variantOf: 'path/child' },
);

// No version a provider serves beside its own (`v2` may be one): only a route that takes any digits takes `v99`.
const OTHER_NUMBER = '99';

/** A segment's last run of digits made a number no API version takes (`v1` → `v99`); none without digits. */
export function otherNumberIn(segment: string): string | undefined {
  const runs = [...segment.matchAll(/\d+/g)];
  const last = runs.at(-1);
  if (last === undefined) return undefined;
  const other = last[0] === OTHER_NUMBER ? '98' : OTHER_NUMBER;
  return segment.slice(0, last.index) + other + segment.slice(last.index + last[0].length);
}
const singular = requestClass(
  'path',
  'path/singular',
  '/paths',
  `the operation's path with its last segment in the singular (\`/entity\` for \`/entities\`): ${WHY}; a 201 there is an alias route the spec does not list (a legacy spelling kept, a pattern such as \`entit(y|ies)\`)`,
  { accept: REFUSED, httpLayer: true, variantOf: 'path/child' },
);

/** A plural path segment in the singular (`entities` → `entity`, `boxes` → `box`, `items` → `item`); none otherwise. */
export function singularOf(segment: string): string | undefined {
  if (/[^aeiou]ies$/i.test(segment)) return `${segment.slice(0, -3)}y`;
  if (/(?:ss|x|ch|sh)es$/i.test(segment)) return segment.slice(0, -2);
  // Not `status`, `analysis`, `address`: words that end in s in the singular.
  if (/[^siu]s$/i.test(segment)) return segment.slice(0, -1);
  return undefined;
}

// Two spellings of the path that routers take for it by default: advice, since a team did not choose them. A
// redirect to the operation's path is the router's correction (Starlette's redirect_slashes answers 307).
const ROUTER_DEFAULT =
  'refused (404, or 405, 410, 400, 403, a redirect to the operation’s path) like any path the spec does not define, but routers take it for the operation’s path, some by default';
const CORRECTED = [...REFUSED, 302, 307];
const trailingSlash = requestClass(
  'path',
  'path/trailing-slash',
  '/paths',
  `the operation's path with a trailing slash, another URI (RFC 3986 §6.2.4: the same resource only where the server says so, by a redirect): ${ROUTER_DEFAULT} (Express’s non-strict routing, Spring MVC before 6; chi’s StripSlashes when chosen), hence advice`,
  { accept: CORRECTED, httpLayer: true, variantOf: 'path/child', advisory: true },
);
const formatSuffix = requestClass(
  'path',
  'path/format-suffix',
  '/paths',
  `the operation's path with \`.json\` appended: ${ROUTER_DEFAULT} (Rails’ format segment, chi’s URLFormat, Spring’s suffix patterns before 5.3), hence advice`,
  { accept: CORRECTED, httpLayer: true, variantOf: 'path/child', advisory: true },
);

const dataSuffix = requestClass(
  'path',
  'path/data-suffix',
  '/paths',
  `the operation's path with \`.data\` appended: ${ROUTER_DEFAULT} (React Router 7’s single fetch serves every route’s action there, in its own encoding), hence advice`,
  { accept: CORRECTED, httpLayer: true, variantOf: 'path/child', advisory: true },
);

const otherCase = requestClass(
  'path',
  'path/upper-case',
  '/paths',
  `the operation's path in upper case, another path (RFC 3986 §6.2.2.1: only the scheme and host are case-insensitive): ${ROUTER_DEFAULT} (Express’s and ASP.NET Core’s case-insensitive routing), hence advice`,
  { accept: CORRECTED, httpLayer: true, variantOf: 'path/child', advisory: true },
);

const emptySegments = requestClass(
  'path',
  'path/empty-segments',
  '/paths',
  `the operation's path with every slash after the first doubled (\`/v1//onboarding//entities\`), another path (RFC 3986 §3.3: an empty segment is a segment; §6.2 normalises none away): ${ROUTER_DEFAULT} (LoopBack’s router and CherryPy’s dispatcher by default; restify’s dedupeSlashes and nginx’s merge_slashes when chosen), hence advice`,
  { accept: CORRECTED, httpLayer: true, variantOf: 'path/child', advisory: true },
);

const matrixParameter = requestClass(
  'path',
  'path/matrix-parameter',
  '/paths',
  `the operation's path with a parameter after a semicolon in its last segment (\`/entities;conformance=1\`), another path (RFC 3986 §3.3: \`;\` is a character of the segment): ${ROUTER_DEFAULT} (the Servlet containers strip path parameters, Tomcat's \`;jsessionid\`, and Spring's UrlPathHelper removes them by default), hence advice`,
  { accept: CORRECTED, httpLayer: true, variantOf: 'path/child', advisory: true },
);

const encodedSlash = requestClass(
  'path',
  'path/encoded-slash',
  '/paths',
  `the operation's path with its last slash percent-encoded (\`/onboarding%2Fentities\`), another path (RFC 3986 §2.2: an encoded reserved character is data, not the delimiter): ${ROUTER_DEFAULT} (WSGI's and ASGI's decoded PATH_INFO under Flask, Django or Starlette, gorilla/mux unless UseEncodedPath), hence advice`,
  { accept: CORRECTED, httpLayer: true, variantOf: 'path/child', advisory: true },
);

// The same spellings without credentials: wherever a router takes one for the operation's path, the bearer scheme
// must guard it too (an authentication middleware that compares the exact path lets the router's spelling through:
// Astro probe), so a 2xx there fails; 401 is the refusal due where the router matches it.
const UNGUARDED =
  'sent without credentials: refused (401 where the router takes it for the operation’s path; 404, or 405, 410, 400, 403, a redirect otherwise), never created, for the operation’s security (OpenAPI 3.0.4 §4.8.10) holds wherever its handler is reached';
const withoutCredentials = (cls: RequestClass, what: string) =>
  requestClass('path', `${cls.label}/no-credentials`, SPEC.security, `${what}, ${UNGUARDED}`, {
    accept: [...CORRECTED, 401],
    httpLayer: true,
    variantOf: 'path/child',
  });

/** A spelling of the operation's path a router may take for it, its twin without credentials, and where it is sent. */
interface Spelling {
  readonly cls: RequestClass;
  readonly unguarded: RequestClass;
  /** The case's path options for the operation's path; none where the spelling is the path itself. */
  at(path: string): EmitOptions | undefined;
}
const spelling = (cls: RequestClass, what: string, at: Spelling['at']): Spelling => ({
  cls,
  unguarded: withoutCredentials(cls, what),
  at,
});
const SPELLINGS: readonly Spelling[] = [
  spelling(trailingSlash, 'the operation’s path with a trailing slash', () => ({ pathSuffix: '/' })),
  spelling(formatSuffix, 'the operation’s path with `.json` appended', () => ({ pathSuffix: '.json' })),
  spelling(dataSuffix, 'the operation’s path with `.data` appended', () => ({ pathSuffix: '.data' })),
  spelling(otherCase, 'the operation’s path in upper case', (path) => {
    // In place of the operation's path, so of its length (`TestCase.pathSpelling`): `ß` would become `SS`.
    const upper = path.toUpperCase();
    return upper !== path && upper.length === path.length ? { pathSpelling: upper } : undefined;
  }),
  spelling(emptySegments, 'the operation’s path with every slash after the first doubled', (path) =>
    path.lastIndexOf('/') > 0 ? { pathSpelling: `/${path.slice(1).replaceAll('/', '//')}` } : undefined,
  ),
  spelling(matrixParameter, 'the operation’s path with a parameter after a semicolon', () => ({
    pathSuffix: ';conformance=1',
  })),
  spelling(encodedSlash, 'the operation’s path with its last slash percent-encoded', (path) => {
    const at = path.lastIndexOf('/');
    return at > 0 ? { pathSpelling: `${path.slice(0, at)}%2F${path.slice(at + 1)}` } : undefined;
  }),
];

/** A segment no API defines, so that a 404 is the router's. */
const UNKNOWN = 'conformance-unknown';

export const paths: Dimension = {
  name: 'paths',
  title: 'Paths',
  summary:
    'A valid request to a path next to the operation’s that the spec does not define (a segment below it, one shaped as an id (a uuid, digits), characters appended, a segment above the last made another, the number in one made another, the last in the singular; a trailing slash, a `.json` or `.data` suffix, the path in upper case or with empty segments, a `;` parameter, its last slash percent-encoded, advice): refused (404, or 405, 410, 400, 403, a redirect), never created; the spellings a router may take for the operation’s path also without credentials, never created (401 accepted).',
  classes: [
    child,
    longer,
    sibling,
    otherVersion,
    singular,
    ...SPELLINGS.map((x) => x.cls),
    ...SPELLINGS.map((x) => x.unguarded),
    childId,
  ],
  drafts(ctx) {
    const m = JSON.stringify(ctx.minimal);
    const path = ctx.model.spec.operationRef.path;
    // Literal segments only: a templated one (`{id}`) is the path's own parameter.
    const segments = path.split('/').slice(1);
    const literal = (x: string) => x !== '' && !x.includes('{');
    /** The operation's path with its segment `i` made `value`. */
    const withSegment = (i: number, value: string) => `/${segments.map((x, j) => (j === i ? value : x)).join('/')}`;
    const last = segments.at(-1);
    const one = last !== undefined && literal(last) ? singularOf(last) : undefined;
    const sent = SPELLINGS.flatMap((x) => {
      const at = x.at(path);
      return at === undefined ? [] : [{ ...x, at }];
    });
    return [
      ...emit(ctx, child, {}, m, { pathSuffix: `/${UNKNOWN}` }),
      ...emit(ctx, longer, {}, m, { pathSuffix: `-${UNKNOWN}` }),
      // Every segment above the last in turn (the last is `longer`'s), and the last in the singular.
      ...segments
        .slice(0, -1)
        .flatMap((segment, i) =>
          !literal(segment)
            ? []
            : emit(ctx, sibling, { segment }, m, { pathSpelling: withSegment(i, `${segment}-${UNKNOWN}`) }),
        ),
      // And every segment above the last with a number in it, that number made another.
      ...segments.slice(0, -1).flatMap((segment, i) => {
        const other = literal(segment) ? otherNumberIn(segment) : undefined;
        return other === undefined
          ? []
          : emit(ctx, otherVersion, { segment }, m, { pathSpelling: withSegment(i, other) });
      }),
      ...(one === undefined
        ? []
        : emit(ctx, singular, {}, m, { pathSpelling: `/${[...segments.slice(0, -1), one].join('/')}` })),
      ...sent.flatMap((x) => emit(ctx, x.cls, {}, m, x.at)),
      ...sent.flatMap((x) => emit(ctx, x.unguarded, {}, m, { ...x.at, auth: 'none' })),
      ...CHILD_IDS.flatMap(([shape, id]) => emit(ctx, childId, { shape }, m, { pathSuffix: `/${id}` })),
    ];
  },
};
