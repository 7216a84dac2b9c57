// After `stryker run`: reads reports/mutation/mutation.json (the mutation-testing-report schema), writes the
// surviving mutants to reports/mutation/survivors.txt, one a line (`file:line:column Mutator: original →
// replacement`, each with its class from test/mutation/survivors.json), and prints the score twice: Stryker's
// (detected of all) and the issue's (detected of those not equivalent and reachable from HTTP). Exits 1 when a
// survivor is not classified in survivors.json, so that the checked-in list cannot fall behind the code.
import { readFileSync, writeFileSync } from 'node:fs';

/** Why a mutant survives: the suite cannot tell it from the reference (`equivalent`: the spec and profile allow the
 * mutated answer; `unreachable`: no HTTP request takes the mutated path), or it could and does not (`gap`). */
type SurvivorClass = 'equivalent' | 'unreachable' | 'gap';
interface Classification {
  readonly reasons: Record<string, { readonly class: SurvivorClass; readonly why: string }>;
  /** Survivor line (as in survivors.txt, without its class) → reason id. */
  readonly survivors: Record<string, string>;
}
const CLASSIFICATION = 'test/mutation/survivors.json';

interface Position {
  readonly line: number;
  readonly column: number;
}
interface Mutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: Position; readonly end: Position };
}
interface MutationReport {
  readonly files: Record<string, { readonly source: string; readonly mutants: readonly Mutant[] }>;
}

const REPORT = 'reports/mutation/mutation.json';
const OUT = 'reports/mutation/survivors.txt';
/** Stryker's own reading: Killed and Timeout are detected; Survived and NoCoverage are not; errors are left out. */
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** The mutated source text of one mutant, on one line. */
function original(source: string, { start, end }: Mutant['location']): string {
  const lines = source.split('\n').slice(start.line - 1, end.line);
  lines[lines.length - 1] = lines[lines.length - 1].slice(0, start.line === end.line ? end.column - 1 : end.column - 1);
  lines[0] = lines[0].slice(start.column - 1);
  return oneLine(lines.join('\n'));
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}

const report = JSON.parse(readFileSync(REPORT, 'utf8')) as MutationReport; // written by Stryker's json reporter
const known = JSON.parse(readFileSync(CLASSIFICATION, 'utf8')) as Classification; // checked in beside this file
const survivors: string[] = [];
let detected = 0;
let undetected = 0;
for (const [file, { source, mutants }] of Object.entries(report.files)) {
  for (const m of mutants) {
    if (DETECTED.has(m.status)) detected += 1;
    if (!UNDETECTED.has(m.status)) continue;
    undetected += 1;
    const at = `${file}:${m.location.start.line}:${m.location.start.column}`;
    survivors.push(`${at} ${m.mutatorName}: ${original(source, m.location)} → ${oneLine(m.replacement ?? '')}`);
  }
}
const tally: Record<SurvivorClass | 'unclassified', number> = {
  equivalent: 0,
  unreachable: 0,
  gap: 0,
  unclassified: 0,
};
const lines = survivors.map((line) => {
  const reason = known.reasons[known.survivors[line] ?? ''];
  tally[reason?.class ?? 'unclassified'] += 1;
  return `${reason === undefined ? 'UNCLASSIFIED' : `${reason.class} (${known.survivors[line]})`}  ${line}`;
});
writeFileSync(OUT, lines.join('\n') + (lines.length > 0 ? '\n' : ''));
const percent = (n: number, of: number): string => `${of === 0 ? '0.00' : ((100 * n) / of).toFixed(2)} %`;
const total = detected + undetected;
const killable = detected + tally.gap + tally.unclassified;
console.log(`mutation score ${percent(detected, total)} (${detected} detected of ${total} mutants)`);
console.log(
  `of the mutants not equivalent and reachable from HTTP: ${percent(detected, killable)} (${detected} of ${killable}); ` +
    `survivors: ${tally.equivalent} equivalent, ${tally.unreachable} unreachable, ${tally.gap} gaps, ` +
    `${tally.unclassified} unclassified → ${OUT}`,
);
const stale = Object.keys(known.survivors).filter((line) => !survivors.includes(line)).length;
if (stale > 0) console.log(`${stale} entries of ${CLASSIFICATION} no longer survive (killed, or the code moved)`);
if (tally.unclassified > 0) {
  console.error(`${tally.unclassified} survivors are not classified in ${CLASSIFICATION}: see UNCLASSIFIED in ${OUT}`);
  process.exitCode = 1;
}
