import type { AuthMode, CaseKind, TestCase, Violation } from './case.ts';

/** A case before it has an id and a phase. */
export type Draft = Omit<TestCase, 'id' | 'phase' | 'counterexamplePath'>;

export interface DraftOptions {
  readonly contentType: string | undefined;
  readonly method?: string;
  readonly auth?: AuthMode;
  readonly violation?: Violation;
}

/** A draft with a body; `value` is the body parsed back when it is JSON, so it is exactly what the bytes say. */
export function draft(kind: CaseKind, label: string, body: string | undefined, o: DraftOptions): Draft {
  let parsed: { value: unknown } | undefined;
  if (body !== undefined && body !== '') {
    try {
      parsed = { value: JSON.parse(body) };
    } catch {
      parsed = undefined;
    }
  }
  return {
    kind,
    label,
    method: o.method ?? 'POST',
    contentType: o.contentType,
    body,
    ...(parsed ? { value: parsed.value } : {}),
    auth: o.auth ?? 'valid',
    ...(o.violation ? { violation: o.violation } : {}),
  };
}

/** A case from a draft. */
export function toCase(d: Draft, id: string, phase: TestCase['phase'], counterexamplePath?: string): TestCase {
  return { id, phase, ...d, ...(counterexamplePath !== undefined ? { counterexamplePath } : {}) };
}

/** The class a label counts under in `Plan.byClass`: `valid`, `invalid/<keyword>`, `malformed`, `empty-body`, `auth`, `media`, `method`. */
export function labelClass(label: string): string {
  const [head = label, second] = label.split('/');
  return head === 'invalid' && second !== undefined ? `${head}/${second}` : head;
}
