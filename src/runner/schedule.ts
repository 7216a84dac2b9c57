// The order cases are sent in: breadth first, so that any prefix of a run (a budget, a time limit, Ctrl-C) covers as
// much of the verdict profile as it can. The generators make the cases; the runner decides when each is sent.
import type { Check } from '../checks/types.ts';
import type { TestCase } from '../generators/case.ts';
import type { Plan } from '../generators/index.ts';
import { DIMENSIONS } from '../generators/space/index.ts';
import { matchMediaType, parseMediaType } from '../validators/media-type.ts';

/** The valid case that sends every field, so that every echo check judges something (`boundary.ts`). */
const RICHEST_VALID = 'valid/all-fields';

/** The classes that vary another class's behaviour (`RequestClass.variantOf`): their first case waits for pass 2. */
const VARIANTS: ReadonlySet<string> = new Set(
  DIMENSIONS.flatMap((d) => d.classes)
    .filter((c) => c.variantOf !== undefined)
    .map((c) => c.label),
);

/**
 * The message apart from its body: method and header fields (a raw case's own list, else its Content-Type and
 * credentials), as one key. A class whose cases differ in it tests the server's header parsing, case by case.
 */
export function headerOf(c: TestCase): string {
  return JSON.stringify(c.wire ? [c.method, c.wire.headers, c.wire.framing] : [c.method, c.contentType, c.auth]);
}

/**
 * The boundary phase reordered, each round in plan order: (1) one case for each check and each verdict-table row
 * (case kind) not yet covered, the valid case with every field first; (2) a pass over the request-space classes
 * (`src/generators/space/`) taking the next case of every class but the variants of another (`variantOf`) and the
 * advisory classes the first round reached, so that every behaviour, new ones included, is reached early; (3) a valid
 * case in each request media type the operation declares (OpenAPI 3.0.4 Request Body Object, `content`: each is an
 * alternative the server must take); (4) a second pass: the classes whose cases differ in their header fields first
 * (each such case is another branch of a hand-written parser, where a body class's next case is one more value through
 * the same schema validator), then the rest, giving each class with fewer than two cases sent its second: error
 * classes only (an advisory class's departure is a warning, so its second case waits); then the variants' first
 * cases; (5) one case for each schema constraint with each violation kind (rule × keyword); (6) further passes over
 * the classes until every case is sent. Deterministic: the boundary phase does not depend on the seed, and neither does this order.
 */
function breadthFirst(cases: readonly TestCase[], checks: readonly Check[], mediaTypes: readonly string[]): TestCase[] {
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
  // A variant of another class covers no row or check here: the class it varies does, first (a trailer's chunked body
  // read to the close would otherwise be the first case of the checks that read to the close).
  round((c) =>
    VARIANTS.has(c.class ?? '')
      ? []
      : [`row:${c.kind}`, ...checks.filter((k) => k.applies(c)).map((k) => `check:${k.name}`)],
  );
  // The cases of each class in plan order (a case without a class is a class of its own).
  const queues = new Map<string, TestCase[]>();
  for (const c of cases) {
    const key = c.class ?? c.label;
    const queue = queues.get(key);
    if (queue) queue.push(c);
    else queues.set(key, [c]);
  }
  const pass = (
    classes: Iterable<readonly TestCase[]> = queues.values(),
    admit: (queue: readonly TestCase[], next: TestCase) => boolean = () => true,
  ) => {
    for (const queue of classes) {
      const next = queue.find((c) => !taken.has(c));
      if (next && admit(queue, next)) take(next);
    }
  };
  // An advisory class reached in the first round has its case: its second waits, as below.
  pass(
    undefined,
    (queue, next) =>
      !VARIANTS.has(queue[0].class ?? '') && !(next.advisory !== undefined && queue.some((c) => taken.has(c))),
  );
  // The plain case of each declared media type, not a variant's (a chunked body in it waits, as its class does); a
  // range (`application/*+json`) is reached by any type it covers (OpenAPI 3.0.4 §4.8.14).
  round((c) => {
    const media = c.kind === 'valid' && !VARIANTS.has(c.class ?? '') ? parseMediaType(c.contentType) : undefined;
    return media ? [`media:${matchMediaType(media, mediaTypes) ?? media.essence}`] : [];
  });
  const all = [...queues.values()];
  const variants = new Set(all.filter((q) => VARIANTS.has(q[0].class ?? '')));
  const byHeader = new Set(all.filter((q) => !variants.has(q) && new Set(q.map(headerOf)).size > 1));
  pass([...byHeader, ...all.filter((q) => !byHeader.has(q) && !variants.has(q)), ...variants], (queue, next) => {
    const sent = queue.filter((c) => taken.has(c)).length;
    return sent === 0 || (next.advisory === undefined && sent < 2);
  });
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
        boundary ??= breadthFirst(generated, checks, plan.mediaTypes);
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
