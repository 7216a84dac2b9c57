import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { convertSchema, SPEC_BASE, type SchemaOrigins } from '../spec/convert.ts';
import { pointer, type LoadedSpec } from '../spec/load.ts';
import { parseMediaType, matchMediaType } from './media-type.ts';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `.default` is the plugin.
const addFormats = addFormatsModule.default;

/** One schema violation, located both in the instance and in the spec. */
export interface SchemaError {
  /** Ajv keyword that failed, e.g. `required`, `enum`, `format`. */
  readonly keyword: string;
  /** JSON pointer into the validated value. */
  readonly instancePath: string;
  /** JSON pointer into the OpenAPI document of the keyword that failed. */
  readonly rule: string;
  readonly message: string;
  readonly params: Record<string, unknown>;
}

/** A compiled validator for one (media type) or (status, media type) of the operation. */
export interface BodyValidator {
  readonly mediaType: string;
  /** JSON pointer of the schema in the spec. */
  readonly pointer: string;
  /** Returns the violations, empty when the value is valid. */
  validate(value: unknown): readonly SchemaError[];
}

/** A documented response of the operation: its key in `responses` and a validator per media type of its content. */
export interface DocumentedResponse {
  readonly status: string;
  readonly content: ReadonlyMap<string, BodyValidator>;
}

/** Every validator of the operation, compiled once per run. */
export interface Validators {
  /** Request body validators keyed by the media type (or range) as declared. */
  readonly request: ReadonlyMap<string, BodyValidator>;
  /** Response body validators: status → media type → validator. */
  readonly responses: ReadonlyMap<string, ReadonlyMap<string, BodyValidator>>;
  /** The validator for a sent Content-Type (ranges like `application/*+json` honoured), if declared. */
  requestFor(contentType: string | undefined): BodyValidator | undefined;
  /**
   * The response the spec documents for a status, as OpenAPI 3.0.4 §4.8.16.2 picks it: the explicit code, else its
   * range (`4XX`), else `default`; undefined when none. `status` is the key as documented.
   */
  findResponse(status: number): DocumentedResponse | undefined;
  /** The validator for a received status and Content-Type, if the spec documents that pair. */
  responseFor(status: number, contentType: string | undefined): BodyValidator | undefined;
  /** The statuses the spec documents for the operation (`default` included when present). */
  readonly documentedStatuses: readonly string[];
}

/** Creates the Ajv instance the suite uses: strict, every error, formats from ajv-formats (full mode). */
export function createAjv(): Ajv {
  // allowUnionTypes: OpenAPI `nullable` becomes `type: [T, "null"]`.
  // verbose: errors carry their parentSchema, which maps back to a spec pointer.
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true, validateFormats: true, verbose: true });
  addFormats(ajv, { mode: 'full' });
  // RFC 3339's date-time production has "T" (or "t") between date and time, and an offset of "Z" or hours ":"
  // minutes (§5.6 time-numoffset); ajv-formats also takes a space, which only a note of RFC 3339 §5.6 lets
  // applications agree on, and `+0000` or `+00` (strftime's %z), which strict readers (Go's time.RFC3339, Java's
  // OffsetDateTime, .NET's round-trip format) refuse.
  // Cast: the full mode's date-time is fmtDef(getDateTime(true), compareDateTime), a sync string format
  // (ajv-formats/dist/formats.js); Format's type is the union of every kind of format.
  const dateTime = addFormats.get('date-time', 'full') as {
    validate: (s: string) => boolean;
    compare: (a: string, b: string) => number | undefined;
  };
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (s: string) => /^\d{4}-\d{2}-\d{2}[Tt].*(?:[Zz]|[+-]\d{2}:\d{2})$/.test(s) && dateTime.validate(s),
    compare: dateTime.compare,
  });
  return ajv;
}

function toSchemaError(e: ErrorObject, origins: SchemaOrigins): SchemaError {
  // Ajv inlines $refs, so its schemaPath may name the referring schema; the parent schema object is exact.
  const parent =
    e.parentSchema !== undefined && typeof e.parentSchema === 'object' ? origins.get(e.parentSchema) : undefined;
  return {
    keyword: e.keyword,
    instancePath: e.instancePath,
    rule: parent === undefined ? e.schemaPath : `${parent}/${e.keyword}`,
    message: e.message ?? e.keyword,
    params: e.params as Record<string, unknown>,
  };
}

/** A converted schema as Ajv takes it: `true`/`false` become `{}` / `{ not: {} }`. */
function asSchema(converted: ReturnType<typeof convertSchema>): object {
  if (converted === true) return {};
  if (converted === false) return { not: {} };
  return converted as object;
}

function compileBody(ajv: Ajv, origins: SchemaOrigins, schema: unknown, mediaType: string, ptr: string): BodyValidator {
  const converted = convertSchema(schema, ptr, origins);
  const fn: ValidateFunction = ajv.compile(asSchema(converted));
  return {
    mediaType,
    pointer: ptr,
    validate(value) {
      return fn(value) ? [] : (fn.errors ?? []).map((e) => toSchemaError(e, origins));
    },
  };
}

/** Compiles one validator per request media type and per response (status, media type) of the operation. */
export function buildValidators(spec: LoadedSpec, ajv: Ajv = createAjv()): Validators {
  const origins: SchemaOrigins = new WeakMap();
  for (const [name, schema] of Object.entries(spec.document.components?.schemas ?? {})) {
    const at = pointer('components', 'schemas', name);
    ajv.addSchema(asSchema(convertSchema(schema, at, origins)), SPEC_BASE + at);
  }
  const op = spec.operation;
  const request = new Map<string, BodyValidator>();
  const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  for (const [mediaType, media] of Object.entries(body?.content ?? {})) {
    if (!media.schema) continue;
    const ptr = spec.operationPointer + pointer('requestBody', 'content', mediaType, 'schema');
    request.set(mediaType, compileBody(ajv, origins, media.schema, mediaType, ptr));
  }
  const responses = new Map<string, Map<string, BodyValidator>>();
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const byType = new Map<string, BodyValidator>();
    for (const [mediaType, media] of Object.entries((response as OpenAPIV3.ResponseObject).content ?? {})) {
      if (!media.schema) continue;
      const ptr = spec.operationPointer + pointer('responses', status, 'content', mediaType, 'schema');
      byType.set(mediaType, compileBody(ajv, origins, media.schema, mediaType, ptr));
    }
    responses.set(status, byType);
  }
  const documentedStatuses = [...responses.keys()];
  const findResponse = (status: number): DocumentedResponse | undefined => {
    // OpenAPI 3.0.4 §4.8.16.2: an explicit code beats a range (2XX), which beats `default`.
    for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
      const content = responses.get(key);
      if (content) return { status: key, content };
    }
    return undefined;
  };
  return {
    request,
    responses,
    documentedStatuses,
    requestFor(contentType) {
      const key = matchMediaType(parseMediaType(contentType), request.keys());
      return key === undefined ? undefined : request.get(key);
    },
    findResponse,
    responseFor(status, contentType) {
      const byType = findResponse(status)?.content;
      if (!byType) return undefined;
      const key = matchMediaType(parseMediaType(contentType), byType.keys());
      return key === undefined ? undefined : byType.get(key);
    },
  };
}
