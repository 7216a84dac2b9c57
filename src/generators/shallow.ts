/**
 * JSON values cut to a depth that every writer can serialise: a body may nest 10,000 levels (RFC 8259 §9 sets no
 * limit, and the depth cases send that), and JSON.stringify recurses, so a report showing such a value whole would
 * overflow the stack. Findings and evidence keep the first levels and a marker where the rest was.
 */

/** Levels kept: far beyond any value a person reads in a report, far within the stack. */
export const SHOWN_DEPTH = 64;

/** The marker in place of what lies deeper than `SHOWN_DEPTH`. */
export const TOO_DEEP = `… (nested deeper than ${SHOWN_DEPTH} levels)`;

/** `value` with every container deeper than `depth` levels replaced by `TOO_DEEP`; the value itself when shallow enough. */
export function shallow(value: unknown, depth = SHOWN_DEPTH): unknown {
  return deeperThan(value, depth) ? cut(value, depth) : value;
}

// Iterative: the test must not recurse over what it tests.
function deeperThan(value: unknown, depth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= depth) return true;
    for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
  return false;
}

// Recursion bounded by `depth`.
function cut(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth === 0) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((x) => cut(x, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, cut(x, depth - 1)]));
}
