/**
 * The request space: its dimensions, one file each, in the order the boundary phase sends their cases (the scheduler
 * then sends one case per class first). A new dimension is a new file listed here; `docs/request-space.md` is
 * generated from this list (test/unit/generators/request-space.test.ts).
 */
import { accept } from './accept.ts';
import { bodies } from './bodies.ts';
import type { Dimension } from './class.ts';
import { connection } from './connection.ts';
import { credentials } from './credentials.ts';
import { depth } from './depth.ts';
import { encodings } from './encodings.ts';
import { fields } from './fields.ts';
import { formats } from './formats.ts';
import { framing } from './framing.ts';
import { jsonText } from './json-text.ts';
import { malformed } from './malformed.ts';
import { mediaTypes } from './media-types.ts';
import { memberNames } from './member-names.ts';
import { methods } from './methods.ts';
import { numbers } from './numbers.ts';
import { paths } from './paths.ts';
import { protocol } from './protocol.ts';
import { schemaViolations } from './schema-violations.ts';

export type { Dimension, RequestClass, SpaceContext } from './class.ts';

/** Every dimension, in order. */
export const DIMENSIONS: readonly Dimension[] = [
  bodies,
  formats,
  jsonText,
  numbers,
  depth,
  schemaViolations,
  memberNames,
  malformed,
  framing,
  protocol,
  connection,
  encodings,
  credentials,
  mediaTypes,
  accept,
  fields,
  methods,
  paths,
];
