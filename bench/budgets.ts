// How many of the self-test's seeded faults each request budget finds (issue #18: breadth first). Each fault runs
// against a fresh reference provider with `--max-requests N` (and once without a budget); a fault is found when the
// verdict is not `conforms`/`incomplete` (fails, or unusable for a target given up on).
//   node bench/budgets.ts            prints the table; also part of `npm run bench`
import { FAULTS } from '../test/provider/faults.ts';
import { trial } from '../test/faults/harness.ts';

/** The budgets measured; undefined is the whole plan. */
export const BUDGETS: readonly (number | undefined)[] = [25, 50, 100, 200, undefined];

/** Faults found per budget, two trials at a time (the machine has two cores). */
export async function faultsPerBudget(opts: {
  seed: number;
  runs: number;
}): Promise<{ budget: string; found: number; of: number }[]> {
  const out: { budget: string; found: number; of: number }[] = [];
  for (const budget of BUDGETS) {
    let next = 0;
    let found = 0;
    const worker = async () => {
      while (next < FAULTS.length) {
        const f = FAULTS[next++];
        const t = await trial('fault', f.name, { ...opts, ...(budget === undefined ? {} : { maxRequests: budget }) });
        if (t.ok) found++;
      }
    };
    await Promise.all([worker(), worker()]);
    out.push({ budget: budget === undefined ? 'full' : String(budget), found, of: FAULTS.length });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await faultsPerBudget({ seed: 1, runs: 25 });
  console.log('faults found per request budget (seed 1, --runs 25, breadth-first order):');
  for (const r of rows) console.log(`  --max-requests ${r.budget.padStart(4)}  ${String(r.found).padStart(3)}/${r.of}`);
}
