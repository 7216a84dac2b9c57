/**
 * Certified request generation for the operation under test (see ARCHITECTURE.md: generators → validators, spec).
 *
 * A run is: the preflight (certain verdicts), a deterministic boundary phase (every class of valid and invalid
 * request at least once, independent of the seed), then a seeded random phase (fast-check properties). Everything is
 * derived from the request schema and certified by the request validator on the bytes actually sent.
 */
import fc from 'fast-check';
import type { LoadedSpec } from '../spec/load.ts';
import type { Validators } from '../validators/index.ts';
import type { TestCase } from './case.ts';
import { boundaryDrafts, preflightDrafts } from './boundary.ts';
import { coverageOf, type CoverageRow } from './coverage.ts';
import { labelClass, toCase, type Draft } from './draft.ts';
import { modelFor, type RequestModel } from './model.ts';
import { propertyArbitraries, propertyKeyOf, randomCases, randomCounts } from './random.ts';
import { reduceCase } from './reduce.ts';

export type { CoverageRow } from './coverage.ts';

export interface PlanOptions {
  spec: LoadedSpec;
  validators: Validators;
  seed: number;
  /** Random cases per property (valid; invalid, spread over the invalid classes); default 100. */
  runs: number;
}

export interface Plan {
  /** Preflight: cases whose verdict is certain (a plainly invalid body; a valid body without credentials). */
  readonly preflight: readonly TestCase[];
  /** The boundary phase then the seeded random phase, generated lazily. Ids `b0001`…, `r00001`…, stable for a seed. */
  cases(): Iterable<TestCase>;
  /** How many cases `cases()` yields. */
  readonly count: number;
  /** How many of them, first, are the boundary phase (the rest is `randomPhase`). */
  readonly boundaryCount: number;
  /** Cases per class (`valid`, `invalid/<keyword>`, `malformed`, `empty-body`, `auth`, `media`, `method`), both phases. */
  readonly byClass: Readonly<Record<string, number>>;
  /** The request media types and ranges the operation declares (`requestBody.content`'s keys). */
  readonly mediaTypes: readonly string[];
}

interface Generators {
  readonly model: RequestModel;
  readonly preflight: readonly Draft[];
  readonly boundary: readonly Draft[];
  readonly arbs: Map<string, fc.Arbitrary<Draft>>;
}

const cache = new WeakMap<Validators, Generators>();

function generatorsFor(opts: Pick<PlanOptions, 'spec' | 'validators'>): Generators {
  const model = modelFor(opts.spec, opts.validators);
  let g = cache.get(opts.validators);
  if (!g || g.model !== model) {
    // The preflight and boundary drafts when first asked for: the generation worker needs only the arbitraries.
    let preflight: readonly Draft[] | undefined;
    let boundary: readonly Draft[] | undefined;
    g = {
      model,
      get preflight() {
        return (preflight ??= preflightDrafts(model));
      },
      get boundary() {
        return (boundary ??= boundaryDrafts(model));
      },
      arbs: propertyArbitraries(model),
    };
    cache.set(opts.validators, g);
  }
  return g;
}

function runsOf(opts: Pick<PlanOptions, 'runs'>): number {
  const runs = opts.runs ?? 100;
  return Number.isFinite(runs) && runs > 0 ? Math.floor(runs) : 0;
}

/** The random-phase arbitrary of a property key (`valid`, `invalid/required`, …): `fc.check(fc.property(arb, …), {seed, path})` replays a case. */
export function randomArbitrary(
  opts: Pick<PlanOptions, 'spec' | 'validators'>,
  key: string,
): fc.Arbitrary<Draft> | undefined {
  return generatorsFor(opts).arbs.get(key);
}

/** The property keys of the random phase, in order. */
export function randomProperties(opts: Pick<PlanOptions, 'spec' | 'validators'>): string[] {
  return [...generatorsFor(opts).arbs.keys()];
}

