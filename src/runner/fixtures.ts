// Sandbox fixtures (`--fixtures FILE`): the values a vendor sandbox knows (existing collectives and owners, the brands
// and types it lists), which the spec cannot describe. Cases are generated as always; on the way out, the fields of a
// JSON body take fixture values instead, except the field a case violates, and only where the body stays what it was
// meant to be (valid, or invalid by its one violation). Before the cases, each fixture value is probed once: one the
// sandbox refuses is reported stale and not used, so that it fails no generated case.
import { readFile } from 'node:fs/promises';
import { createAjv, type BodyValidator, type Validators } from '../validators/index.ts';
import type { TestCase, Wire } from '../generators/case.ts';
import { BOM } from '../generators/space/encodings.ts';
import { CODINGS } from '../generators/space/codings.ts';
import { packageFile } from '../package.ts';
import { TargetError } from '../targets/index.ts';
import type { FixturesReport } from '../report/model.ts';
import { fieldValue } from '../wire.ts';
import { isObject } from '../types.ts';

type Scalar = string | number | boolean;

/** One way a case can take fixture values: one field, or fields that go together. */
interface Choice {
  /** `collectiveId`, or `brand+type` for a combination. */
  readonly name: string;
  readonly options: readonly Readonly<Record<string, Scalar>>[];
}

/** A fixtures file, read and checked against its schema and the spec. */
export interface Fixtures {
  readonly file: string;
  readonly choices: readonly Choice[];
}

