// Problems, not symptoms: the distinct failures of a run grouped by cause (`cause.ts`): the check, its rule, the answer
// and the class of request or field it concerns; what they are called, ordered and joined across shards.
import { writeJson } from '../generators/json-writer.ts';
import { shallow } from '../generators/shallow.ts';
import type { Failure } from '../checks/types.ts';
import { coreOf, isStatusFailure, RANDOM_SCOPE, SERVER_ERROR, slipIn } from './cause.ts';
import {
  COMES_AND_GOES_SCOPE,
  CREDENTIALS_SCOPE,
  EVERY_SCOPE,
  METHODS_TAKEN_SCOPE,
  notAcceptableCore,
  redirectCore,
  sameAnswerCore,
} from './run-wide.ts';
import { isTriggerScope } from './trigger.ts';
import type { CaseRecord, ReportedFailure, ReportedProblem } from './model.ts';

/** What a problem is made of, in a stable order: each failure as `check kind rule`. */
export function problemParts(failures: readonly Pick<Failure, 'check' | 'kind' | 'rule'>[]): string[] {
  return [...new Set(failures.map((f) => `${f.check} ${f.kind} ${f.rule}`))].sort();
}

/** The answer as a problem names it: the status, or the transport error kind. */
export function answerOf(ex: {
  readonly response?: { readonly status: number } | null;
  readonly error?: { readonly kind: string };
}): string {
  return ex.response ? String(ex.response.status) : (ex.error?.kind ?? 'no-answer');
}

const STATUS_KINDS = new Set(['unexpected-status', 'undocumented-status']);

function shown(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => shown(x)).join(' or ');
  // writeJson: no recursion (the request space nests 10,000 levels), and a number beyond the double range sent as
  // 1e400 is shown as Infinity, as the checks' messages say, not as JSON.stringify's null.
  const s = typeof v === 'string' ? v : writeJson(v, true);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/**
 * Two long values shown where they differ: each cut to the same window around their first difference, so that a
 * number read as a double 300 digits in, or a null dropped deep inside, does not show as two equal 80-character
 * prefixes (Gson probe). Short values, or values that differ within what `shown` keeps, are shown as `shown` shows them.
 */
function apart(a: string, b: string): [string, string] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i < 60 || (a.length <= 80 && b.length <= 80)) return [shown(a), shown(b)];
  const from = i - 30;
  const cut = (s: string) => `…${s.slice(from, from + 78)}${s.length > from + 78 ? '…' : ''}`;
  return [cut(a), cut(b)];
}

