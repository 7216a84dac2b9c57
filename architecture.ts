// Who may import whom in src/, as data: eslint.config.js turns it into `no-restricted-imports` rules (an import against
// the table fails `npm run lint`, `import type` included), and ARCHITECTURE.md's table is generated from it
// (test/unit/architecture.test.ts holds the two together and proves that a wrong-way import is refused).

/** The files at the top of src/ that any stage may import; they import nothing but each other. */
export const SHARED: readonly string[] = [
  'types.ts',
  'secrets.ts',
  'wire.ts',
  'package.ts',
  'version.ts',
  'waivers.ts',
];

/** One stage folder of src/ and what it may import besides its own files and the shared ones. */
export interface Stage {
  readonly folder: string;
  /** A folder of src/, or `folder/file.ts` when only that file of it may be imported. */
  readonly imports: readonly string[];
  /** Why these arrows, in one line. */
  readonly why: string;
}

/** The stages in the order data flows; a stage imports only stages above it, and `src/index.ts` imports them all. */
export const STAGES: readonly Stage[] = [
  { folder: 'spec', imports: [], why: 'the OpenAPI document: loaded, converted to JSON Schema, linted, normalised' },
  { folder: 'validators', imports: ['spec'], why: 'Ajv validators compiled from the spec' },
  {
    folder: 'generators',
    imports: ['spec', 'validators'],
    why: 'cases drawn from the spec, the invalid ones certified by the request validator',
  },
  { folder: 'targets', imports: ['spec'], why: 'Prism is started from the (normalised) spec; a URL needs nothing' },
  {
    folder: 'checks',
    imports: ['spec', 'validators', 'generators'],
    why: 'a check judges one case (generators) and its exchange (shared types) against the spec, with the validators',
  },
  {
    folder: 'report',
    imports: ['spec', 'generators', 'checks/types.ts'],
    why: 'the Report as data and its writers: they read case types and the findings the checks return',
  },
  {
    folder: 'runner',
    imports: ['spec', 'validators', 'generators', 'targets', 'checks', 'report'],
    why: 'drives a run: plans the cases, sends them to the target, judges them with the checks, tallies the Report',
  },
  { folder: 'client', imports: ['validators/media-type.ts'], why: 'the consumer the Pact contract records' },
  {
    folder: 'pact',
    imports: ['spec', 'validators', 'checks/rules.ts', 'checks/profile.ts'],
    why: "contract ↔ spec and provider verification; the statuses the verdict profile allows and the operation's rules are defined once",
  },
  {
    folder: 'cli',
    imports: ['spec', 'generators', 'targets', 'report', 'runner', 'pact'],
    why: 'the only place that prints and turns a report into an exit code; it sends and judges nothing itself',
  },
];

/** Narrower rules inside a stage: a file that may not import some paths its folder may. */
export interface FileRule {
  /** Path from the repository root. */
  readonly file: string;
  /** Import paths, as written in that file, it may not start with. */
  readonly forbid: readonly string[];
  readonly why: string;
}

export const FILE_RULES: readonly FileRule[] = [
  {
    file: 'src/cli/replay.ts',
    forbid: ['../spec/'],
    why: "replay's engine is the runner's (runner/replay.ts): the command reads flags and prints",
  },
  {
    file: 'src/report/model.ts',
    forbid: ['./'],
    why: "the report's data types: the modules that compute parts of it (verdict, baseline, waivers) import it, never the reverse",
  },
];

interface Pattern {
  readonly regex: string;
  readonly message: string;
  readonly caseSensitive: true;
}

/** An ESLint flat-config block restricting imports (the shape eslint.config.js spreads in). */
export interface ImportRuleBlock {
  readonly files: string[];
  readonly rules: {
    readonly 'no-restricted-imports': ['error', { readonly patterns: Pattern[] }];
    readonly 'no-restricted-syntax': ['error', ...{ readonly selector: string; readonly message: string }[]];
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FOLDERS = STAGES.map((s) => s.folder);
const MAX_DEPTH = 3;

/** What a file `depth` folders below src/, in stage `stage`, may not import (undefined: a shared file). */
function patterns(stage: Stage | undefined, depth: number): Pattern[] {
  const up = depth === 0 ? '\\./' : '\\.\\./'.repeat(depth);
  const allowed = stage
    ? `src/${stage.folder} may import only ${[...stage.imports, ''].join(', ')}the shared files`
    : '';
  const message = `${stage ? allowed : `the shared files of src/ (${SHARED.join(', ')}) import only each other`} (architecture.ts; ARCHITECTURE.md, "Who imports whom").`;
  const out: Pattern[] = [
    {
      regex: `^${up}index\\.ts$`,
      message: `src/index.ts is the public API: nothing inside imports it.`,
      caseSensitive: true,
    },
  ];
  for (const folder of FOLDERS) {
    if (folder === stage?.folder) continue;
    const files = (stage?.imports ?? [])
      .filter((i) => i.startsWith(`${folder}/`))
      .map((i) => i.slice(folder.length + 1));
    if (stage?.imports.includes(folder)) continue;
    const only = files.length ? `(?!(?:${files.map(escape).join('|')})$)` : '';
    out.push({ regex: `^${up}${folder}/${only}`, message, caseSensitive: true });
  }
  return out;
}

/** The ESLint blocks that enforce the table: one per stage folder and depth, the shared files, then the file rules. */
export function importRuleBlocks(): ImportRuleBlock[] {
  // no-restricted-imports reads static imports and exports only: `import('…')` with a literal path is held to the
  // same patterns by a selector (esquery's regex ends at the first '/', so a slash is written \x2F).
  const block = (files: string[], p: Pattern[]): ImportRuleBlock => ({
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: p }],
      'no-restricted-syntax': [
        'error',
        ...p.map((x) => ({
          selector: `ImportExpression > Literal[value=/${x.regex.replaceAll('/', '\\x2F')}/]`,
          message: x.message,
        })),
      ],
    },
  });
  const blocks = [
    block(
      SHARED.map((f) => `src/${f}`),
      patterns(undefined, 0),
    ),
  ];
  for (const stage of STAGES)
    for (let depth = 1; depth <= MAX_DEPTH; depth++)
      blocks.push(block([`src/${stage.folder}/${'*/'.repeat(depth - 1)}*.ts`], patterns(stage, depth)));
  for (const rule of FILE_RULES) {
    const [, folder, ...rest] = rule.file.split('/');
    const stage = STAGES.find((s) => s.folder === folder);
    const own = rule.forbid.map((f) => ({
      regex: `^${escape(f)}`,
      message: `${rule.file}: ${rule.why}.`,
      caseSensitive: true as const,
    }));
    blocks.push(block([rule.file], [...patterns(stage, rest.length), ...own]));
  }
  return blocks;
}

/** ARCHITECTURE.md's table, as generated from the above. */
export function importTable(): string {
  const code = (s: string) => `\`${s}\``;
  return [
    '| folder of `src/` | may import (besides its own files and the shared ones) | why |',
    '|---|---|---|',
    `| shared: ${SHARED.map(code).join(', ')} | each other only | types and helpers several stages need |`,
    ...STAGES.map((s) => `| ${code(s.folder)} | ${s.imports.map(code).join(', ') || '—'} | ${s.why} |`),
    '| `index.ts` | everything (the public API) | nothing inside `src/` imports it |',
    ...FILE_RULES.map(
      (r) => `| ${code(r.file.replace(/^src\//, ''))} | not ${r.forbid.map(code).join(', ')} | ${r.why} |`,
    ),
  ].join('\n');
}
