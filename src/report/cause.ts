// A problem is a cause (issue #24): what the failures of one case say about the provider, keyed by the check, its rule,
// the answer and the class of request it concerns, never by which other failures shared the case. So a problem's
// identity, and a baseline made of it, is the same whatever the seed (issue #23).
import type { Failure } from '../checks/types.ts';
import { HTTP_10_FAMILY, type TestCase } from '../generators/case.ts';
import { curlGap } from './script.ts';
import { MINIMAL_LABEL } from '../generators/space/bodies.ts';
import { RESERVED_NAMES } from '../generators/violations/additionalProperties.ts';

/** One cause found in one case: what a problem is made of. */
export interface Cause {
  /** What the provider did, with no class in it: `received 500 | not-a-server-error unexpected-status /…`. */
  readonly core: string;
  /** The class of request it concerns (`valid/string`, `invalid/format`), `''` for every request of its kind. */
  readonly scope: string;
  /** `core` and `scope`: stable across runs, seeds and shards; baselines match on it. */
  readonly signature: string;
  /** JSON pointers of the fields concerned: the request's field for a refused or accepted violation, the answer's for an echo. */
  readonly at: readonly string[];
  /** The failure that names the cause (the most specific of the case's status failures, or the content failure). */
  readonly primary: Failure;
  /** Every failure of the case it explains (a 500 explains the wrong status and the undocumented content type too). */
  readonly failures: readonly Failure[];
  /**
   * A random case's server error, lost answer or refusal: random cases carry many features at once, so the cause is
   * counted under a problem the boundary phase found with the same core (the long string, not the enum the case also
   * broke) when there is one. So is a preflight's invalid body accepted (else it keeps its own scope).
   */
  readonly attachable: boolean;
  /** The signature the cause had before 2026-12-04 (`formerScopeOf`) where it differs: baselines made before list it. */
  readonly alsoKnownAs?: string;
}

/** What a target that went down, or hung, answers: nothing. */
export const LOST: ReadonlySet<string> = new Set(['connection-reset', 'connection-refused', 'timeout']);

/** A server error's status (RFC 9110 §15.6). */
export const SERVER_ERROR = /^5\d\d$/;

/** The scope of causes found in random cases only (no boundary problem of the same core). */
export const RANDOM_SCOPE = 'random cases';

// The status checks, most specific first: the answer never came, a server error, the row's own status, any status.
// Names are the checks' stable identifiers (src/checks/index.ts), which waivers and baselines name too.
const STATUS_ORDER = [
  'response-is-received',
  'not-a-server-error',
  // A 405 to the operation's own method is the router's, whatever the row expected: it names the cause.
  'operation-method-is-allowed',
  'valid-is-created',
  'invalid-is-rejected',
  'auth-is-enforced',
  'media-type-is-enforced',
  'method-is-not-allowed',
  'path-is-not-found',
  'status-is-allowed',
];
const FATAL = new Set(STATUS_ORDER.slice(0, 2));
const ROUTED = 'operation-method-is-allowed';

/**
 * A message not read to its end spoils the next request whatever it was answered (a chunked reader that leaves the last
 * empty line: 201, 401 and 415 alike; Cheroot's refusals of any framing): one cause since 2026-12-06, a cause of each
 * status before, which baselines made before list.
 */
const ANY_STATUS_SINCE_DEC_6: ReadonlySet<string> = new Set(['next-request-unanswered', 'next-request-misread']);

/**
 * Content findings that a gateway or an error renderer makes on every answer alike (a second Content-Type line, a body
 * that is not JSON under a JSON label): one cause whatever the status.
 */
const ANY_STATUS_KINDS: ReadonlySet<string> = new Set([
  'repeated-content-type',
  'charset-not-utf-8',
  'mislabelled-json',
  // The connection's handling is the server's, the same whatever it answered.
  'connection-kept-open',
  'bytes-beyond-framing',
  'content-in-head-answer',
  'answer-after-close',
  // A request carried over to the next on its connection: one cause since it was first judged (2026-12-08).
  'next-request-answered-from-previous',
  ...ANY_STATUS_SINCE_DEC_6,
]);

