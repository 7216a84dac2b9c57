// The order of the cases within a class. The runner sends a class's cases one or two at a time between other
// classes' (`runner/schedule.ts`), so a request budget reaches a class's first cases only: those must be the ones
// that test another behaviour of the server, not one more value through the same branch.

/** One item of each group in turn, then the second of each, and so on: every behaviour once before any twice. */
export function interleave<T>(...groups: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (let i = 0; groups.some((g) => i < g.length); i++) for (const g of groups) if (i < g.length) out.push(g[i]);
  return out;
}

/** The items named in `leading` first, in that order; the others after them in their own order. */
export function leadingFirst<T>(items: readonly T[], leading: readonly string[], nameOf: (item: T) => string): T[] {
  const rank = (item: T) => {
    const i = leading.indexOf(nameOf(item));
    return i < 0 ? leading.length : i;
  };
  // Array#sort is stable (ES2019): the items not named keep their order.
  return [...items].sort((a, b) => rank(a) - rank(b));
}
