// `npm run test:faults`: the suite against the reference, its benign variations and its seeded faults.
import { allTrials, figure, type Trial } from './harness.ts';

const seed = Number(process.env['FAULTS_SEED'] ?? 1);
const runs = Number(process.env['FAULTS_RUNS'] ?? 25);
// FAULTS_BASELINE_SEED=2: each fault's report made a baseline, and a run at that seed with it must conform.
const baselineSeed = process.env['FAULTS_BASELINE_SEED'] ? Number(process.env['FAULTS_BASELINE_SEED']) : undefined;
const line = (t: Trial) =>
  `${t.ok ? 'ok  ' : 'BAD '} ${t.kind.padEnd(9)} ${t.name.padEnd(40)} ${t.verdict.padEnd(8)} requests ${String(t.requests).padStart(4)}  first failure at ${String(t.firstFailureAt ?? '-').padStart(4)}  ${t.failedChecks.join(' ')}${t.missed.length ? `  MISSED ${t.missed.join(' ')}` : ''}${t.baselineVerdict && t.baselineVerdict !== 'conforms' ? `  BASELINED ${t.baselineVerdict}` : ''}`;
const trials = await allTrials({
  seed,
  runs,
  parallel: 3,
  ...(baselineSeed === undefined ? {} : { baselineSeed, roundTripAll: true }),
  onTrial: (t) => console.log(line(t)),
});
const faults = trials.filter((t) => t.kind === 'fault' && t.firstFailureAt !== null).map((t) => t.firstFailureAt!);
faults.sort((a, b) => a - b);
console.log(
  `requests before the first failure: median ${faults[Math.floor(faults.length / 2)] ?? '-'}, max ${faults.at(-1) ?? '-'}`,
);
console.log(figure(trials));
process.exitCode = trials.every((t) => t.ok) ? 0 : 1;
