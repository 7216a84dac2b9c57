// The request-space registry: every boundary case is of one registered class, every class is sent, and
// docs/request-space.md is the registry's catalogue. After changing a class: `UPDATE_DOCS=1 npx vitest run
// test/unit/generators/request-space.test.ts` rewrites the catalogue.
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { allowedStatuses } from '../../../src/checks/rules.ts';
import type { TestCase } from '../../../src/generators/case.ts';
import { planCases } from '../../../src/generators/index.ts';
import { modelFor, type RequestModel } from '../../../src/generators/model.ts';
import { fieldValueArb } from '../../../src/generators/values.ts';
import { matchesClass, type RequestClass } from '../../../src/generators/space/class.ts';
import { DIMENSIONS } from '../../../src/generators/space/index.ts';
import { otherNumberIn, singularOf } from '../../../src/generators/space/paths.ts';
import { loadSpec } from '../../../src/spec/load.ts';
import { buildValidators } from '../../../src/validators/index.ts';

const FILE = new URL('../../../docs/request-space.md', import.meta.url);
const UPDATE = 'UPDATE_DOCS=1 npx vitest run test/unit/generators/request-space.test.ts';

const HEAD = `# The request space

What the suite sends, by dimension: every class of request, the verdict-table row that is due, the statuses accepted
(where an RFC leaves the server a choice, more than the row's own), the rule the class comes from (a JSON pointer into
the spec, \`<media>\` and \`<field>\` filled per case, or an RFC section), and whether a departure on the row is an
error or advisory, and why. A label's \`<part>\` is filled per case (\`valid/null/<field>\` is sent as
\`valid/null/brand\`, …); the cases themselves are listed by \`conformance run --dry-run\` and in every report.

**A 5xx fails on every case, advisory or not** (but 501 to a method the server does not implement, the answer RFC
9110 §9.1 names for it), and so do an answer that breaks the documented content type or schema, a wrong echo and a
reused id: *advisory* softens only the case's own row (the status it expects) to a warning.

The cases are sent breadth first (\`src/runner/schedule.ts\`): one case of every class, then the second of each; a
class marked *a variant of* another (the same rule by another spelling or header) has its first case sent after the
second cases, so that a request budget reaches each behaviour once before any twice.

Generated from the registry in \`src/generators/space/\` by \`test/unit/generators/request-space.test.ts\`
(\`${UPDATE}\`); do not edit by hand.
`;

const cell = (s: string) => s.replaceAll('|', '\\|');

function row(c: RequestClass): string {
  const accepted = allowedStatuses({ kind: c.row, ...(c.accept ? { accept: c.accept } : {}) }).join(', ');
  return `| \`${cell(c.label)}\` | ${c.row} | ${accepted} | ${c.rule.startsWith('/') ? `\`${c.rule}\`` : c.rule} | ${c.severity} | ${cell(c.why)}${c.variantOf ? ` (a variant of \`${cell(c.variantOf)}\`)` : ''} |`;
}

function catalogue(): string {
  const sections = DIMENSIONS.map((d) =>
    [
      `## ${d.title} (\`${d.name}\`)`,
      '',
      d.summary,
      '',
      '| class | row due | accepted | rule | departure | why |',
      '|---|---|---|---|---|---|',
      ...d.classes.map(row),
      '',
    ].join('\n'),
  );
  return `${HEAD}\n${sections.join('\n')}`;
}

if (process.env['UPDATE_DOCS']) writeFileSync(FILE, catalogue());

let boundary: TestCase[];
let spec: RequestModel;
beforeAll(async () => {
  const loaded = await loadSpec('spec/openapi.yaml');
  const validators = buildValidators(loaded);
  spec = modelFor(loaded, validators);
  boundary = [...planCases({ spec: loaded, validators, seed: 1, runs: 0 }).cases()];
});

const CLASSES = DIMENSIONS.flatMap((d) => d.classes);
type Body = Record<string, unknown>;

