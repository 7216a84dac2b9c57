// What a consumer reads of an answer, recorded rather than declared: the reader runs over a proxy of the body that
// notes every field it touches. The consumer contract is derived from these reads and checked against them, so it
// asks a provider for what the client uses, no more (contracts/README.md).
import { parsePact } from './pact-file.ts';

/** A field in Pact's path notation: `$.data.entity.id`, array items as `[*]` (`$.errors[*].message`). */
export type FieldPath = string;

/**
 * Runs `read` over a recording proxy of `value` and returns its result with the fields it read: every property it
 * got or tested with `in`, present or not (reading an absent field is still relying on it), arrays by item (`[*]`).
 * Inherited members (`length`, `map`, `toString`) are not fields; enumerating an object's keys reads `path.*`.
 */
export function recordReads<T>(value: unknown, read: (value: unknown) => T): { result: T; reads: Set<FieldPath> } {
  const reads = new Set<FieldPath>();
  const result = read(watch(value, '$', reads));
  return { result, reads };
}

function watch(value: unknown, path: FieldPath, reads: Set<FieldPath>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const target = value as Record<string | symbol, unknown>;
  const child = (key: string): FieldPath | undefined => {
    if (Array.isArray(value)) return /^\d+$/.test(key) ? `${path}[*]` : undefined;
    return Object.hasOwn(target, key) || !(key in target) ? `${path}.${key}` : undefined;
  };
  return new Proxy(target, {
    get(t, key, receiver) {
      const got: unknown = Reflect.get(t, key, receiver);
      const at = typeof key === 'string' ? child(key) : undefined;
      if (at === undefined) return got;
      reads.add(at);
      return watch(got, at, reads);
    },
    has(t, key) {
      const at = typeof key === 'string' ? child(key) : undefined;
      if (at !== undefined) reads.add(at);
      return Reflect.has(t, key);
    },
    ownKeys(t) {
      reads.add(Array.isArray(value) ? `${path}[*]` : `${path}.*`);
      return Reflect.ownKeys(t);
    },
  });
}

/** Every field a JSON value holds (objects' keys, arrays' items as `[*]`), the root excepted. */
export function fieldsOf(value: unknown, path: FieldPath = '$', out = new Set<FieldPath>()): Set<FieldPath> {
  if (Array.isArray(value)) {
    for (const item of value) {
      out.add(`${path}[*]`);
      fieldsOf(item, `${path}[*]`, out);
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      out.add(`${path}.${key}`);
      fieldsOf(v, `${path}.${key}`, out);
    }
  }
  return out;
}

/**
 * `value` cut down to the fields in `keep`; objects and arrays left empty by the cut are dropped, so that the
 * result holds no field of its own that was not kept. Undefined when nothing is kept.
 */
export function keepFields(value: unknown, keep: ReadonlySet<FieldPath>, path: FieldPath = '$'): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => keepFields(v, keep, `${path}[*]`)).filter((v) => v !== undefined);
    return keep.has(`${path}[*]`) && items.length > 0 ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const at = `${path}.${key}`;
      if (!keep.has(at)) continue;
      const kept = keepFields(v, keep, at);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length > 0 || path === '$' ? out : undefined;
  }
  return value;
}

/** A disagreement between the consumer contract and what the client reads. */
export interface ReadMismatch {
  /** `unread`: the contract requires a field the client never reads; `not-held`: the client reads a field no interaction holds. */
  readonly kind: 'unread' | 'not-held';
  /** The interaction (for `unread`), or the status whose interactions hold none of it (for `not-held`). */
  readonly where: string;
  readonly field: FieldPath;
  readonly message: string;
}

/**
 * Compares a pact with what `read(status, body)` (the client's reading of an answer) touches, interaction by
 * interaction on the answers the pact records:
 * - every field an interaction's answer holds must be one the client reads of that answer (`unread` otherwise);
 * - every field the client reads of an answer of some status must be held by at least one interaction answered
 *   with that status (`not-held` otherwise): a field read only when present is fine, one that no interaction
 *   asks for is an assumption the contract does not state.
 */
export function compareReads(pactJson: unknown, read: (status: number, body: unknown) => unknown): ReadMismatch[] {
  const out: ReadMismatch[] = [];
  const readByStatus = new Map<number, Set<FieldPath>>();
  const heldByStatus = new Map<number, Set<FieldPath>>();
  for (const i of parsePact(pactJson).interactions) {
    const { status, body } = i.response;
    const held = i.response.hasBody ? fieldsOf(body) : new Set<FieldPath>();
    const { reads } = recordReads(body, (b) => read(status, b));
    for (const field of held) {
      if (!reads.has(field))
        out.push({
          kind: 'unread',
          where: i.description,
          field,
          message: `interaction "${i.description}" requires ${field}, which the client never reads`,
        });
    }
    const r = readByStatus.get(status) ?? new Set<FieldPath>();
    const h = heldByStatus.get(status) ?? new Set<FieldPath>();
    reads.forEach((f) => r.add(f));
    held.forEach((f) => h.add(f));
    readByStatus.set(status, r);
    heldByStatus.set(status, h);
  }
  for (const [status, reads] of readByStatus) {
    for (const field of reads) {
      if (!heldByStatus.get(status)?.has(field))
        out.push({
          kind: 'not-held',
          where: String(status),
          field,
          message: `the client reads ${field} of a ${status} answer, which no interaction of the contract holds`,
        });
    }
  }
  return out;
}
