/**
 * Constraint coverage. A valid case exercises a constraint when the validator had to apply it: the instance location
 * exists in the body and the keyword applies to its JSON type (`format` to strings, `required` to objects...). An
 * invalid case exercises the one constraint its violation names.
 */
import type { TestCase } from './case.ts';
import { caseValue } from './draft.ts';
import type { Constraint, RequestModel } from './model.ts';
import { isObject } from '../types.ts';

export interface CoverageRow {
  pointer: string;
  keyword: string;
  valid: number;
  invalid: number;
}

const STRING_KEYWORDS = new Set(['format', 'minLength', 'maxLength', 'pattern']);
const NUMBER_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);
const ARRAY_KEYWORDS = new Set(['minItems', 'maxItems', 'uniqueItems']);
const OBJECT_KEYWORDS = new Set(['required', 'additionalProperties', 'minProperties', 'maxProperties']);

/** Whether the validator applies `c` to `body` (the body being valid). */
export function exercises(c: Constraint, body: unknown): boolean {
  let instance: unknown = body;
  if (c.field !== undefined) {
    if (!isObject(body) || !Object.hasOwn(body, c.field)) return false;
    instance = body[c.field];
  }
  if (STRING_KEYWORDS.has(c.keyword)) return typeof instance === 'string';
  if (NUMBER_KEYWORDS.has(c.keyword)) return typeof instance === 'number';
  if (ARRAY_KEYWORDS.has(c.keyword)) return Array.isArray(instance);
  if (OBJECT_KEYWORDS.has(c.keyword)) return isObject(instance);
  return true;
}

export function coverageOf(model: RequestModel): { record(c: TestCase): void; rows(): CoverageRow[] } {
  const rows = new Map<string, CoverageRow>();
  const byRule = new Map<string, CoverageRow>();
  const entries: { constraint: Constraint; row: CoverageRow }[] = [];
  for (const c of model.constraints) {
    const rule = `${c.pointer}/${c.keyword}`;
    let row = rows.get(rule);
    if (!row) {
      row = { pointer: c.pointer, keyword: c.keyword, valid: 0, invalid: 0 };
      rows.set(rule, row);
      byRule.set(rule, row);
    }
    entries.push({ constraint: c, row });
  }
  return {
    record(c) {
      const value = c.kind === 'valid' ? caseValue(c) : undefined;
      if (value !== undefined) {
        const counted = new Set<CoverageRow>();
        for (const e of entries) {
          if (!counted.has(e.row) && exercises(e.constraint, value)) {
            e.row.valid++;
            counted.add(e.row);
          }
        }
      } else if (c.kind === 'schema-violation' && c.violation) {
        const row = byRule.get(c.violation.rule);
        if (row) row.invalid++;
      }
    },
    rows() {
      return [...rows.values()].map((r) => ({ ...r }));
    },
  };
}
