/**
 * One kind of schema violation (one JSON Schema keyword), as the generators know it: its boundary cases and its
 * random-phase arbitrary side by side, so that a constraint's members, fields and wrong values are written once.
 * The kinds are listed, in order, in `./index.ts`; both phases loop over that list. Certification stays with the
 * phases (`../boundary.ts`, `../random.ts`): a kind proposes candidates, the validator decides.
 */
import type fc from 'fast-check';
import type { Violation } from '../case.ts';
import { draft, type Draft } from '../draft.ts';
import type { FieldModel, RequestModel } from '../model.ts';

export type Body = Record<string, unknown>;

/** What a kind's boundary cases are built from: the model and its two canonical bodies. */
export interface BoundaryContext {
  readonly model: RequestModel;
  /** The required fields with their canonical values. */
  readonly minimal: Body;
  /** Every field with its canonical value. */
  readonly all: Body;
}

/** What a kind's random arbitrary is built from: the model and the arbitrary of valid bodies it mutates. */
export interface RandomContext {
  readonly model: RequestModel;
  readonly base: fc.Arbitrary<Body>;
}

/** A valid boundary case a kind contributes (a value at the edge of its constraint, still inside it). */
export interface ValidCandidate {
  readonly label: string;
  readonly body: Body;
  /** Why a refusal is only a warning (see `TestCase.advisory`). */
  readonly advisory?: string;
}

/** An invalid boundary case: the body breaks exactly `violation` (certification checks that on the bytes sent). */
export interface InvalidCandidate {
  readonly label: string;
  readonly body: unknown;
  readonly violation: Violation;
  /** Sent under this declared media type instead of the primary one. */
  readonly contentType?: string;
  /** Sent with this query string (`TestCase.query`). */
  readonly query?: string;
  /** Sent with this Accept field instead of `application/json` (the message written byte by byte). */
  readonly accept?: string;
}

/** One violation kind, registered in `./index.ts`. */
export interface ViolationKind {
  /** The JSON Schema keyword its cases break: their `violation.keyword`. */
  readonly keyword: string;
  /** The random-phase property key of its arbitrary (also its class in `Plan.byClass`). */
  readonly property: string;
  /** Valid cases at the edge of the constraint, sent in the boundary phase's valid part. */
  validCases?(ctx: BoundaryContext): ValidCandidate[];
  /** Boundary cases, one violation each, in a stable order. */
  invalidCases(ctx: BoundaryContext): InvalidCandidate[];
  /** The random arbitrary (uncertified), or undefined when the schema has no constraint of this kind. */
  arbitrary(ctx: RandomContext): fc.Arbitrary<Draft> | undefined;
}

/** The violation of `keyword` on field `f`, cited at the field's schema. */
export function fieldViolation(f: FieldModel, keyword: string): Violation {
  return { keyword, rule: `${f.pointer}/${keyword}`, instancePath: f.instancePath };
}

/** The violation of `keyword` on the body itself, cited at the request schema. */
export function rootViolation(model: RequestModel, keyword: string): Violation {
  return { keyword, rule: `${model.rootPointer}/${keyword}`, instancePath: '' };
}

/** `body` with field `f` set to `value`. */
export function withField(body: Body, f: FieldModel, value: unknown): Body {
  return { ...body, [f.name]: value };
}

/** A random-phase draft of a violation, sent with the primary media type; its value is parsed when it is yielded. */
export function randomDraft(model: RequestModel, label: string, body: unknown, violation: Violation): Draft {
  return draft('schema-violation', label, JSON.stringify(body), {
    contentType: model.primary.contentType,
    lazyValue: true,
    violation,
  });
}
