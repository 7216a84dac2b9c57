/**
 * Spreads a dimension's cases over the members of each enum their bodies carry: the n-th body that carries an enum
 * member at its canonical value (and breaks no rule of that member) carries the n-th member instead, so that a
 * provider that validates or stores per entity type (a model or a branch per member) meets each rule under several
 * of them, at no extra request.
 */
import type { FieldModel } from '../model.ts';
import { isObject } from '../../types.ts';
import type { SpaceContext } from './class.ts';

/** The string members of a field's enum: none where it has no enum. */
function stringMembers(f: FieldModel): string[] {
  return (f.enumValues ?? []).filter((m): m is string => typeof m === 'string');
}

/** A rotation of its own for one dimension; `violated` is the instance path of the rule a case breaks, if any. */
export function rotation(ctx: SpaceContext): (body: unknown, violated?: string) => unknown {
  const enums = ctx.model.fields.flatMap((f) => {
    const members = stringMembers(f);
    return members.length > 1 && f.name in ctx.minimal ? [{ f, members, next: 0 }] : [];
  });
  return (body, violated) => {
    if (!isObject(body)) return body;
    let out = body;
    for (const e of enums)
      if (e.f.instancePath !== violated && out[e.f.name] === ctx.minimal[e.f.name])
        out = { ...out, [e.f.name]: e.members[e.next++ % e.members.length] };
    return out;
  };
}

/**
 * `body` under every other member of each enum it carries at a member: for the few classes whose bug may live in one
 * member's code path only (JSON written by hand in one type's serializer), where one member in turn is not enough.
 */
export function underEveryMember(ctx: SpaceContext, body: unknown): { member: string; body: unknown }[] {
  if (!isObject(body)) return [];
  return ctx.model.fields.flatMap((f) => {
    const members = stringMembers(f);
    const current = body[f.name];
    return typeof current === 'string' && members.includes(current)
      ? members.filter((m) => m !== current).map((member) => ({ member, body: { ...body, [f.name]: member } }))
      : [];
  });
}
