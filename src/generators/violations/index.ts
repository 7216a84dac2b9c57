/**
 * The violation kinds, one file each (as Ajv keeps one file per keyword), in the order both phases use them: the
 * boundary phase sends their cases in this order, and the random phase's properties follow it (after `valid`), so
 * the order is part of what a seed replays. A new kind is a new file listed here.
 */
import { additionalProperties } from './additionalProperties.ts';
import { enumKind } from './enum.ts';
import { format } from './format.ts';
import type { ViolationKind } from './kind.ts';
import { required } from './required.ts';
import { type } from './type.ts';

export type { ViolationKind } from './kind.ts';

/** Every violation kind, in order. */
export const VIOLATIONS: readonly ViolationKind[] = [required, type, enumKind, format, additionalProperties];

/** The kind whose cases break `keyword`. */
export function violationKind(keyword: string): ViolationKind | undefined {
  return VIOLATIONS.find((k) => k.keyword === keyword);
}