/**
 * An answer without a Content-Type: the writer's omission, the same on every status (one problem per status before,
 * Beast probe), under whatever rule each status documents.
 */
function unlabelled(f: Pick<Failure, 'check' | 'received'>): boolean {
  return f.check === 'content-type-conformance' && f.received === null;
}

/** Whether a failure is about the answer's status (or its absence), as opposed to its content. */
export function isStatusFailure(f: Pick<Failure, 'check'>): boolean {
  return STATUS_ORDER.includes(f.check);
}

/** The class family a case belongs to: `valid/string`, `valid/string/long`, `invalid/format`, `auth/basic`, `malformed`, `media`. */
export function familyOf(c: Pick<TestCase, 'kind' | 'label' | 'family'>): string {
  // A preflight request is one of its kind's (an invalid body, no credentials): a crash on it is the same crash.
  if (c.label.startsWith('preflight/'))
    return `${c.kind === 'schema-violation' ? 'invalid' : c.kind === 'auth' ? 'auth' : 'preflight'}/preflight`;
  return labelFamily(c);
}

/** The family a case's label (or its class) gives it, the preflight's too (`familyOf` until 2026-12-04). */
function labelFamily(c: Pick<TestCase, 'kind' | 'label' | 'family'>): string {
  if (c.family !== undefined) return c.family;
  // A string's length and its characters are different bugs (a column too short, a charset that cannot hold them):
  // the lengths (`long-256`, and `length-257` between them, `long-256-other-end`) are a family of their own, so that
  // the two are never one problem, and one length limit is one.
  if (/^valid\/string\/(long|length)-\d+(-[a-z-]+)?$/.test(c.label)) return 'valid/string/long';
  const depth = c.kind === 'valid' || c.kind === 'schema-violation' || c.kind === 'auth' ? 2 : 1;
  return c.label.split('/').slice(0, depth).join('/');
}

/**
 * What a status cause is about besides its core: nothing where the answer is one bug whatever the request (200 for
 * 201 to a valid one; 422 or 413 where 400 is due to a refused one: the status a refusal is given), every credential
 * at once where a request without valid ones was created (the check is off, or compares loosely), the kind of request
 * for a server error, else the family.
 */
function scopeOf(c: Pick<TestCase, 'kind' | 'label' | 'family' | 'advisory' | 'accept'>, answer: string): string {
  // A server error to a request that must be refused is one crash for every class of its kind (a handler answering 500
  // to every error it does not know, a credential parser): the family's first segment (`invalid`, `auth`, `media`…).
  // A valid request's keeps its family: a long string and an emoji crash different code.
  // An empty body fails the JSON parser a malformed one fails (JSON.parse('') throws): one crash.
  // No answer is a crash too (an async auth middleware that never calls next: 20 problems, one per auth class).
  if ((SERVER_ERROR.test(answer) || LOST.has(answer)) && c.kind !== 'valid')
    return c.kind === 'empty-body' ? 'malformed' : familyOf(c).split('/')[0];
  // A valid request a server may refuse (1e400, nesting 10,000 deep, urn:uuid, a byte-order mark) is refused by the
  // code that refuses invalid ones: a 500 to them is that handler's, one crash for all of them.
  // Not a request as HTTP/1.0: only its refusal is advice, and its crash is its own (`HTTP_10_FAMILY`).
  if (
    SERVER_ERROR.test(answer) &&
    c.family !== HTTP_10_FAMILY &&
    (c.advisory !== undefined || (c.accept?.includes(400) ?? false))
  )
    return 'valid/refusable';
  const success = /^2\d\d$/.test(answer);
  // A redirect (Feathers' 303 with a Location) answers every valid request alike, as 200 for 201 does; so does a
  // conflict (409), which a store's state answers (an identifier taken), not the request's class.
  if (c.kind === 'valid') return success || /^3\d\d$/.test(answer) || answer === '409' ? '' : familyOf(c);
  // A redirect where a refusal is due is the route's or the error renderer's (Werkzeug's 308 to a route declared with
  // a slash, Laravel's 302 back): one bug whatever the request, as a wrong 4xx is (33 problems once).
  if (/^[34]\d\d$/.test(answer)) return '';
  if (c.kind === 'auth' && success) return 'auth';
  return familyOf(c);
}

