import type { CaseKind, TestCase, Violation, Wire } from './case.ts';
import type { AuthMode } from '../types.ts';

/** A case before it has an id and a phase. */
export type Draft = Omit<TestCase, 'id' | 'phase' | 'counterexamplePath'>;

export interface DraftOptions {
  readonly contentType: string | undefined;
  readonly method?: string;
  readonly auth?: AuthMode;
  readonly violation?: Violation;
  readonly advisory?: string;
  readonly accept?: readonly number[];
  /** The request-space class (label pattern) of a boundary case. */
  readonly class?: string;
  /** The problem family, where the label's prefix does not say it (`TestCase.family`). */
  readonly family?: string;
  /** A query string (`TestCase.query`). */
  readonly query?: string;
  /** Appended to the operation's path (`TestCase.pathSuffix`). */
  readonly pathSuffix?: string;
  /** The operation's path spelt another way (`TestCase.pathSpelling`). */
  readonly pathSpelling?: string;
  /** The label of the case whose answer this one's must agree with (`TestCase.agreeWith`). */
  readonly agreeWith?: string;
  /** The message as written byte by byte (the raw sender), when the HTTP client cannot express it. */
  readonly wire?: Wire;
  /** The HTTP layer may refuse the message before the operation sees it (`TestCase.httpLayer`). */
  readonly httpLayer?: true;
  /** Leave `value` out (random drafts are buffered by the thousand; `toCase` parses the body when it is yielded). */
  readonly lazyValue?: boolean;
}

function parsed(body: string | undefined): { value: unknown } | undefined {
  if (body === undefined || body === '') return undefined;
  try {
    return { value: JSON.parse(body) };
  } catch {
    return undefined;
  }
}

/** A draft with a body; `value` is the body parsed back when it is JSON, so it is exactly what the bytes say. */
export function draft(kind: CaseKind, label: string, body: string | undefined, o: DraftOptions): Draft {
  const p = o.lazyValue ? undefined : parsed(body);
  return {
    kind,
    label,
    method: o.method ?? 'POST',
    contentType: o.contentType,
    body,
    ...(p ? { value: p.value } : {}),
    auth: o.auth ?? 'valid',
    ...(o.violation ? { violation: o.violation } : {}),
    ...(o.advisory ? { advisory: o.advisory } : {}),
    ...(o.accept ? { accept: o.accept } : {}),
    ...(o.class ? { class: o.class } : {}),
    ...(o.family ? { family: o.family } : {}),
    ...(o.query ? { query: o.query } : {}),
    ...(o.pathSuffix ? { pathSuffix: o.pathSuffix } : {}),
    ...(o.pathSpelling ? { pathSpelling: o.pathSpelling } : {}),
    ...(o.agreeWith ? { agreeWith: o.agreeWith } : {}),
    ...(o.wire ? { wire: o.wire } : {}),
    ...(o.httpLayer ? { httpLayer: true as const } : {}),
  };
}

/** A case from a draft (its `value` parsed from the body if the draft left it out, unless `withValue` is false). */
export function toCase(
  d: Draft,
  id: string,
  phase: TestCase['phase'],
  counterexamplePath?: string,
  withValue = true,
): TestCase {
  const p = 'value' in d || !withValue ? undefined : parsed(d.body);
  return {
    id,
    phase,
    ...d,
    ...(p ? { value: p.value } : {}),
    ...(counterexamplePath !== undefined ? { counterexamplePath } : {}),
  };
}

// A case from the generation worker comes without `value` (it would cross the thread boundary twice): parse on
// demand. Coverage then the echo checks ask for the same case one after the other, so the last parse is kept.
let lastCase: TestCase | undefined;
let lastValue: { value: unknown } | undefined;

/** The JSON value a case's body says (its `value`, or the body parsed once when the case came without it). */
export function caseValue(c: TestCase): unknown {
  if ('value' in c) return c.value;
  if (c !== lastCase) {
    lastValue = parsed(c.body);
    lastCase = c;
  }
  return lastValue?.value;
}

/** The class a label counts under in `Plan.byClass`: `valid`, `invalid/<keyword>`, `malformed`, `empty-body`, `auth`, `media`, `method`. */
export function labelClass(label: string): string {
  const [head = label, second] = label.split('/');
  return head === 'invalid' && second !== undefined ? `${head}/${second}` : head;
}
