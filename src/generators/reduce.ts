/**
 * Reducing a boundary case: the example of a problem the boundary phase found is sent again with one member or element
 * of its body left out at a time, outermost first, while it still shows the problem, so that the report's example is
 * the smallest body that shows it, as a random case's is after fast-check's shrinking. Every smaller body is certified
 * as the case was (a valid body stays valid, an invalid one keeps exactly its violation) before it is sent.
 */
import type { Validators } from '../validators/index.ts';
import type { TestCase } from './case.ts';
import { certifyInvalid, certifyValid } from './certify.ts';

/** Bodies longer than this are the point of their class (64 KiB strings, nesting 10,000 deep): never reduced. */
const MAX_REDUCIBLE = 8 * 1024;

/**
 * True for a boundary case whose body the reducer may change: JSON sent by the HTTP client (not written byte by
 * byte), valid or with one schema violation, and written as `JSON.stringify` writes its value, so that a class about
 * how the text is written (whitespace, escapes, number forms, a repeated member) is never rewritten.
 */
export function reducible(c: TestCase): boolean {
  if (c.phase !== 'boundary' || c.wire !== undefined || c.contentType === undefined) return false;
  if (c.kind !== 'valid' && c.kind !== 'schema-violation') return false;
  if (c.body === undefined || c.body.length > MAX_REDUCIBLE || !('value' in c)) return false;
  return JSON.stringify(c.value) === c.body;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Where a member or element sits: the keys and indexes from the body down to it. */
type Path = readonly (string | number)[];

function isContainer(v: unknown): v is Json[] | { [k: string]: Json } {
  return v !== null && typeof v === 'object';
}

/** Every member and element of `v`, outermost first (breadth first): each one a removal to try. */
function removals(v: Json): Path[] {
  const out: Path[] = [];
  let level: { path: Path; value: Json }[] = [{ path: [], value: v }];
  while (level.length > 0) {
    const next: typeof level = [];
    for (const { path, value } of level) {
      if (!isContainer(value)) continue;
      const entries: [string | number, Json][] = Array.isArray(value)
        ? value.map((x, i) => [i, x])
        : Object.entries(value);
      for (const [k, child] of entries) {
        out.push([...path, k]);
        next.push({ path: [...path, k], value: child });
      }
    }
    level = next;
  }
  return out;
}

/** `v` without the member or element at `path` (a copy along the path, the rest shared). */
function without(v: Json, path: Path): Json {
  if (!isContainer(v) || path.length === 0) return v;
  const [k, ...rest] = path;
  if (Array.isArray(v)) {
    const i = Number(k);
    return rest.length === 0 ? v.filter((_, j) => j !== i) : v.map((x, j) => (j === i ? without(x, rest) : x));
  }
  const key = String(k);
  // Object.fromEntries defines own members: an assignment would make a `__proto__` member the copy's prototype.
  const kept = Object.entries(v).filter(([name]) => name !== key || rest.length > 0);
  return Object.fromEntries(kept.map(([name, x]) => [name, name === key ? without(x, rest) : x]));
}

/**
 * The smallest form of a reducible boundary case that `stillFails` says shows its problem: members and elements left
 * out one at a time, outermost first, each kept when the problem shows without it. At most `maxAttempts` calls to
 * `stillFails`; a removal refused once is not tried again. Returns the case itself when nothing smaller shows it.
 */
export async function reduceCase(
  c: TestCase,
  validators: Validators,
  stillFails: (c: TestCase) => Promise<boolean>,
  maxAttempts: number,
): Promise<TestCase> {
  if (!reducible(c)) return c;
  const contentType = c.contentType ?? '';
  const certified = (body: string) =>
    c.kind === 'valid'
      ? certifyValid(validators, contentType, body)
      : c.violation !== undefined && certifyInvalid(validators, contentType, body, c.violation);
  let best = c;
  let value = c.value as Json; // reducible: the body is JSON.stringify of this value, so it is JSON
  const refused = new Set<string>();
  let attempts = 0;
  let changed = true;
  while (changed && attempts < maxAttempts) {
    changed = false;
    for (const path of removals(value)) {
      const key = JSON.stringify(path);
      if (refused.has(key)) continue;
      const smaller = without(value, path);
      const body = JSON.stringify(smaller);
      if (!certified(body)) continue;
      if (attempts++ >= maxAttempts) break;
      const candidate: TestCase = { ...best, body, value: smaller };
      if (await stillFails(candidate)) {
        best = candidate;
        value = smaller;
        changed = true;
        break;
      }
      refused.add(key);
    }
  }
  return best;
}