/**
 * The scope a cause had until 2026-12-04, which baselines made before list: an empty body's server error by its own
 * kind, a preflight's by `preflight`, a refusable valid request's by its family, a redirect to a valid request by its
 * family. A family is its label's here: a class given another family since (`valid/auth/two-spaces` with the scheme's
 * case, 2026-12-05) keeps matching the entries made before; an alias no entry has matches nothing.
 */
function formerScopeOf({ kind, label }: Pick<TestCase, 'kind' | 'label'>, answer: string): string {
  const family = labelFamily({ kind, label });
  if (SERVER_ERROR.test(answer) && kind !== 'valid') return family.split('/')[0];
  if (kind === 'valid') return /^2\d\d$/.test(answer) ? '' : family;
  if (/^4\d\d$/.test(answer)) return '';
  if (kind === 'auth' && /^2\d\d$/.test(answer)) return 'auth';
  return family;
}

/** `core | in scope`: a problem's signature. */
export function signatureOf(core: string, scope: string): string {
  return scope ? `${core} | in ${scope}` : core;
}

/** The core of a signature (what the provider did), for matching a random case's cause with a boundary problem. */
export function coreOf(signature: string): string {
  return splitSignature(signature).core;
}

/** A signature's core and scope (`''` where it has none): `signatureOf` undone. */
export function splitSignature(signature: string): { core: string; scope: string } {
  const i = signature.lastIndexOf(' | in ');
  return i < 0
    ? { core: signature, scope: '' }
    : { core: signature.slice(0, i), scope: signature.slice(i + ' | in '.length) };
}

/** The texts of an answer's body that may name a field: its JSON strings and member names, else the body as text. */
function textsOf(body: string): { values: string[]; keys: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { values: [body], keys: [] };
  }
  const values: string[] = [];
  const keys: string[] = [];
  // Without recursion and bounded: an error body is small, and an echoed 10,000-deep value says nothing more.
  const stack = [value];
  for (let n = 0; stack.length > 0 && n < 2_000; n++) {
    const v = stack.pop();
    if (typeof v === 'string') values.push(v);
    else if (Array.isArray(v)) stack.push(...(v as unknown[]));
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        keys.push(k);
        stack.push(x);
      }
  }
  return { values, keys };
}

/**
 * The one member of `names` an error answer names as a field, if it names exactly one: a string that is the name
 * (pydantic's `loc`, express-validator's `path`), or that begins with it (`properties: Invalid input`, `properties
 * must be an object`), or the name quoted or in a path (`"properties" must be…`, `$.properties`, `Request.properties`,
 * `/properties`); never a word inside a sentence ("of type object"). A member name of the body counts only as a path
 * (`$.properties`: ASP.NET's), since error formats have members called `type` or `name`. A string that is a path
 * alone (`data.entity.owner`, `/owner`) names its last segment before anything else does: a message that prints the
 * whole value (Effect's "actual {…}") quotes every member name.
 */
export function memberNamedBy(body: string, names: readonly string[]): string | undefined {
  const texts = textsOf(body);
  // A JSON Schema keyword as a string of its own (Ajv's `keyword` copied into an error: `"description":"type"`,
  // `"code":"schema.type"`) names the rule broken, not the member `type`, where another string names one member
  // (`/brand must be string`): two probes built on Ajv were titled by `type` so.
  const rules = { values: texts.values.filter((v) => !KEYWORD_STRING.test(v)), keys: texts.keys };
  const byRule = rules.values.length < texts.values.length ? namedIn(rules, names, '') : [];
  if (byRule.length === 1) return byRule[0];
  // Two members named beside the keyword (two nulls refused, `"code":"type"`): no one member, least of all `type`.
  if (byRule.length > 1) return undefined;
  const exact = namedIn(texts, names, '');
  // Only where no name is found as written, in any case: Go's validator names the struct field
  // (`Request.AssociatedEmail`), not the JSON member; a name of five letters or more, so that an error code
  // (`"code":"Type"`) does not name `type`.
  const found =
    exact.length > 0
      ? exact
      : namedIn(
          texts,
          names.filter((n) => n.length >= 5),
          'i',
        );
  if (found.length > 0) return found.length === 1 ? found[0] : undefined;
  // Last, a camelCase name as a word in a sentence, which no English word is (`associatedEmailValid: associatedEmail
  // must be a well-formed email address`: Spring's field error of an @AssertTrue getter, Tomcat probe).
  const inSentence = names.filter(
    (n) =>
      /^[a-z]+(?:[A-Z][a-z]*)+$/.test(n) && texts.values.some((v) => new RegExp(`(?<![\\w-])${n}(?![\\w-])`).test(v)),
  );
  return inSentence.length === 1 ? inSentence[0] : undefined;
}