/** Reads `--fixtures FILE` and checks it against `schemas/fixtures.schema.json`; one line on what is wrong. */
export async function readFixtures(file: string): Promise<Fixtures> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new TargetError(`fixtures file ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  }
  const schema: unknown = JSON.parse(await readFile(packageFile('schemas/fixtures.schema.json'), 'utf8'));
  const validate = createAjv().compile(schema as object);
  if (!validate(json)) {
    const e = validate.errors?.[0];
    throw new TargetError(
      `fixtures file ${file}: ${e?.instancePath || '/'} ${e?.message ?? 'is not valid'} (see schemas/fixtures.schema.json)`,
    );
  }
  // The schema above holds: fields of scalar lists, combinations of scalar records.
  const f = json as { fields?: Record<string, Scalar[]>; combinations?: Record<string, Scalar>[] };
  const choices: Choice[] = Object.entries(f.fields ?? {}).map(([name, values]) => ({
    name,
    options: values.map((v) => ({ [name]: v })),
  }));
  // Combinations with the same fields are one choice (`brand+type`), each combination one of its options.
  const combos = new Map<string, Record<string, Scalar>[]>();
  for (const c of f.combinations ?? []) {
    const name = Object.keys(c).sort().join('+');
    combos.set(name, [...(combos.get(name) ?? []), c]);
  }
  for (const [name, options] of combos) choices.push({ name, options });
  return { file, choices };
}

/** Small, stable hash of a case id: which option a case takes does not change between runs of one seed. */
function pick(id: string, n: number, salt: string): number {
  let h = 2166136261;
  for (const ch of id + salt) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % n;
}

/**
 * The ways the generators write a JSON body (RFC 8259 §2 whitespace, §7 escapes): a body keeps its form when fixture
 * values go in, so that a case about the form still tests it. A body in none of them is left as it is.
 */
const FORMS: readonly ((v: unknown) => string)[] = [
  (v) => JSON.stringify(v),
  (v) => `\n${JSON.stringify(v, null, 2)}\n`,
  (v) => JSON.stringify(v).replace(/[\u007F-\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
];

/**
 * A body in another form (whitespace everywhere, number forms): each changed member's string value replaced where it
 * stands, every other byte kept; undefined unless each member is found exactly once and the result reads as `next`.
 */
function inPlace(body: string, was: Record<string, unknown>, next: Record<string, unknown>): string | undefined {
  let out = body;
  for (const [k, v] of Object.entries(next)) {
    if (v === was[k]) continue;
    if (typeof was[k] !== 'string') return undefined;
    // The member's name may be written with escapes (`"\u0062rand"`): any string literal that reads as the name.
    let found = 0;
    out = out.replace(/("(?:[^"\\]|\\.)*")(\s*:\s*)"(?:[^"\\]|\\.)*"/g, (all, name: string, colon: string) => {
      if (JSON.parse(name) !== k) return all;
      found++;
      return `${name}${colon}${JSON.stringify(v)}`;
    });
    if (found !== 1) return undefined;
  }
  return JSON.stringify(JSON.parse(out)) === JSON.stringify(next) ? out : undefined;
}

/**
 * How a raw case's bytes were made from its body's UTF-8, so that a body with fixture values is sent the same way: as
 * they are, after a byte-order mark (RFC 8259 §8.1), in the content coding its Content-Encoding names (RFC 9110 §8.4),
 * or both. Undefined for bytes made otherwise: invalid UTF-8, whose readable body is not what is sent.
 */
function encoderOf(w: Wire, bytes: Buffer, body: string): ((utf8: Buffer) => Buffer) | undefined {
  const name = fieldValue(w.headers, 'content-encoding')?.trim().toLowerCase();
  const coding = CODINGS.find((c) => c.name === name);
  let plain: Buffer;
  try {
    plain = coding ? coding.decode(bytes) : bytes;
  } catch {
    return undefined;
  }
  const encode = coding ? coding.encode : (b: Buffer) => b;
  const utf8 = Buffer.from(body, 'utf8');
  if (plain.equals(utf8)) return encode;
  if (plain.equals(Buffer.concat([BOM, utf8]))) return (b) => encode(Buffer.concat([BOM, b]));
  return undefined;
}

/** Fixtures put into cases as they are sent, with the books of what was used and what the sandbox refused. */
export interface FixtureApplier {
  /** The case as sent: fixture values in place of generated ones where the body allows. */
  apply(c: TestCase): TestCase;
  /** The probes: one valid case per fixture value, each with every other fixture at its first value. */
  probes(): { probe: TestCase; choice: string; option: Readonly<Record<string, Scalar>> }[];
  /** A probe's answer: a 4xx refuses the value (stale), anything but a 2xx leaves it in doubt but in use. */
  probed(choice: string, option: Readonly<Record<string, Scalar>>, received: string, refused: boolean): void;
  report(): FixturesReport;
}

/**
 * Checks each fixture value against the request schema (a value the spec refuses is a bad file, exit 2) and returns
 * the applier. `validator`: the request body's.
 */
export function fixtureApplier(fx: Fixtures, validator: BodyValidator, base: TestCase): FixtureApplier {
  const baseValue = base.body === undefined ? undefined : (JSON.parse(base.body) as unknown);
  if (!isObject(baseValue)) throw new TargetError(`fixtures file ${fx.file}: the spec's request body is not an object`);
  for (const choice of fx.choices)
    for (const option of choice.options) {
      const errors = validator.validate({ ...baseValue, ...option });
      if (errors.length > 0)
        throw new TargetError(
          `fixtures file ${fx.file}: ${JSON.stringify(option)} is not valid for the spec: ${errors[0].instancePath} ${errors[0].message}`,
        );
    }
  const stale = new Map<string, { field: string; value: string; received: string }>();
  const key = (choice: string, option: Readonly<Record<string, Scalar>>) => `${choice}\n${JSON.stringify(option)}`;
  const usable = (choice: Choice) => choice.options.filter((o) => !stale.has(key(choice.name, o)));
  const cases = new Map<string, number>(fx.choices.map((c) => [c.name, 0]));

  /** The case with fixture values in its body, or the case itself where they cannot go. */
  function withFixtures(c: TestCase): TestCase {
    if (c.body === undefined || c.phase === 'preflight') return c;
    // Coded and BOM bytes are made again from the new body; invalid UTF-8 is sent as generated: its bytes are the
    // test, its case is malformed (400 due whatever the data), and its readable body is not what is sent.
    const bytes = c.wire?.bodyBase64;
    const encode = c.wire && bytes !== undefined ? encoderOf(c.wire, Buffer.from(bytes, 'base64'), c.body) : undefined;
    if (bytes !== undefined && encode === undefined) return c;
    let value: unknown;
    try {
      value = JSON.parse(c.body);
    } catch {
      return c;
    }
    if (!isObject(value)) return c;
    const body = c.body;
    const form = FORMS.find((f) => f(value) === body);
    const violated = c.violation?.instancePath.split('/')[1];
    const next: Record<string, unknown> = { ...value };
    const used: string[] = [];
    for (const choice of fx.choices) {
      const options = usable(choice);
      const fields = Object.keys(choice.options[0]);
      // Never the violated field, never a field the case left out or sent as null: those are what it tests.
      if (options.length === 0 || fields.some((f) => f === violated || next[f] === undefined || next[f] === null))
        continue;
      Object.assign(next, options[pick(c.id, options.length, choice.name)]);
      used.push(choice.name);
    }
    if (used.length === 0) return c;
    // The case must still be what it was: a valid body stays valid (auth and media-type cases send one too), an
    // invalid case keeps its violation.
    const errors = validator.validate(next);
    if ((c.kind !== 'schema-violation') !== (errors.length === 0)) return c;
    const sent = form ? form(next) : inPlace(body, value, next);
    if (sent === undefined) return c;
    for (const u of used) cases.set(u, (cases.get(u) ?? 0) + 1);
    const wire =
      c.wire && encode !== undefined
        ? { wire: { ...c.wire, bodyBase64: encode(Buffer.from(sent, 'utf8')).toString('base64') } }
        : {};
    return { ...c, body: sent, value: next, ...wire };
  }

  return {
    apply(c) {
      // A body too deep to parse or write back (10,000 levels overflow the stack) is sent as generated.
      try {
        return withFixtures(c);
      } catch {
        return c;
      }
    },
    probes() {
      const out: ReturnType<FixtureApplier['probes']> = [];
      const first: Record<string, Scalar> = {};
      for (const c of fx.choices) Object.assign(first, c.options[0]);
      for (const choice of fx.choices)
        for (const option of choice.options) {
          const body = JSON.stringify({ ...baseValue, ...first, ...option });
          out.push({
            probe: {
              ...base,
              id: `x${out.length + 1}`,
              label: `fixture/${choice.name}`,
              body,
              value: JSON.parse(body),
            },
            choice: choice.name,
            option,
          });
        }
      return out;
    },
    probed(choice, option, received, refused) {
      if (!refused) return;
      stale.set(key(choice, option), {
        field: choice,
        value: Object.values(option).map(String).join(' + '),
        received,
      });
    },
    report() {
      return {
        file: fx.file,
        fields: fx.choices.map((c) => ({
          field: c.name,
          values: c.options.length,
          usable: usable(c).length,
          cases: cases.get(c.name) ?? 0,
        })),
        stale: [...stale.values()],
      };
    },
  };
}

/** The fixtures' applier, based on the plan's first valid case with a JSON body and that body's validator. */
export function fixturesFor(fx: Fixtures, cases: Iterable<TestCase>, validators: Validators): FixtureApplier {
  for (const c of cases) {
    const validator = c.kind === 'valid' && c.body !== undefined ? validators.requestFor(c.contentType) : undefined;
    if (validator) return fixtureApplier(fx, validator, c);
  }
  throw new TargetError(`fixtures file ${fx.file}: the plan has no valid case to put them in`);
}
