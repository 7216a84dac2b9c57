import type { Check } from './types.ts';
import { resolvePointer } from '../spec/load.ts';
import { fail, jsonBody, ofTheOperation, unlessRefusedByHttpLayer, warn, withResponse } from './util.ts';
import { dateTimeShape } from './date-time-shape.ts';
import type { SchemaError } from '../validators/index.ts';

/** A JSON reader's words for a text that ends before its value does (V8's). */
const CUT_TEXT = /end of JSON input|Unterminated string/i;
/** Text beyond ASCII, whose bytes a length counted in characters leaves out. */
const NOT_ASCII = /[\u0080-\uffff]/;

/** What is due where a body is not JSON: JSON text, the media type saying why (a bare one read as a header complaint). */
function jsonTextDue(mediaType: string): string {
  return `a JSON text, as ${mediaType} says`;
}

/**
 * Whether `text` reads as the start of indented JSON: an object or array, lines, and at least nine characters in ten
 * JSON's white space (RFC 8259 §2: space, tab, CR, LF). Spaces alone, without a value begun, are no JSON.
 */
function mostlyWhiteSpace(text: string): boolean {
  if (!/^\s*[[{]/.test(text) || !text.includes('\n')) return false;
  let blank = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) blank++;
  }
  return blank * 10 >= text.length * 9;
}

/** A documented status's body is JSON valid against its documented schema (OpenAPI 3.0.4 §4.8.14 Media Type). */
export const responseSchemaConformance: Check = {
  name: 'response-schema-conformance',
  description: 'the body of a documented status is valid against its documented schema',
  scope: 'request',
  // A HEAD answer carries no body whatever its status (RFC 9110 §9.3.2): there is nothing to judge.
  applies: (c) => c.method !== 'HEAD' && ofTheOperation(c),
  judge: unlessRefusedByHttpLayer(
    withResponse((_c, res, ctx) => {
      const byType = ctx.validators.findResponse(res.status)?.content;
      if (!byType || byType.size === 0) return undefined;
      // A wrong Content-Type is content-type-conformance's to report; the body is still judged by the documented schema.
      const validator =
        ctx.validators.responseFor(res.status, res.headers['content-type']) ??
        (byType.size === 1 ? [...byType.values()][0] : undefined);
      if (!validator) return undefined;
      if (res.truncated) {
        // Nothing in the spec or RFC 9110 bounds an error answer's size (an error message that prints the value sent
        // grows with it): advice; an answer to be judged (2xx) that cannot be read stays a failure.
        if (res.status >= 400 && res.status < 500)
          return warn(
            'body-too-large',
            validator.pointer,
            `${res.status} body is over the read cap and was not judged: an error answer this large (a message printing the value sent?) costs every client`,
          );
        // Mostly white space: JSON indented so deep that its indentation outgrew the cap (an echo of 10,000 levels
        // pretty-printed is ~200 MB; RFC 8259 §2 allows the white space): advice, the body not judged.
        if (mostlyWhiteSpace(res.body))
          return warn(
            'body-too-large',
            validator.pointer,
            `${res.status} body is over the read cap and was not judged: what was read is mostly white space, JSON indented so deep that the indentation outgrew the cap`,
          );
        return fail('body-too-large', validator.pointer, `${res.status} body exceeded the read cap and was cut`);
      }
      // A body that does not decode in the coding its Content-Encoding names cannot be read by any client (RFC 9110
      // §8.4): a compression layer that labels a body it did not compress, or compresses it twice.
      if (res.undecodable)
        return fail(
          'undecodable-content',
          validator.pointer,
          `${res.status} body does not decode as its Content-Encoding (${res.headers['content-encoding'] ?? ''}) says (RFC 9110 §8.4)`,
          res.body.slice(0, 200),
          `a body in the ${res.headers['content-encoding'] ?? ''} coding`,
        );
      // RFC 8259 §8.1: JSON text exchanged between systems MUST be UTF-8; other bytes are no JSON text, whatever a
      // lenient decoder (U+FFFD in their place) would make of them.
      if (res.notUtf8)
        return fail(
          'not-json',
          validator.pointer,
          res.endsInCharacter
            ? `${res.status} body is not JSON: it ends inside a character, cut short (a Content-Length counted in characters, not bytes? RFC 9110 §8.6)`
            : `${res.status} body is not JSON: its bytes are not UTF-8 (RFC 8259 §8.1)`,
          res.body.slice(0, 200),
          jsonTextDue(validator.mediaType),
        );
      const parsed = jsonBody(res);
      if (!parsed.ok) {
        return fail(
          'not-json',
          validator.pointer,
          CUT_TEXT.test(parsed.error) && NOT_ASCII.test(res.body)
            ? `${res.status} body is not JSON: it ends early, with text beyond ASCII in it (a Content-Length counted in characters, not bytes? RFC 9110 §8.6; ${parsed.error})`
            : `${res.status} body is not JSON (${parsed.error})`,
          res.body.slice(0, 200),
          jsonTextDue(validator.mediaType),
        );
      }
      const errors = validator.validate(parsed.value);
      // A refusal whose body validates but says nothing (`{}`, `{"errors":[]}`: a response schema stripping every
      // member, Fastify's with fastify-openapi-glue) tells a client nothing of what to mend: advice, not a failure.
      if (errors.length === 0 && res.status >= 400 && res.status < 500 && saysNothing(parsed.value))
        return warn(
          'error-says-nothing',
          validator.pointer,
          // The value as JSON, not the body's bytes: a trailing newline (Go's json.Encoder) split the report's line.
          `${res.status} body ${JSON.stringify(parsed.value).slice(0, 40)} says nothing of what was refused (the schema requires nothing)`,
          parsed.value,
        );
      return errors.map((e) => ({
        ...fail(
          'schema-violation',
          e.rule,
          `${res.status} body${e.instancePath ? ' at ' + e.instancePath : ''} ${e.message}${shapeOf(e, parsed.value)}`,
          resolvePointer(parsed.value, e.instancePath) ?? null,
          // What the schema wants, not the validator's report: for an extra member, that it be left out.
          e.keyword === 'additionalProperties'
            ? `no member ${JSON.stringify(e.params['additionalProperty'])}`
            : e.params,
        ),
        // The value in the answer it concerns: one wrong value breaking two keywords (an enum written as the integer 1
        // is neither a string nor a member of the enum) is one cause (src/report/cause.ts).
        ...(e.instancePath ? { at: e.instancePath } : {}),
      }));
    }),
  ),
};

/** What a value that is no date-time looks like (`dateTimeShape`), as the end of a message: `: a space where … T`. */
function shapeOf(e: SchemaError, body: unknown): string {
  if (e.keyword !== 'format' || e.params['format'] !== 'date-time') return '';
  const value = resolvePointer(body, e.instancePath);
  const shape = typeof value === 'string' ? dateTimeShape(value) : undefined;
  return shape === undefined ? '' : `: ${shape}`;
}

/** An object whose members are all null or empty (arrays, objects, strings): no member says anything. */
function saysNothing(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every(
    (v) =>
      v === null ||
      v === '' ||
      (Array.isArray(v) && v.length === 0) ||
      (typeof v === 'object' && Object.keys(v as object).length === 0),
  );
}