describe('the request-space registry', () => {
  it('names each dimension and each class once', () => {
    expect(new Set(DIMENSIONS.map((d) => d.name)).size).toBe(DIMENSIONS.length);
    expect(new Set(CLASSES.map((c) => c.label)).size).toBe(CLASSES.length);
    for (const c of CLASSES) {
      expect(c.why.length, c.label).toBeGreaterThan(10);
      expect(c.rule, c.label).toMatch(/^(\/|RFC \d+ §)/);
      if (c.accept) expect(c.accept.length, c.label).toBeGreaterThan(0);
    }
  });

  it('puts every boundary case in a registered class whose label pattern it matches, of the class’s row', () => {
    for (const c of boundary) {
      const cls = CLASSES.find((k) => k.label === c.class);
      expect(cls, `${c.label} has no registered class`).toBeDefined();
      expect(matchesClass(cls!, c.label), `${c.label} is not of ${cls!.label}`).toBe(true);
      expect(c.kind, c.label).toBe(cls!.row);
      expect(c.advisory, c.label).toBe(cls!.severity === 'advisory' ? cls!.why : undefined);
      expect(c.accept, c.label).toEqual(cls!.accept);
    }
  });

  it('makes a class the variant of another class only, never of itself or of a variant', () => {
    const variants = CLASSES.filter((c) => c.variantOf !== undefined);
    expect(variants.length).toBeGreaterThan(0);
    for (const v of variants) {
      const of = CLASSES.find((c) => c.label === v.variantOf);
      expect(of, `${v.label} varies an unknown class ${v.variantOf}`).toBeDefined();
      expect(of!.variantOf, `${v.label} varies a variant`).toBeUndefined();
    }
  });

  it('sends every class at least once against the bundled spec', () => {
    const sent = new Set(boundary.map((c) => c.class));
    expect(CLASSES.filter((c) => !sent.has(c.label)).map((c) => c.label)).toEqual([]);
  });
});

