/**
 * The request schema as the generators see it: the spec's request body schema, converted exactly as the validators
 * convert it (src/spec/convert.ts: `nullable` honoured only beside `type`), with every `$ref` followed and every
 * keyword located by its JSON pointer in the spec. Nothing here names a field of this particular API: the required
 * list, the types, nullability, enums, formats and `additionalProperties` all come from the document.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { convertSchema, SPEC_BASE, type SchemaOrigins } from '../spec/convert.ts';
import { pointer, pointerToken, resolvePointer, type LoadedSpec } from '../spec/load.ts';
import type { BodyValidator, Validators } from '../validators/index.ts';
import { parseMediaType } from '../validators/media-type.ts';
import { isObject } from '../types.ts';

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

/** A converted schema object. */
export type Schema = Readonly<Record<string, unknown>>;

/** A converted schema with `$ref`s followed, and the spec pointer its keywords live at. */
export interface Located {
  readonly schema: Schema;
  readonly pointer: string;
}

/** What a free string is used for, guessed from its name and description, so that values look plausible and stay synthetic. */
export type StringHint = 'email' | 'url' | undefined;

/** One property of the request body. */
export interface FieldModel {
  readonly name: string;
  /** JSON pointer of the property in the body, e.g. `/brand`. */
  readonly instancePath: string;
  /** Spec pointer of the (resolved) schema whose keywords apply, e.g. `/components/schemas/X/properties/brand`. */
  readonly pointer: string;
  readonly schema: Schema;
  /** Allowed JSON types; undefined when the schema does not restrict the type (any JSON value). */
  readonly types: readonly JsonType[] | undefined;
  readonly enumValues: readonly unknown[] | undefined;
  readonly format: string | undefined;
  readonly required: boolean;
  /** null is an accepted value. */
  readonly nullable: boolean;
  readonly hint: StringHint;
}

/** A Content-Type to send for one declared request media type (a range such as `application/*+json` made concrete). */
export interface MediaChoice {
  /** The media type or range as the spec declares it. */
  readonly declared: string;
  /** The exact header value sent. */
  readonly contentType: string;
  /** Label-safe name, e.g. `text-json`, `application-json-charset`. */
  readonly slug: string;
}

/** A constraint of the request schema (a keyword at a spec pointer) and the body location it applies to. */
export interface Constraint {
  readonly pointer: string;
  readonly keyword: string;
  readonly instancePath: string;
  /** The field it belongs to, or undefined for the root. */
  readonly field: string | undefined;
}

export interface RequestModel {
  readonly spec: LoadedSpec;
  readonly validators: Validators;
  /** Content-Type of ordinary cases: `application/json` when declared. */
  readonly primary: MediaChoice;
  /** Every declared media type made concrete, without and with `; charset=utf-8`. */
  readonly media: readonly MediaChoice[];
  /** The validator of the primary media type. */
  readonly validator: BodyValidator;
  /** Spec pointer of the root (resolved) body schema. */
  readonly rootPointer: string;
  readonly rootTypes: readonly JsonType[] | undefined;
  readonly required: readonly string[];
  /** `additionalProperties: false` at the root: unknown properties are a violation. */
  readonly closed: boolean;
  readonly fields: readonly FieldModel[];
  readonly constraints: readonly Constraint[];
}

/** Each declared media type but the primary, without parameters (its charset-labelled spelling is the same branch). */
export function otherMedia(model: Pick<RequestModel, 'media' | 'primary'>): readonly MediaChoice[] {
  return model.media.filter((m) => m !== model.primary && !m.contentType.includes(';'));
}

/** Keywords that constrain an instance (annotations and applicator containers are left out). */
const CONSTRAINT_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'format',
  'required',
  'additionalProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'not',
  'allOf',
  'anyOf',
  'oneOf',
]);

/** A concrete subtype for a structured-syntax range such as `application/*+json` (RFC 6839): never send the asterisk. */
const VENDOR_PREFIX = 'vnd.connect';