/** A JSON pointer as people read a field: `/data/entity/collectiveId` → `data.entity.collectiveId`. */
function fieldName(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** The value at a JSON pointer of a JSON text, iteratively (a body may nest 10,000 levels); undefined when absent. */
export function valueAt(json: string | null, pointer: string): unknown {
  if (json === null) return undefined;
  let node: unknown;
  try {
    node = JSON.parse(json);
  } catch {
    return undefined;
  }
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  // Shown in evidence: a value nested 10,000 deep would overflow JSON.stringify.
  return shallow(node);
}

/** `collectiveId, owner` or `a, b and 3 more`. */
function fieldList(at: readonly string[], most = 3): string {
  const names = at.map(fieldName);
  if (names.length <= most) return names.join(', ');
  return most === 0 ? `${names.length} fields` : `${names.slice(0, most).join(', ')} and ${names.length - most} more`;
}

/** A title naming fields: as many names as fit, so that what follows them (what went wrong) is never cut. */
function withFields(at: readonly string[], title: (fields: string) => string): string {
  for (const most of [3, 2, 1, 0]) {
    const t = title(fieldList(at, most));
    if (t.length <= 160) return t;
  }
  return cut(title(fieldList(at, 0)));
}

/** The classes a problem was seen in, the example's first: `valid/string/long-256` or `auth/none and 2 more classes`. */
function classList(classes: readonly string[], first: string | undefined): string {
  const shown = first !== undefined && classes.includes(first) ? first : classes[0];
  return classes.length > 1 ? `${shown} and ${classes.length - 1} more classes` : (shown ?? '');
}

/** A title at most 160 characters long, cut before its closing parenthesis (the check and the answer), never in it. */
function cut(t: string): string {
  if (t.length <= 160) return t;
  const i = t.lastIndexOf(' (');
  const tail = i > 0 && t.endsWith(')') && t.length - i <= 80 ? t.slice(i) : '';
  return `${t.slice(0, 159 - tail.length)}…${tail}`;
}

/** What a rule asks, in words: `format uuid`, `enum`, `type string`, `required`. */
function ruleWords(rule: string, value: unknown): string {
  const keyword = rule.slice(rule.lastIndexOf('/') + 1);
  return typeof value === 'string' ? `${keyword} ${value}` : keyword;
}

/** The problem's parts, as the tally and the report keep them. */
type Describable = {
  /** What the provider did (`Cause.core`): a serializer's slip is named by it. */
  readonly core?: string;
  readonly received: string;
  readonly scope: string;
  readonly failures: readonly Pick<Failure, 'check' | 'kind' | 'message' | 'documented' | 'rule' | 'received'>[];
  /** The example's failures, when the tally kept them: an echo's due value is the example's (the value it sent). */
  readonly exampleFailures?: readonly Pick<Failure, 'check' | 'documented'>[];
  readonly at: ReadonlySet<string> | readonly string[];
  readonly classes: ReadonlySet<string> | readonly string[];
};

/**
 * The title and the due answer of a problem, naming the field and the rule in words:
 * `collectiveId: format uuid not enforced (201 to "not-a-uuid")`, `status 500 (server error) on valid/string/long-256`.
 */
export function describeProblem(
  p: Describable,
  example: Pick<CaseRecord, 'request'> & {
    readonly case?: Pick<CaseRecord['case'], 'label' | 'violation'>;
    readonly response?: Pick<NonNullable<CaseRecord['response']>, 'body'> | null;
  },
  ruleValue: (pointer: string) => unknown = () => undefined,
): { title: string; due: string } {
  const { received, failures } = p;
  const at = [...p.at].sort();
  const classes = [...p.classes].sort();
  // The due answer is the example's, as the example's own status line says (a refusable case's 201 or 400 seen first
  // made "201 or 400" the title of a problem shown with a request only 201 was due to).
  const [primary] = failures;
  // A status problem's due answer is a status: an accepted request's 201 also fails the response schema, whose
  // `{"type":"string"}` is no due answer of the title's status (fasthttp probe).
  const source = p.exampleFailures ?? failures;
  const statuses = source.filter((f) => isStatusFailure(f) && f.documented !== undefined);
  const documented = (primary !== undefined && isStatusFailure(primary) && statuses.length > 0 ? statuses : source)
    .map((f) => f.documented)
    .filter((d) => d !== undefined)
    .sort((a, b) => (Array.isArray(a) ? a.length : 1) - (Array.isArray(b) ? b.length : 1));
  // An echo's due value is the value sent: quoted, so that white space shows, and absent ≡ null as the check reads it.
  const echo = primary?.check.startsWith('echo-') === true;
  const dueOf = (v: unknown) =>
    !echo
      ? shown(v)
      : v === null
        ? 'absent or null'
        : // An array sent is one value, not alternatives: `[1,"a"]`, never `1 or a`.
          typeof v === 'string' || Array.isArray(v)
          ? shown(writeJson(v, true))
          : shown(v);
  // An echo's due value is what the example sent, so that the title's and the example's agree.
  const exampleDue = echo ? p.exampleFailures?.find((f) => f.check === primary?.check)?.documented : undefined;
  const due = exampleDue !== undefined ? dueOf(exampleDue) : documented.length ? dueOf(documented[0]) : '';
  if (!primary) return { title: `received ${received}`, due };
  // One slip at several places of the answer (every enum in camel case): the slip, then where (src/report/cause.ts).
  const slip = p.core === undefined ? undefined : slipIn(p.core);
  if (slip !== undefined && at.length)
    return {
      title: withFields(at, (f) => `${f}: ${slip} (${received})`),
      due: 'each value as the schema writes it',
    };
  if (primary.check === 'invalid-is-rejected' && /^2\d\d$/.test(received) && at.length) {
    const value = valueAt(example.request.body, example.case?.violation?.instancePath ?? at[0]);
    // A value sent is one JSON value: a string quoted, an array as an array (shown() lists alternatives with `or`).
    const sent =
      value === undefined
        ? ''
        : typeof value === 'string' || Array.isArray(value)
          ? ` to ${shown(JSON.stringify(value))}`
          : // `201 to 0` read as a riddle (NestJS probe): a bare number, boolean or object says it is the value sent.
            ` to the value ${shown(value)}`;
    // A null taken where the type has no null (nullable: false) reads as what it is, not as a type check skipped.
    const words = ruleWords(primary.rule, ruleValue(primary.rule));
    const what =
      value === null && primary.rule.endsWith('/type') ? `null accepted, not nullable (${words})` : undefined;
    return {
      title: withFields(at, (f) => `${f}: ${what ?? `${words} not enforced`} (${received}${what ? '' : sent})`),
      due,
    };
  }
  // A violation of the body as a whole (an unknown member, a required one missing, not an object): the rule in words,
  // as for a field's, with the classes it was seen in.
  if (primary.check === 'invalid-is-rejected' && /^2\d\d$/.test(received) && example.case?.violation !== undefined)
    return {
      title: cut(
        `${ruleWords(primary.rule, ruleValue(primary.rule))} not enforced (${received} to ${classList(classes, example.case.label)})`,
      ),
      due,
    };
  // Merged by what its requests carried (src/report/trigger.ts): that first, then the classes.
  const on = isTriggerScope(p.scope)
    ? `${p.scope} (${classList(classes, example.case?.label)})`
    : classList(classes, example.case?.label);
  if (primary.check === 'not-a-server-error')
    return {
      title: cut(
        p.scope === COMES_AND_GOES_SCOPE
          ? `status ${received} (server error) that came and went: not again when sent alone (${on})`
          : `status ${received} (server error) on ${on}`,
      ),
      due,
    };
  if (primary.check === 'response-is-received') return { title: cut(`no answer (${received}) on ${on}`), due };
  // The request type is the operation's constant, not a value sent: its own message says what was due.
  if (primary.check.startsWith('echo-') && primary.check !== 'echo-request-type' && at.length) {
    // None (or null) sent and a value back (a default, a coercion to "") is not a changed value: the title says which.
    // A value of another JSON type (an object stored as text and echoed as the string "{}") says so: the title's due
    // `{}` and the string `"{}"` look alike at a glance. The type is the bug's, the same in every run.
    const sentType = jsonType(primary.documented);
    const gotType = jsonType(primary.received);
    // Inside an object or an array the same: `{"n":"Infinity"}` for `{"n":1e400}` (Jackson) is a string for a number.
    const inner =
      primary.kind === 'echo-mismatch' && gotType === sentType
        ? innerTypes(primary.documented, primary.received)
        : undefined;
    const what =
      primary.kind === 'echo-dropped'
        ? 'the value sent left out of the answer'
        : primary.documented === null
          ? 'a value where null or nothing was sent'
          : primary.kind === 'echo-mismatch' && primary.received != null && gotType !== sentType
            ? `${gotType} where ${sentType} was sent`
            : inner !== undefined
              ? `${inner.got} where ${inner.sent} was sent, inside it`
              : 'not the value sent';
    return { title: withFields(at, (f) => `${f}: ${what} (${primary.check}, ${received})`), due };
  }
  // Valid, invalid and other requests alike: the credentials, not what each request was due (`mergeRefusedCredentials`).
  if (p.scope === CREDENTIALS_SCOPE)
    return {
      title: cut(`the run’s credentials refused: status ${received} to the requests that carried them`),
      // The example is a valid request (the plainest), to which 201 is due; no field is to blame.
      due: '201',
    };
  // Every answer alike: a layer in front of the operation, whatever each request was due (a Host check, a gateway).
  if (p.scope === EVERY_SCOPE && p.core !== undefined && p.core === sameAnswerCore(received)) {
    return {
      title: cut(
        `every request on the operation’s path answered ${received}, whatever it was due: a Host check, a gateway or a misconfiguration in front of the operation?`,
      ),
      due,
    };
  }
  // A success and refusals of the content to other methods: the operation's handler answered them (`app.all`).
  if (p.scope === METHODS_TAKEN_SCOPE)
    return {
      title: cut(
        `other methods reach the operation’s handler (one answered with a success, where ${due || '405'} is due; ${classList(classes, example.case?.label)}): a route bound to every method?`,
      ),
      due,
    };
  if (STATUS_KINDS.has(primary.kind) && due) {
    const where = isTriggerScope(p.scope)
      ? ` on ${on}`
      : p.scope
        ? ` (${at.length ? `${fieldList(at)}, ` : ''}${classList(classes, example.case?.label)})`
        : '';
    // A size limit reads as a validation bug unless the title says what 413 is (the failures say when it is accepted).
    // And a redirect reads as a wrong status unless it says it is one (gorilla/mux's StrictSlash probe).
    const limit =
      received === '413'
        ? ' (content too large; the spec sets no size limit)'
        : redirectCore(received) !== undefined
          ? ' (a redirect)'
          : notAcceptableCore(received) !== undefined
            ? ' (not acceptable: a refusal of the Accept field)'
            : '';
    // A success with nothing in it is what a writer that failed after the status sends (go-restful's pretty-printer
    // on +Inf): the title says so, not only the answer below it.
    const empty = /^2\d\d$/.test(received) && example.response?.body === '' ? ' (an empty body)' : '';
    return { title: cut(`status ${received}${empty}${limit} where ${due} is due${where}`), due };
  }
  return { title: cut(primary.message), due };
}

/** Most cases first, then by signature: the same problems come in the same order in every run. */
export function orderProblems<T extends Pick<ReportedProblem, 'cases' | 'signature'>>(problems: readonly T[]): T[] {
  return [...problems].sort((a, b) => b.cases - a.cases || (a.signature < b.signature ? -1 : 1));
}

/** What a problem explains, as `check kind rule`: its `parts`, or (older reports) its signature's. */
export function partsOf(p: Pick<ReportedProblem, 'signature' | 'parts'>): string[] {
  return p.parts ? [...p.parts] : p.signature.split(' | ').slice(1);
}

/** The unwaived distinct failures a problem groups: its parts, in its classes. */
function failuresOf(
  p: Pick<ReportedProblem, 'signature' | 'classes' | 'parts'>,
  failures: readonly ReportedFailure[],
): string[] {
  const parts = new Set(partsOf(p));
  const classes = new Set(p.classes);
  return failures
    .filter((f) => !f.waivedBy && classes.has(f.case.label) && parts.has(`${f.check} ${f.kind} ${f.rule}`))
    .map((f) => f.id);
}

function joined(a: ReportedProblem, b: ReportedProblem): ReportedProblem {
  const at = [...new Set([...(a.at ?? []), ...(b.at ?? [])])].sort();
  const parts = [...new Set([...partsOf(a), ...partsOf(b)])].sort();
  return {
    ...a,
    cases: a.cases + b.cases,
    classes: [...new Set([...a.classes, ...b.classes])].sort(),
    ...(at.length ? { at } : {}),
    ...(a.parts ? { parts } : {}),
  };
}

/**
 * The problems of shards joined by signature: cases summed, classes united, the first shard's example; a shard's
 * problem `in random cases` counts under another shard's problem of the same core, as within one run.
 */
export function mergeProblems(
  lists: readonly (readonly ReportedProblem[] | undefined)[],
  failures: readonly ReportedFailure[],
): ReportedProblem[] {
  const bySig = new Map<string, ReportedProblem>();
  for (const p of lists.flatMap((l) => l ?? [])) {
    const seen = bySig.get(p.signature);
    bySig.set(p.signature, seen ? joined(seen, p) : p);
  }
  const cores = new Map<string, string>();
  for (const p of [...bySig.values()].sort((a, b) => (a.signature < b.signature ? -1 : 1)))
    if (p.scope !== RANDOM_SCOPE && !cores.has(coreOf(p.signature))) cores.set(coreOf(p.signature), p.signature);
  for (const p of [...bySig.values()]) {
    const into = p.scope === RANDOM_SCOPE ? cores.get(coreOf(p.signature)) : undefined;
    if (into === undefined) continue;
    bySig.set(into, joined(bySig.get(into)!, p));
    bySig.delete(p.signature);
  }
  return orderProblems([...bySig.values()]).map((p, i) => ({
    ...p,
    id: `P${i + 1}`,
    failures: failuresOf(p, failures),
  }));
}

/**
 * What a problem's example got on a connection of its own where that differs (`ReportedProblem.freshConnection`), in
 * words: the run's answer came from what was before it on its connection, which its curl line does not send.
 */
export function freshNote(p: Pick<ReportedProblem, 'freshConnection' | 'received'>): string | undefined {
  if (p.freshConnection === undefined) return undefined;
  const why =
    p.received === 'timeout'
      ? 'it likely waited behind another request the server was busy with (one that blocks its event loop or its workers)'
      : SERVER_ERROR.test(p.received)
        ? 'the server error comes and goes (a race, a resource running out, every nth request) or depended on what came before it on its connection (a body left unread, a buffer not reset)'
        : 'the answer likely depended on what came before it on its connection (a body left unread, a buffer not reset, a per-connection cache)';
  return `sent again alone on a connection of its own, this request got ${p.freshConnection}, not ${p.received}: ${why}, so its curl line may not show the problem`;
}

/**
 * A problem's classes as a report lists them: its example's first, then the others in order. Sorted by name alone, a
 * list of every valid request's classes began with `malformed/comment` and `media/undecodable/br` (advisory classes
 * a server took for valid ones), where the example was `valid/minimal` (plumber and Tomcat probes).
 */
export function shownClasses(p: Pick<ReportedProblem, 'classes' | 'example'>): string[] {
  const first = p.example.case.label;
  return p.classes.includes(first) ? [first, ...p.classes.filter((c) => c !== first)] : [...p.classes];
}

/** How far a problem reaches, for people: `140 cases in 70 classes`. */
export function problemScope(p: Pick<ReportedProblem, 'cases' | 'classes'>): string {
  const classes = p.classes.length;
  return `${p.cases} case${p.cases === 1 ? '' : 's'} in ${classes} class${classes === 1 ? '' : 'es'}`;
}

/** A JSON value's type in words, with its article: `an object`, `a string`, `null`. */
function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * The JSON types of the first member or item, in document order, that the echo gives another type than was sent (both
 * present, neither null); undefined when none does. Walked with a stack, 64 levels at most: values may nest deep.
 */
function innerTypes(sent: unknown, got: unknown): { sent: string; got: string } | undefined {
  const stack: [unknown, unknown, number][] = [[sent, got, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [a, b, depth] = item;
    if (a === null || b === null || a === undefined || b === undefined) continue;
    if (jsonType(a) !== jsonType(b)) return { sent: jsonType(a), got: jsonType(b) };
    if (typeof a !== 'object' || depth >= 64) continue;
    // Both are objects or both arrays here (their types are equal): indexing either by its own keys is safe.
    const keys = Object.keys(a).reverse();
    for (const k of keys) stack.push([(a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1]);
  }
  return undefined;
}

/** Whether a problem's due answer is a status (`201`, `401 or 403`), not a value (an echo's, a schema keyword). */
function dueIsStatus(due: string): boolean {
  return /^\d{3}( or \d{3})*$/.test(due);
}

/** What broke, for people: the title, with the answer when the title does not say it already. */
export function problemHeadline(p: Pick<ReportedProblem, 'title' | 'received' | 'due'>): string {
  if (p.title.startsWith(`status ${p.received} `)) return p.title;
  // A title that says the answer already (`400 answered with Content-Type …`, `no answer (timeout) on …`) is not told
  // it again, nor a due value it names (`Documented: application/json`): a CherryPy probe read both twice.
  const saysAnswer =
    p.title.startsWith(`${p.received} `) ||
    p.title.includes(`(${p.received})`) ||
    p.title.includes(`(${p.received} to `);
  const due = p.due && !p.title.includes(p.due) ? p.due : '';
  // A due status reads as one; a due value must not read as a status.
  if (due && !dueIsStatus(due))
    return saysAnswer ? `${p.title} (expected ${due})` : `${p.title} (status ${p.received}; expected ${due})`;
  if (saysAnswer) return due ? `${p.title} (due ${due})` : p.title;
  return `${p.title} (received ${p.received}${due ? `, due ${due}` : ''})`;
}

/** The rules a problem breaks, each with its check: `status-is-allowed /paths/…/responses`. */
export function problemRules(p: Pick<ReportedProblem, 'signature' | 'parts'>): string[] {
  return [...new Set(partsOf(p).map((x) => x.replace(/^(\S+) \S+ /, '$1 ')))];
}

/** The ids of a problem's distinct failures, the first `max` of them: `F1, F2, F3 and 40 more`. */
export function problemDetails(p: Pick<ReportedProblem, 'failures'>, max = 8): string {
  if (p.failures.length === 0) return '—';
  const shown = p.failures.slice(0, max).join(', ');
  return p.failures.length > max ? `${shown} and ${p.failures.length - max} more` : shown;
}

/** The checks of values the server makes itself, which no request member is due in: ids, the creation time. */
const MADE_BY_SERVER: ReadonlySet<string> = new Set(['ids-are-assigned', 'unique-id', 'created-is-now']);

/** One piece of evidence: where in the exchange, what came, what was due. */
export interface Evidence {
  readonly where: string;
  readonly received: string;
  readonly due: string;
}

/**
 * What a problem's example shows, beside its request: the status received and due, and for each field it concerns
 * the value at that JSON path: in the answer (an echo: what came back, what was sent) or in the request (an accepted
 * violation: what was sent, and that a refusal was due).
 */
export function evidenceOf(
  p: Pick<ReportedProblem, 'received' | 'due' | 'at' | 'example'> & { readonly checks?: readonly string[] },
): Evidence[] {
  const ex = p.example;
  const out: Evidence[] = [];
  // A value the server makes (an id, the creation time) is due as its rule says, not as sent: no echo.
  const made = p.checks?.some((c) => MADE_BY_SERVER.has(c)) === true && !p.checks.some((c) => c.startsWith('echo-'));
  // The status line only for a due status: an echo's due value is shown by its field below.
  if (p.due && dueIsStatus(p.due)) out.push({ where: 'status', received: p.received, due: p.due });
  for (const at of (p.at ?? []).slice(0, 4)) {
    const answered = ex.response ? valueAt(ex.response.body, at) : undefined;
    const field = at.slice(at.lastIndexOf('/') + 1);
    if (made) {
      out.push({
        where: `answer ${fieldName(at)}`,
        received: answered === undefined ? '(absent)' : shown(writeJson(answered, true)),
        due: p.due && !dueIsStatus(p.due) ? p.due : 'another value (see the rule)',
      });
    } else if (answered !== undefined || at.startsWith('/data/')) {
      const sent = valueAt(ex.request.body, `/${field}`);
      // A field the problem names in other cases but that this example echoes as due (nothing sent, nothing back; or
      // the value sent: a text/json body read as latin1 named brand, "" sent and back, beside the pairingCode it broke).
      if (sent === undefined && (answered === undefined || answered === null)) continue;
      if (sent !== undefined && answered !== undefined && writeJson(sent, true) === writeJson(answered, true)) continue;
      const [got, sentShown] =
        answered === undefined || sent === undefined
          ? [answered === undefined ? '(absent)' : shown(writeJson(answered, true)), shown(writeJson(sent, true))]
          : apart(writeJson(answered, true), writeJson(sent, true));
      out.push({
        where: `answer ${fieldName(at)}`,
        received: got,
        due: sent === undefined ? 'absent or null' : `${sentShown} (as sent)`,
      });
    } else {
      const sent = valueAt(ex.request.body, at);
      // A valid request refused names the field its answer blamed; an invalid one accepted, the field it broke.
      const dueAccepted = /^2\d\d$/.test(p.due ?? '');
      // What the answer did with it: a 5xx neither accepted nor refused it (a crash is not an acceptance).
      // A refusal names the field, which is all the suite knows of why: "refused" read as "this value was refused" where
      // the answer said the member was missing (restify probe).
      const took = /^2\d\d$/.test(p.received)
        ? 'accepted'
        : /^4\d\d$/.test(p.received)
          ? `sent; the ${p.received} names it`
          : `answered ${p.received}`;
      // A valid example refused by an answer that does not name the field (a size limit's 413, counted with invalid
      // requests whose fields the problem lists) says nothing of that field (Bottle probe).
      const unnamed = dueAccepted && /^4\d\d$/.test(p.received) && !(ex.response?.body ?? '').includes(field);
      if (sent !== undefined && !unnamed)
        out.push({
          where: `request ${fieldName(at)}`,
          received: `${shown(writeJson(sent, true))} ${took}`,
          due: dueAccepted ? `accepted (${p.due})` : 'refused (400)',
        });
    }
  }
  return out;
}
