// The order cases are sent in: breadth first, so that any prefix of a run (a budget, a time limit, Ctrl-C) covers as
// much of the verdict profile as it can. The generators make the cases; the runner decides when each is sent.
import type { Check } from '../checks/types.ts';
import type { TestCase } from '../generators/case.ts';
import type { Plan } from '../generators/index.ts';

/** The valid case that sends every field, so that every echo check judges something (`boundary.ts`). */
const RICHEST_VALID = 'valid/all-fields';

/**
 * The boundary phase reordered, each round in plan order: (1) one case for each check and each verdict-table row
 * (case kind) not yet covered, the valid case with every field first; (2) two passes over the request-space classes
 * (`src/generators/space/`), each taking the next case of every class, so that every class, new ones included, is
 * reached early; (3) one case for each schema constraint with each violation kind (rule × keyword); (4) further passes
 * over the classes until every case is sent. Deterministic: the boundary phase does not depend on the seed, and
 * neither does this order.
 */
function breadthFirst(cases: readonly TestCase[], checks: readonly Check[]): TestCase[] {
  const taken = new Set<TestCase>();
  const out: TestCase[] = [];
  const take = (c: TestCase) => {
    taken.add(c);
    out.push(c);
  };
  const round = (key: (c: TestCase) => readonly string[]) => {
    const seen = new Set<string>();
    for (const c of out) for (const k of key(c)) seen.add(k);
    for (const c of cases) {
      if (taken.has(c)) continue;
      const keys = key(c);
      if (!keys.some((k) => !seen.has(k))) continue;
      for (const k of keys) seen.add(k);
      take(c);
    }
  };
  const richest = cases.find((c) => c.label === RICHEST_VALID);
  if (richest) take(richest);
  round((c) => [`row:${c.kind}`, ...checks.filter((k) => k.applies(c)).map((k) => `check:${k.name}`)]);
  // The cases of each class in plan order (a case without a class is a class of its own).
  const queues = new Map<string, TestCase[]>();
  for (const c of cases) {
    const key = c.class ?? c.label;
    const queue = queues.get(key);
    if (queue) queue.push(c);
    else queues.set(key, [c]);
  }
  const pass = () => {
    for (const queue of queues.values()) {
      const next = queue.find((c) => !taken.has(c));
      if (next) take(next);
    }
  };
  pass();
  pass();
  round((c) => (c.violation ? [`${c.violation.rule}|${c.violation.keyword}`] : []));
  while (out.length < cases.length) pass();
  return out;
}

/** A plan in the order its cases are sent, and the place of each case in that order. */
export interface ScheduledPlan extends Plan {
  /** The 1-based place of a boundary or random case in the order sent (the preflight probes not counted). */
  placeOf(c: TestCase): number;
}

/** The plan with its boundary phase in breadth-first order; the random phase follows as generated. */
export function scheduled(plan: Plan, checks: readonly Check[]): ScheduledPlan {
  // The boundary phase is the same for every seed and every pass: ordered once, on the first pass.
  let boundary: readonly TestCase[] | undefined;
  let places: ReadonlyMap<string, number> | undefined;
  return {
    ...plan,
    cases() {
      return (function* () {
        const it = plan.cases()[Symbol.iterator]();
        const generated: TestCase[] = [];
        for (let i = 0; i < plan.boundaryCount; i++) {
          const next = it.next();
          if (next.done) break;
          generated.push(next.value);
        }
        boundary ??= breadthFirst(generated, checks);
        yield* boundary;
        for (let next = it.next(); !next.done; next = it.next()) yield next.value;
      })();
    },
    placeOf(c) {
      if (c.phase === 'random') return plan.boundaryCount + Number(c.id.slice(1));
      places ??= new Map((boundary ?? []).map((b, i) => [b.id, i + 1]));
      return places.get(c.id) ?? Number(c.id.slice(1));
    },
  };
}
