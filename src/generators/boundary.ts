/**
 * The deterministic phases: preflight and boundary. Every case is derived from the request model (so from the spec),
 * in a stable order that does not depend on the seed, and kept only when certified: valid bodies must pass the
 * validator of the media type they are sent with, invalid ones must fail it for exactly their labelled violation,
 * malformed ones must fail JSON.parse, undeclared media types must match no declared one. The boundary phase is the
 * request space (`./space/`): every class of every dimension, in registry order.
 */
import { parseBody } from './certify.ts';
import { draft, type Draft } from './draft.ts';
import type { RequestModel } from './model.ts';
import { DIMENSIONS, type SpaceContext } from './space/index.ts';
import { canonicalValue } from './values.ts';
import type { Body } from './violations/kind.ts';

export function minimalBody(model: RequestModel): Body {
  const out: Body = {};
  for (const f of model.fields) if (f.required) out[f.name] = canonicalValue(f);
  return out;
}

function allFieldsBody(model: RequestModel): Body {
  const out: Body = {};
  for (const f of model.fields) out[f.name] = canonicalValue(f);
  return out;
}

/** The preflight: two cases whose verdict is certain, sent before anything else. */
export function preflightDrafts(model: RequestModel): Draft[] {
  const ct = model.primary.contentType;
  const enumField = model.fields.find((f) => f.enumValues !== undefined);
  const invalid = { [enumField?.name ?? 'type']: 'Boat', surplus: 1 };
  const out: Draft[] = [];
  const bad = parseBody(JSON.stringify(invalid));
  const errors = bad.ok ? model.validator.validate(bad.value) : [];
  // The rule it cites is its enum's (the first it breaks): accepted, it is the bug the boundary's enum cases show.
  const first = errors.find((e) => e.keyword === 'enum') ?? errors[0];
  if (first !== undefined)
    out.push(
      draft('schema-violation', 'preflight/invalid-body', JSON.stringify(invalid), {
        contentType: ct,
        violation: { keyword: first.keyword, rule: first.rule, instancePath: first.instancePath },
      }),
    );
  out.push(
    draft('auth', 'preflight/no-credentials', JSON.stringify(minimalBody(model)), { contentType: ct, auth: 'none' }),
  );
  return out;
}

/** Every boundary case, certified, in a stable order: each dimension of the request space in registry order. */
export function boundaryDrafts(model: RequestModel): Draft[] {
  const ctx: SpaceContext = {
    model,
    ct: model.primary.contentType,
    minimal: minimalBody(model),
    all: allFieldsBody(model),
    strings: model.fields.filter(
      (f) =>
        f.enumValues === undefined && f.format === undefined && f.types !== undefined && f.types.includes('string'),
    ),
    untyped: model.fields.filter((f) => f.types === undefined && f.enumValues === undefined),
  };
  return DIMENSIONS.flatMap((d) => d.drafts(ctx));
}