/** The names an answer names (`memberNamedBy`): by a path's last segment first, else as a field; flags '' or 'i'. */
function namedIn({ values, keys }: ReturnType<typeof textsOf>, names: readonly string[], flags: '' | 'i'): string[] {
  const fold = (s: string) => (flags === 'i' ? s.toLowerCase() : s);
  const ends = new Set(
    values.filter((v) => PATH.test(v)).map((v) => fold(v.split(/[./[\]'"]+/).findLast((s) => s !== '') ?? '')),
  );
  const atEnd = names.filter((n) => ends.has(fold(n)));
  if (atEnd.length === 1) return atEnd;
  return names.filter((n) => {
    const word = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const asField = new RegExp(`(?:^|[/.[$'"\`])${word}(?![\\w-])`, flags);
    const inPath = new RegExp(`[/.[$]${word}(?![\\w-])`, flags);
    return values.some((v) => asField.test(v)) || keys.some((k) => inPath.test(k));
  });
}

/** A JSON Schema validation keyword, alone or as the last segment of a dotted code (`type`, `schema.required`). */
const KEYWORD_STRING =
  /^(?:[\w-]+\.)*(?:type|format|enum|const|required|properties|additionalProperties|pattern|minLength|maxLength|minimum|maximum|items|nullable)$/;

/** A string that is a path and nothing else: `owner`, `data.entity.owner`, `$.owner`, `/data/owner`, `items[0].owner`. */
const PATH = /^[$/]?[\w-]+(?:[./][\w-]+|\[\d+\]|\[(['"])[^'"]*\1\])*$/;

/** The causes of one case's failures (unwaived errors, and the advisory row findings they come with). */
export function causesOf(
  c: Pick<TestCase, 'kind' | 'label' | 'phase' | 'violation' | 'family' | 'advisory' | 'accept'>,
  answer: string,
  failures: readonly Failure[],
  /** The member of the request the answer names as a field (`memberNamedBy`), for a valid request refused. */
  named?: string,
  /** The rule for an undocumented refusal before the night of 2026-12-04 (valid requests that may be refused only). */
  former = false,
): Cause[] {
  const rank = (f: Failure) => STATUS_ORDER.indexOf(f.check);
  // A request that should be refused, answered 2xx: errors first, so that an advisory case's softened row finding (201
  // was advice) rides along with the error that explains it (200 is undocumented), never names it. Otherwise the row's
  // order, so that 200 for 201, or 422 for 400, is one problem on advisory and other cases alike.
  const accepted = c.kind !== 'valid' && /^2\d\d$/.test(answer);
  const weight = (f: Failure) => rank(f) + (accepted && f.severity === 'warning' ? STATUS_ORDER.length : 0);
  const status = failures.filter((f) => rank(f) >= 0).sort((a, b) => weight(a) - weight(b));
  const content = failures.filter((f) => rank(f) < 0);
  const out: Cause[] = [];
  // A valid request that may be refused (advice, a class that accepts 400) refused with a 4xx the spec does not
  // document (422, 413) shows the bug an invalid request refused so shows: one cause, named as that one is (so that
  // baselines made before keep matching), not a problem per family titled "201 is due".
  const refusable = c.advisory !== undefined || (c.accept?.includes(400) ?? false);
  const undocumentedStatus = status.find((f) => f.kind === 'undocumented-status');
  // Not a conflict: 409 is the store's answer to any valid request, the bug 200 for 201 is (no refusal of a request).
  const refused = /^4\d\d$/.test(answer) && answer !== '409';
  // The same for an undeclared media type (webargs answers 422 to both) and for a size limit, which a valid request
  // meets as an invalid one does (413): one handler's status, one problem.
  const refusedLikeInvalid = former
    ? c.kind === 'valid' && refusable
    : (c.kind === 'valid' && (refusable || answer === '413')) || c.kind === 'media-type';
  const undocumented = refusedLikeInvalid && refused ? undocumentedStatus : undefined;
  if (undocumented) {
    const core = `received ${answer} | invalid-is-rejected unexpected-status`;
    const before = former ? undefined : causesOf(c, answer, failures, named, true)[0]?.signature;
    out.push({
      core,
      scope: '',
      signature: core,
      at: [],
      primary: undocumented,
      failures: status,
      attachable: false,
      ...(before !== undefined && before !== core ? { alsoKnownAs: before } : {}),
    });
  }
  // An advisory request the server took for a valid one (its 201 would only have been advice) answered with another
  // 2xx the spec does not document: the bug that 200 for 201 to a valid request shows, one cause under its signature.
  const tookAsValid = accepted && c.advisory !== undefined ? undocumentedStatus : undefined;
  const success = Array.isArray(tookAsValid?.documented)
    ? (tookAsValid.documented as unknown[]).map(String).find((s) => /^2\d\d$/.test(s))
    : undefined;
  if (tookAsValid && success) {
    const core = `received ${answer} | valid-is-created unexpected-status ${tookAsValid.rule}/${success}`;
    out.push({ core, scope: '', signature: core, at: [], primary: tookAsValid, failures, attachable: false });
    return out;
  }
  const [primary] = undocumented ? [] : status;
  if (primary) {
    // A lost answer or a 5xx explains whatever else the case failed, and so does an invalid request accepted (its 2xx
    // echoes what it should have refused).
    const fatal = FATAL.has(primary.check) || accepted;
    // A valid request refused: the refusal is the bug, and what its answer says goes with it (fasthttp's parser
    // answers a chunk extension with a text/plain 400: one problem, not a second one for the 400's content).
    const explainsContent = fatal || (c.kind === 'valid' && refused);
    // A valid request refused for a field the answer names is that field's bug whichever family sent it (one regex
    // on associatedEmail refuses long strings, CJK and escaped text alike), unless the class is about that field
    // (`valid/null/owner`: every nullable field refused is one bug, whichever field); the field names the problem. A
    // shape of an untyped field (`valid/any/properties/array`) is that field's bug too: Servant's Object for
    // `properties` refused arrays there and at `valid/depth/10/arrays`, two problems of one title.
    const byField = named !== undefined && c.kind === 'valid' && /^4\d\d$/.test(answer);
    // Every nullable member null at once (`valid/all-null`, of the `valid/null` family) is about each of them: an answer
    // naming the first it refused scoped it by that member, beside the family's problem (Bottle and restify probes).
    const allNull = c.family === 'valid/null' && !c.label.split('/').includes(named ?? '');
    const aboutField = (c.label.split('/').includes(named ?? '') || allNull) && !c.label.startsWith('valid/any/');
    // A 405 to the operation's own method is its router's, whatever the request: one cause, no class or field.
    const routed = primary.check === ROUTED;
    const scope = routed ? '' : byField && !aboutField ? `/${named}` : scopeOf(c, answer);
    // One rule for every field it applies to (`format uuid` of collectiveId and owner): the fields go to `at`. A refusal
    // with the wrong 4xx (the one scope `scopeOf` leaves empty for such a request) is one bug whatever the rule the
    // request broke: no rule then.
    const rule = primary.rule.replace(/\/properties\/[^/]+\/(?=[^/]+$)/, '/properties/*/');
    const core =
      scope === '' && (c.kind !== 'valid' || routed)
        ? `received ${answer} | ${primary.check} ${primary.kind}`
        : `received ${answer} | ${primary.check} ${primary.kind} ${rule}`;
    const field = c.violation?.instancePath ?? (byField ? `/${named}` : undefined);
    out.push({
      core,
      scope,
      signature: signatureOf(core, scope),
      at: field ? [field] : [],
      primary,
      failures: explainsContent ? failures : status,
      // A preflight's invalid body accepted is the bug a boundary class shows with the same rule (its enum's).
      attachable:
        (c.phase === 'random' && (fatal || (c.kind === 'valid' && scope !== ''))) ||
        (c.phase === 'preflight' && accepted),
      ...(routed
        ? // Until the night of 2026-12-04 the row's status finding named it: the cause the case had without this check.
          {
            alsoKnownAs: causesOf(
              c,
              answer,
              failures.filter((f) => f !== primary),
              named,
            )[0]?.signature,
          }
        : byField && allNull
          ? // Until 2026-12-05 scoped by the member its answer named.
            { alsoKnownAs: signatureOf(core, `/${named}`) }
          : formerScopeOf(c, answer) === scope
            ? {}
            : { alsoKnownAs: signatureOf(core, formerScopeOf(c, answer)) }),
    });
    if (explainsContent) return out;
  }
  // Content: one cause per check and rule; a null and a wrong value in one echoed field are one cause. A body that is
  // not JSON under an undocumented Content-Type is not JSON because of it (an HTML or text error page): one cause,
  // named by its Content-Type. Failures about one value of the answer (`at`) are one cause, named by the first (the
  // schema's before the echo's): an enum written as an integer broke `type`, `enum` and the echo at once, three
  // problems of one bug (Mono probe), and an owner echoed as "" both its format and its echo (Echo probe).
  // A serializer's slip at several places (every enum in camel case, every uuid without hyphens: one naming policy or
  // format string, four problems before) is one cause, named by the slip, wherever it is (`slipOf`).
  const typeFailure = content.find((f) => f.check === 'content-type-conformance');
  const keyOf = (f: Failure) =>
    unlabelled(f)
      ? `${f.check} ${f.kind} without a Content-Type`
      : `${f.check} ${f.check.startsWith('echo-') ? 'echo' : f.kind} ${f.rule}`;
  const ordered = typeFailure ? [typeFailure, ...content.filter((x) => x !== typeFailure)] : content;
  const echoes = content.filter((f) => f.check.startsWith('echo-'));
  const echoesOnlyEmptyForNull = echoes.every((f) => slipOf(f) === NULLS_AS_EMPTY);
  const slipAt = new Map<string, string>();
  for (const f of ordered) {
    // "" for null is a writer's slip only where every echo of the case failed so: a swap of two members that moves a ""
    // where null was sent also echoes the other member wrong.
    const slip = f.check.startsWith('echo-') && !echoesOnlyEmptyForNull ? undefined : slipOf(f);
    // An echo of the same value is that slip's (it comes after the schema's failure).
    if (f.at !== undefined && slip !== undefined && !slipAt.has(f.at))
      slipAt.set(f.at, `response-schema-conformance slip ${slip}`);
  }
  const byKey = new Map<string, Failure[]>();
  const keyAt = new Map<string, string>();
  const formerKey = new Map<string, string>();
  for (const f of ordered) {
    const notJson = f.check === 'response-schema-conformance' && f.kind === 'not-json';
    const own = keyOf(typeFailure && notJson ? typeFailure : f);
    const slip = f.at !== undefined ? slipAt.get(f.at) : undefined;
    const key = slip ?? (f.at !== undefined ? keyAt.get(f.at) : undefined) ?? own;
    if (f.at !== undefined && !keyAt.has(f.at)) keyAt.set(f.at, key);
    if (!formerKey.has(key)) formerKey.set(key, own);
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  for (const [key, fs] of byKey) {
    const [first] = fs;
    const prefix = ANY_STATUS_KINDS.has(first.kind) || unlabelled(first) ? 'any status' : `received ${answer}`;
    const core = `${prefix} | ${key}`;
    // Until 2026-12-05 an answer without a Content-Type was its status's cause, by that status's rule.
    const formerPrefix = ANY_STATUS_SINCE_DEC_6.has(first.kind) ? `received ${answer}` : prefix;
    const former = unlabelled(first)
      ? `received ${answer} | ${first.check} ${first.kind} ${first.rule}`
      : `${formerPrefix} | ${formerKey.get(key) ?? key}`;
    out.push({
      core,
      scope: '',
      signature: core,
      at: [...new Set(fs.map((f) => f.at).filter((x): x is string => x !== undefined))],
      primary: fs[0],
      failures: fs,
      attachable: false,
      // Until 2026-12-05 the cause of the first value so slipped, by its own rule.
      ...(former !== core ? { alsoKnownAs: former } : {}),
    });
  }
  return out;
}

/**
 * How plain an example is, smaller first: a message any HTTP client writes (not one written byte by byte: chunked,
 * unframed, repeated fields), a valid request only 201 is due to, no query string, a class that is not advisory, a JSON media type, ASCII only (escapes of other characters included),
 * no member named after the JavaScript object model, the fewest null members, the fewest fields, the shortest body. The example a
 * problem shows is the plainest case that fails the same way (issue #24).
 */
export function plainness(
  c: Pick<TestCase, 'contentType' | 'body' | 'wire' | 'query' | 'advisory'> &
    Partial<Pick<TestCase, 'kind' | 'accept' | 'label' | 'method'>>,
  value: unknown,
): readonly number[] {
  const body = c.body ?? '';
  // A 422 to every invalid body showed an empty chunked body as its example: a reader looked at the framing first.
  // Of two raw messages, one curl can send (a plain chunked body) before one only the node -e line can (Gson probe).
  const raw = c.wire === undefined ? 0 : curlGap(c.wire, c.method) === undefined ? 1 : 2;
  // A valid request only 201 is due to, refused, says the bug plainly: a body limit's 413 to valid and invalid bodies
  // was shown with an invalid one, titled "400 is due" (Hono and Caddy probes).
  const created = c.kind === 'valid' && c.advisory === undefined && !(c.accept?.includes(400) ?? false) ? 0 : 1;
  // A missing brand shown with brand in the query string reads as a query-string bug.
  const query = c.query === undefined ? 0 : 1;
  // An advisory class is an edge case by its nature: `{}` without credentials (auth/none-invalid-body) shown for a
  // crash of the auth module sent a reader to its validation.
  // So is a preflight request, which no class of the plan names: `auth/none` failing alike is the one to replay.
  const edge = c.advisory === undefined && !(c.label?.startsWith('preflight/') ?? false) ? 0 : 1;
  const media = c.contentType === undefined || /^application\/json$/i.test(c.contentType) ? 0 : 1;
  // A lone surrogate written `\ud800` is ASCII text, and still the example of a dropped returnUrl sent a Unicode hunt.
  // Characters no one sees (zero-width, bidi marks, noncharacters, private use) are plainer last: accents show what a
  // latin1 reader did, a zero-width joiner or U+FFFF does not (Python http.server and JDK HttpServer probes).
  // Read on the text, raw or escaped: a value 10,000 levels deep is no value to stringify again.
  const visible =
    /[\p{Cf}\p{Cn}\p{Co}\u2028\u2029]/u.test(body) ||
    /\\u(?:00ad|061c|180e|200[b-f]|202[8-9a-e]|206[0-9a-f]|feff)/i.test(body)
      ? 2
      : 1;
  const ascii = /^[\u0020-\u007e]*$/.test(body) && !/\\u(?!00[0-7])[0-9a-f]{4}/i.test(body) ? 0 : visible;
  const entries: [string, unknown][] =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
  const keys = entries.map(([k]) => k);
  // `"prototype":1` is shorter than `"unknown":…`, but shown to a Java team it reads as a prototype-pollution report;
  // `"":…` is shorter still, and reads as a riddle (hug probe).
  // `"TYPE"` beside `"type"` is an unknown member to the spec, and a second bug to stacks that fold case (go-restful).
  const caseTwin = keys.some((k) => keys.some((o) => o !== k && o.toLowerCase() === k.toLowerCase()));
  // `_method: DELETE` is shorter than the plain unknown member, and reads as a method-override bug (fastify-zod probe).
  const reserved = keys.some((k) => RESERVED_NAMES.includes(k));
  const objectModel =
    caseTwin || reserved || keys.some((k) => k === '' || k === 'prototype' || k in Object.prototype) ? 1 : 0;
  // `{"brand":null,…}` shown for a refusal of a missing `properties` read as "null brand refused" (h3 with valibot).
  const nulls = entries.filter(([, v]) => v === null).length;
  // The required members only is where a reader starts: `{"brand":…,"type":"EV"}` (valid/enum/type/EV) is shorter than
  // the minimal request's Battery, and sent a reader to the enum (ts-rest probe).
  const minimal = c.label === MINIMAL_LABEL ? 0 : 1;
  return [raw, created, query, edge, media, ascii, objectModel, minimal, nulls, keys.length, body.length];
}

/** True when `a` is plainer than `b` (see `plainness`). */
export function plainer(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** The words a slip's core holds after `slip ` (`received 201 | response-schema-conformance slip …`). */
export function slipIn(core: string): string | undefined {
  const i = core.indexOf(' slip ');
  return i < 0 ? undefined : core.slice(i + ' slip '.length);
}

/** `{}`: what a writer makes of a null it keeps as an empty list (R's jsonlite). */
function isEmptyObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
}

/** The slip of a writer that has no null for a string. */
const NULLS_AS_EMPTY = 'nulls written as empty strings';

/**
 * What a serializer did to an answer's value that it does to every value of the kind (a naming policy, a format
 * string): an enum member in another letter case or as a number, a uuid without hyphens, in braces or as a URN, an id
 * as a number (an ORM's auto-increment key: the request's id and its entity's, Sails probe), null as `{}`, a value
 * boxed in an array of one (R's jsonlite, plumber probe), a string that reads as a number written as one. Such a slip at several places is one bug; undefined for any
 * other failure.
 */
export function slipOf(f: Pick<Failure, 'check' | 'kind' | 'rule' | 'received' | 'documented'>): string | undefined {
  // A nullable member written by a non-nullable string (Go's `string`, a column NOT NULL DEFAULT ''): "" for every null,
  // in plain strings and uuids alike (gin probe: four problems, two of them a uuid's format).
  if (f.check.startsWith('echo-') && f.kind === 'echo-mismatch' && f.received === '' && f.documented === null)
    return NULLS_AS_EMPTY;
  if (f.check !== 'response-schema-conformance' || f.kind !== 'schema-violation') return undefined;
  const v = f.received;
  const d = f.documented !== null && typeof f.documented === 'object' ? (f.documented as Record<string, unknown>) : {};
  const allowed = Array.isArray(d['allowedValues']) ? (d['allowedValues'] as unknown[]) : undefined;
  if (f.rule.endsWith('/enum') && allowed !== undefined) {
    if (typeof v === 'number') return 'enum members written as numbers';
    if (typeof v === 'string' && allowed.some((a) => typeof a === 'string' && a.toLowerCase() === v.toLowerCase()))
      return 'enum members in another letter case';
  }
  if (f.rule.endsWith('/format') && d['format'] === 'uuid' && typeof v === 'string') {
    if (/^[0-9a-f]{32}$/i.test(v)) return 'uuids without hyphens';
    if (/^\{[0-9a-f-]{36}\}$/i.test(v)) return 'uuids in braces';
    if (/^urn:uuid:/i.test(v)) return 'uuids as URNs';
    // No valid request carries an empty uuid: the answer wrote one where null or nothing was sent.
    if (v === '') return NULLS_AS_EMPTY;
  }
  if (/\/properties\/id\/type$/.test(f.rule) && d['type'] === 'string' && typeof v === 'number')
    return 'ids written as numbers';
  if (f.rule.endsWith('/type')) {
    // R's jsonlite writes NULL as {} (null = "list") and boxes every value (auto_unbox off): 14 and 20 problems.
    const types = [d['type']].flat().join(',');
    if (!types.includes('object') && isEmptyObject(v)) return 'nulls written as {}';
    if (!types.includes('array') && Array.isArray(v) && v.length === 1) return 'values boxed in arrays of one';
    // A string that reads as a number, written as one (a Perl scalar compared with `==`: Mojolicious probe, six fields).
    if (types.includes('string') && !/number|integer/.test(types) && typeof v === 'number')
      return 'numbers where strings are due';
  }
  return undefined;
}