function slugOf(contentType: string): string {
  return contentType
    .toLowerCase()
    .replace(/;\s*charset=utf-8$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Makes a declared media type (or range) concrete; undefined when it is not JSON-like enough to build a JSON body for. */
function concreteMediaType(declared: string): string | undefined {
  const m = parseMediaType(declared);
  if (!m) return undefined;
  const type = m.type === '*' ? 'application' : m.type;
  let subtype = m.subtype;
  if (subtype === '*') subtype = 'json';
  else if (subtype.startsWith('*+')) subtype = `${VENDOR_PREFIX}${subtype.slice(1)}`;
  else if (subtype.includes('*')) return undefined;
  return `${type}/${subtype}`;
}

function typesOf(schema: Schema): readonly JsonType[] | undefined {
  const t = schema['type'];
  if (typeof t === 'string') return [t as JsonType];
  if (Array.isArray(t)) return t as JsonType[];
  return undefined;
}

function hintOf(name: string, schema: Schema): StringHint {
  const words = [
    ...(name.match(/[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? []),
    ...(typeof schema['description'] === 'string' ? schema['description'].split(/[^A-Za-z0-9-]+/) : []),
  ].map((w) => w.toLowerCase());
  if (words.some((w) => w === 'email' || w === 'e-mail')) return 'email';
  if (words.some((w) => w === 'url' || w === 'uri')) return 'url';
  return undefined;
}

/** Accepts `value` when `types` allows its JSON type (integer within number). */
export function typeAllows(types: readonly JsonType[] | undefined, t: JsonType): boolean {
  if (types === undefined) return true;
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

/** Builds the model of the request body of the operation under test. */
function buildModel(spec: LoadedSpec, validators: Validators): RequestModel {
  // Component schemas, converted as the validators convert them; `$ref`s resolve against this registry.
  const origins: SchemaOrigins = new WeakMap();
  const registry = new Map<string, Located>();
  for (const [name, schema] of Object.entries(spec.document.components?.schemas ?? {})) {
    const at = pointer('components', 'schemas', name);
    const converted = convertSchema(schema, at, origins);
    if (isObject(converted)) registry.set(SPEC_BASE + at, { schema: converted, pointer: at });
  }
  const resolve = (schema: unknown, at: string): Located => {
    let node = schema;
    let where = at;
    for (let hops = 0; isObject(node) && typeof node['$ref'] === 'string'; hops++) {
      const target = registry.get(node['$ref']);
      if (!target || hops > 32) throw new Error(`generators: cannot resolve ${node['$ref']} at ${where}`);
      node = target.schema;
      where = target.pointer;
    }
    return { schema: isObject(node) ? node : {}, pointer: where };
  };

  let body = spec.operation.requestBody;
  if (body && '$ref' in body)
    body = resolvePointer(spec.document, body.$ref.replace(/^#/, '')) as OpenAPIV3.RequestBodyObject | undefined;
  const content = body?.content ?? {};
  const declared = Object.keys(content).filter((k) => content[k]?.schema !== undefined);
  if (declared.length === 0) throw new Error(`generators: ${spec.operationPointer} declares no request body schema`);

  const media: MediaChoice[] = [];
  for (const d of declared) {
    const concrete = concreteMediaType(d);
    if (concrete === undefined || validators.requestFor(concrete) === undefined) continue;
    media.push({ declared: d, contentType: concrete, slug: slugOf(concrete) });
    const withCharset = `${concrete}; charset=utf-8`;
    media.push({ declared: d, contentType: withCharset, slug: `${slugOf(concrete)}-charset` });
  }
  if (media.length === 0)
    throw new Error(`generators: no declared request media type can be sent (${declared.join(', ')})`);
  const primary = media.find((m) => m.contentType === 'application/json') ?? media[0];
  const validator = validators.requestFor(primary.contentType)!;

  const rootAt = spec.operationPointer + pointer('requestBody', 'content', primary.declared, 'schema');
  const root = resolve(convertSchema(content[primary.declared].schema, rootAt, origins), rootAt);
  const required = Array.isArray(root.schema['required']) ? (root.schema['required'] as string[]) : [];
  const props = isObject(root.schema['properties']) ? root.schema['properties'] : {};
  const fields: FieldModel[] = Object.entries(props).map(([name, sub]) => {
    const loc = resolve(sub, `${root.pointer}/properties/${pointerToken(name)}`);
    const types = typesOf(loc.schema);
    const enumValues = Array.isArray(loc.schema['enum']) ? (loc.schema['enum'] as unknown[]) : undefined;
    const nullable = typeAllows(types, 'null') && (enumValues === undefined || enumValues.includes(null));
    return {
      name,
      instancePath: '/' + pointerToken(name),
      pointer: loc.pointer,
      schema: loc.schema,
      types,
      enumValues,
      format: typeof loc.schema['format'] === 'string' ? loc.schema['format'] : undefined,
      required: required.includes(name),
      nullable,
      hint: hintOf(name, loc.schema),
    };
  });

  const constraints: Constraint[] = [];
  for (const k of Object.keys(root.schema)) {
    if (CONSTRAINT_KEYWORDS.has(k))
      constraints.push({ pointer: root.pointer, keyword: k, instancePath: '', field: undefined });
  }
  for (const f of fields) {
    for (const k of Object.keys(f.schema)) {
      if (CONSTRAINT_KEYWORDS.has(k))
        constraints.push({ pointer: f.pointer, keyword: k, instancePath: f.instancePath, field: f.name });
    }
  }

  return {
    spec,
    validators,
    primary,
    media,
    validator,
    rootPointer: root.pointer,
    rootTypes: typesOf(root.schema),
    required,
    closed: root.schema['additionalProperties'] === false,
    fields,
    constraints,
  };
}

const models = new WeakMap<Validators, RequestModel>();

/** The model for a run's (spec, validators), built once. */
export function modelFor(spec: LoadedSpec, validators: Validators): RequestModel {
  let m = models.get(validators);
  if (!m || m.spec !== spec) {
    m = buildModel(spec, validators);
    models.set(validators, m);
  }
  return m;
}
