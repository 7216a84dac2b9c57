// The HAR 1.2 schema of the `har-schema` package (draft-06 JSON Schemas), compiled with Ajv 8 for the tests.
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

/** A validator of whole HAR files; its `errors` say why one is refused. */
export function harValidator(): ValidateFunction {
  // har-schema uses `min` (not a JSON Schema keyword) beside draft-06 ones: strict mode off, the meta-schema added.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object); // a JSON document
  const schemas = require('har-schema') as Record<string, object>; // the package's index: name → schema
  for (const [name, schema] of Object.entries(schemas)) if (name !== 'har') ajv.addSchema(schema);
  return ajv.compile(schemas['har']);
}