describe('the value dimensions, on the bytes sent', () => {
  const get = (label: string) => {
    const c = boundary.find((x) => x.label === label);
    if (c === undefined) throw new Error(`no case ${label}`);
    return c;
  };
  const uuids = (c: TestCase) => [(c.value as Body)['collectiveId'], (c.value as Body)['owner']];

  it('formats: uuids from the whole space ajv-formats admits, every uuid field at once', () => {
    expect(uuids(get('valid/format/uuid/nil'))).toEqual(Array(2).fill('00000000-0000-0000-0000-000000000000'));
    expect(uuids(get('valid/format/uuid/max'))).toEqual(Array(2).fill('ffffffff-ffff-ffff-ffff-ffffffffffff'));
    for (const u of uuids(get('valid/format/uuid/version-0'))) expect(u).toMatch(/^.{14}0/);
    for (const u of uuids(get('valid/format/uuid/variant-c'))) expect(u).toMatch(/^.{19}c/);
    for (const u of uuids(get('valid/format/uuid/mixed-case'))) expect(u).toMatch(/[A-F].*[a-f]|[a-f].*[A-F]/);
  });

  it('formats in the random phase: valid uuids come from the whole space too', () => {
    const owner = spec.fields.find((f) => f.name === 'owner')!;
    const drawn = fc.sample(fieldValueArb(owner), { seed: 3, numRuns: 2000 }).filter((v) => typeof v === 'string');
    expect(drawn.some((u) => !/^.{14}[1-8]/.test(u))).toBe(true);
    expect(drawn.some((u) => !/^.{19}[89ab]/i.test(u))).toBe(true);
    expect(drawn).toContain('00000000-0000-0000-0000-000000000000');
    expect(drawn.some((u) => /[a-f]/.test(u) && /[A-F]/.test(u))).toBe(true);
    for (const u of drawn) expect(u).toMatch(/^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i);
  });

  it('numbers: written as tokens, advisory and 400 accepted only beyond the double range', () => {
    const beyond = get('valid/number/beyond-double/1e400');
    expect(beyond.body).toContain('"properties":{"conformance":1e400}');
    expect(beyond.accept).toEqual([201, 400]);
    expect(beyond.advisory).toMatch(/RFC 8259 §9/);
    expect(get('valid/number/beyond-double/5000-digit-integer').body).toMatch(/:90{4999}\}/);
    expect(get('valid/number/negative-zero').body).toContain('{"conformance":-0}');
    expect(get('valid/number/capital-exponent').body).toContain('{"conformance":1E2}');
    expect(get('valid/number/above-2^53').body).toContain('{"conformance":9007199254740993}');
    const inRange = get('valid/number/trailing-zero-fraction');
    expect([inRange.advisory, inRange.accept]).toEqual([undefined, undefined]);
  });

  it('depth: 10 levels are due as any valid case, 100 to 10,000 levels advisory with 400 accepted', () => {
    const deepest = get('valid/depth/10000/arrays');
    expect(deepest.body).toContain(`"properties":${'['.repeat(10000)}"conformance-bottom"${']'.repeat(10000)}`);
    expect(deepest).toMatchObject({ accept: [201, 400] });
    const shallow = get('valid/depth/10/objects');
    expect([shallow.advisory, shallow.accept]).toEqual([undefined, undefined]);
    expect(get('valid/depth/10/objects').body).toContain('{"level":'.repeat(10));
  });

  it('depth where a string is due: an array nested 10,000 and 1,000 levels in one required string, a type violation', () => {
    const deep = get('invalid/type/brand/nested-10000');
    expect(deep.body).toContain(`"brand":${'['.repeat(10000)}"conformance-bottom"`);
    expect(deep).toMatchObject({ kind: 'schema-violation', violation: { keyword: 'type', instancePath: '/brand' } });
    expect(get('invalid/type/brand/nested-1000').kind).toBe('schema-violation');
  });

  it('a query the operation does not define: 400 or 404 to the URI accepted beside the row’s own, never beside a header', () => {
    const withQuery = boundary.filter((c) => c.query !== undefined && c.kind !== 'path');
    expect(withQuery.map((c) => c.class)).toEqual(
      expect.arrayContaining(['valid/query-members', 'invalid/required/<field>/in-query']),
    );
    for (const c of withQuery) expect(c.accept, c.label).toEqual(expect.arrayContaining([400, 404]));
    expect(get('valid/query-members').accept).toEqual([201, 400, 404]);
    expect(get('invalid/required/brand/in-query').accept).toEqual([400, 404]);
    expect(get('auth/token-in-query/api_token').accept).toEqual([401, 403, 400, 404]);
    expect(get('valid/method-override/x-http-method-override').accept).toEqual([201, 400]);
  });

  it('TRACE: sent without credentials or body (RFC 9110 §9.3.8), a reflection (200) and a Fetch-API server’s 400 accepted', () => {
    const trace = get('method/TRACE');
    expect(trace).toMatchObject({ method: 'TRACE', auth: 'none', accept: [405, 501, 200, 401, 403, 400] });
    expect(trace.wire!.headers.map(([k]) => k.toLowerCase())).not.toContain('authorization');
    expect(trace.body).toBeUndefined();
  });

  it('member names: own members on the wire and in the case value, unknown at the top, data inside', () => {
    const inside = get('valid/member-name/__proto__');
    expect(inside.body).toContain(
      '"properties":{"__proto__":{"__proto__":"conformance-level-2"},"list":[{"__proto__":1}]}',
    );
    expect(Object.keys((inside.value as Body)['properties'] as object)).toEqual(['__proto__', 'list']);
    const top = get('invalid/additionalProperties/object-model/__proto__');
    expect(top.body).toMatch(/,"__proto__":\{"conformance":true\}\}$/);
    expect(Object.keys(top.value as object)).toContain('__proto__');
    expect(top.violation).toMatchObject({ keyword: 'additionalProperties', instancePath: '' });
    expect(get('invalid/additionalProperties/object-model/constructor').kind).toBe('schema-violation');
  });

  it('paths: each segment above the last made another, its number made another, the last in the singular, refused and never created', () => {
    expect(boundary.filter((c) => c.class === 'path/sibling/<segment>').map((c) => c.pathSpelling)).toEqual([
      '/v1-conformance-unknown/onboarding/entities',
      '/v1/onboarding-conformance-unknown/entities',
    ]);
    expect(boundary.filter((c) => c.class === 'path/other-version/<segment>').map((c) => c.pathSpelling)).toEqual([
      '/v99/onboarding/entities',
    ]);
    expect(['v1', 'v99', '2024-01', 'api', 'v2beta3'].map(otherNumberIn)).toEqual([
      'v99',
      'v98',
      '2024-99',
      undefined,
      'v2beta99',
    ]);
    expect(get('path/singular')).toMatchObject({ kind: 'path', pathSpelling: '/v1/onboarding/entity' });
    expect(get('path/encoded-slash')).toMatchObject({ kind: 'path', pathSpelling: '/v1/onboarding%2Fentities' });
    expect(get('path/matrix-parameter')).toMatchObject({ kind: 'path', pathSuffix: ';conformance=1' });
    expect(get('path/encoded-slash/no-credentials').advisory).toBeUndefined();
    expect(get('path/singular').advisory).toBeUndefined();
    expect(['entities', 'boxes', 'items', 'status', 'keys', 'data'].map(singularOf)).toEqual([
      'entity',
      'box',
      'item',
      undefined,
      'key',
      undefined,
    ]);
  });

  it('JSON text: whitespace around every token, escaped names and solidus, a repeated member with its value', () => {
    expect(get('valid/json-text/whitespace-everywhere').body).toMatch(
      /^( \t\r\n){2}\{ \t\r\n"collectiveId" \t\r\n: \t\r\n"/,
    );
    const escaped = get('valid/json-text/escaped-forms').body!;
    expect(escaped).toContain('"\\u0062rand"');
    expect(escaped).toContain('ttps:\\/\\/');
    expect(get('valid/json-text/escaped-forms').value).toEqual(get('valid/all-fields').value);
    const dup = get('valid/json-text/duplicate-member/properties');
    expect(dup.body).toContain('"properties":{"conformance":1,"conformance":1}');
    expect(dup.accept).toEqual([201, 400]);
  });
});

describe('docs/request-space.md', () => {
  it('is the registry’s catalogue', () => {
    expect(readFileSync(FILE, 'utf8'), `docs/request-space.md is not the registry's: ${UPDATE}`).toBe(catalogue());
  });
});
