/**
 * Certification: a generated case is kept only when the request validator agrees with its label, on the bytes sent.
 *
 * "Exactly one violation" means: one keyword at one rule (spec pointer) at one instance location. The validator may
 * report it several times (two missing required properties are two `required` errors of the same rule; two unknown
 * properties two `additionalProperties` errors), and a `type` violation may come with the `enum` (or `const`) of the
 * same schema object, which a value of another type can never satisfy (e.g. `type: 2` where
 * `EntityType` is `{type: string, enum: [...]}`). Any other error disqualifies the case.
 */
import type { SchemaError, Validators } from '../validators/index.ts';
import type { Violation } from './case.ts';

/** Keywords that necessarily fail beside the labelled one at the same schema object. */
const COMPANIONS: Readonly<Record<string, readonly string[]>> = { type: ['enum', 'const'] };

function parentOf(rule: string): string {
  return rule.slice(0, rule.lastIndexOf('/'));
}

/** True when `errors` are exactly the labelled violation (see the module comment). */
export function errorsMatch(errors: readonly SchemaError[], v: Violation): boolean {
  if (errors.length === 0) return false;
  let primary = false;
  const companions = COMPANIONS[v.keyword] ?? [];
  const parent = parentOf(v.rule);
  for (const e of errors) {
    if (e.instancePath !== v.instancePath) return false;
    if (e.keyword === v.keyword && e.rule === v.rule) primary = true;
    else if (!(companions.includes(e.keyword) && e.rule === `${parent}/${e.keyword}`)) return false;
  }
  return primary;
}

/** Parses a body; undefined when it is not JSON. */
export function parseBody(body: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (body === undefined) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/** The body is JSON, sent with a declared media type, and the validator of that media type accepts it. */
export function certifyValid(validators: Validators, contentType: string, body: string): boolean {
  const v = validators.requestFor(contentType);
  const parsed = parseBody(body);
  return v !== undefined && parsed.ok && v.validate(parsed.value).length === 0;
}

/** The body is JSON and the validator rejects it for exactly the labelled violation. */
export function certifyInvalid(
  validators: Validators,
  contentType: string,
  body: string,
  violation: Violation,
): boolean {
  const v = validators.requestFor(contentType);
  const parsed = parseBody(body);
  return v !== undefined && parsed.ok && errorsMatch(v.validate(parsed.value), violation);
}
