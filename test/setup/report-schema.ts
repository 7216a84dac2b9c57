// Every report the tests write is checked against the published schema (schemas/report.schema.json), so that the
// schema and docs/report.md cannot drift from what the suite writes.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `.default` is the plugin.
const addFormats = addFormatsModule.default;
const SCHEMA = JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')) as {
  properties: Record<string, unknown>;
};
const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

/** Throws, naming the first problems, unless `report` (a report.json as parsed) matches the schema. */
export function assertValidReport(report: unknown, where = 'report.json'): void {
  // A report as data (runSuite's answer) becomes report.json by JSON serialisation: judge that form.
  const json: unknown = JSON.parse(JSON.stringify(report));
  const problems = validate(json)
    ? []
    : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  // Readers may ignore unknown fields, but the suite documents every field it writes.
  for (const key of Object.keys(json as object))
    if (!(key in SCHEMA.properties)) problems.push(`/${key} is not in schemas/report.schema.json (document it there)`);
  if (problems.length > 0)
    throw new Error(`${where} does not match schemas/report.schema.json: ${problems.join('; ')}`);
}