export function planCases(opts: PlanOptions): Plan {
  const g = generatorsFor(opts);
  const runs = runsOf(opts);
  const counts = randomCounts(g.arbs, runs);
  const byClass: Record<string, number> = {};
  for (const d of g.boundary) byClass[labelClass(d.label)] = (byClass[labelClass(d.label)] ?? 0) + 1;
  for (const [key, n] of counts) if (n > 0) byClass[key] = (byClass[key] ?? 0) + n;
  const count = g.boundary.length + [...counts.values()].reduce((a, b) => a + b, 0);
  const preflight = g.preflight.map((d, i) => toCase(d, `p${i + 1}`, 'preflight'));
  return {
    preflight,
    count,
    boundaryCount: g.boundary.length,
    byClass,
    mediaTypes: [...opts.validators.request.keys()],
    cases() {
      return (function* () {
        let i = 0;
        for (const d of g.boundary) yield toCase(d, `b${String(++i).padStart(4, '0')}`, 'boundary');
        yield* randomPhase(opts);
      })();
    },
  };
}

/** The seeded random phase of a plan alone (what `cases()` yields after the boundary phase); `withValue: false` leaves `value` out. */
export function randomPhase(opts: PlanOptions, withValue = true): Generator<TestCase> {
  return randomCases(generatorsFor(opts).arbs, opts.seed, runsOf(opts), 1, withValue);
}

/**
 * Shrinks a failing random case: replays it from (seed, counterexamplePath) with `fc.check` and lets fast-check shrink
 * it, asking `stillFails` about each smaller candidate of the same label, or for a valid case of any media type
 * (every candidate is certified by the arbitrary's filter). Returns the smallest case that still failed, with the path
 * that replays it. A boundary case's body is reduced member by member (`reduceCase`, where `reducible`); preflight
 * cases, and cases that no longer replay, are returned as they are. At most `maxAttempts` calls to `stillFails`.
 */
export async function shrinkCase(
  c: TestCase,
  opts: PlanOptions,
  stillFails: (c: TestCase) => Promise<boolean>,
  maxAttempts = 50,
): Promise<TestCase> {
  if (c.phase === 'boundary') return reduceCase(c, opts.validators, stillFails, maxAttempts);
  if (c.phase !== 'random' || c.counterexamplePath === undefined) return c;
  const key = propertyKeyOf(c);
  const arb = key === undefined ? undefined : generatorsFor(opts).arbs.get(key);
  if (arb === undefined) return c;
  let attempts = 0;
  let first = true;
  let replayed = false;
  let best = c;
  const details = await fc.check(
    fc.asyncProperty(arb, async (d) => {
      if (first) {
        first = false;
        // The replayed value must be the case itself: it is known to fail, and is not sent again.
        replayed = d.body === c.body && d.label === c.label && d.contentType === c.contentType;
        return !replayed;
      }
      // A valid case may move to another media type (its label names it, `valid/random/<media>`): fast-check shrinks
      // towards the first, application/json. A violation keeps its label: its keyword and field are the problem.
      if (!replayed || attempts >= maxAttempts || (key !== 'valid' && d.label !== c.label)) return true;
      attempts++;
      const candidate = toCase(d, c.id, 'random', c.counterexamplePath);
      if (await stillFails(candidate)) {
        best = candidate;
        return false;
      }
      return true;
    }),
    { seed: opts.seed, path: c.counterexamplePath, numRuns: 1, endOnFailure: false },
  );
  if (best === c) return c;
  return details.failed && details.counterexamplePath !== null
    ? { ...best, counterexamplePath: details.counterexamplePath }
    : best;
}

/** Coverage accumulator: every constraint of the request schema with how many valid and invalid cases exercised it. */
export function createCoverage(opts: Pick<PlanOptions, 'spec' | 'validators'>): {
  record(c: TestCase): void;
  rows(): CoverageRow[];
} {
  return coverageOf(modelFor(opts.spec, opts.validators));
}
