/** Raw messages (`Wire`, ../case.ts): the header fields a case writes byte by byte, in the HTTP client's order. */
import { TOOL } from '../../version.ts';
import { WIRE_TOKEN, type Wire } from '../case.ts';

/** The Authorization field the run's valid credentials make. */
export const VALID_AUTHORIZATION = `Bearer ${WIRE_TOKEN}`;

/** What a raw case writes besides its body: a Content-Type (none when undefined), its Authorization lines in order. */
export interface WireFields {
  readonly contentType: string | undefined;
  /** The Accept field: `application/json` unless given; null sends none. */
  readonly accept?: string | null;
  /** null sends no User-Agent (the suite's own name otherwise). */
  readonly userAgent?: null;
  readonly authorization?: readonly string[];
  /** More fields after these (a Content-Encoding). */
  readonly extra?: readonly (readonly [string, string])[];
}

/** A raw message: the fields the HTTP client would write (Accept, User-Agent, Content-Type, Authorization), then `extra`. */
export function wire(
  f: WireFields,
  framing: Omit<Wire, 'headers' | 'bodyBase64'> = { framing: 'length' },
  bytes?: Buffer,
): Wire {
  const accept = f.accept === undefined ? 'application/json' : f.accept;
  const headers: [string, string][] = [
    ...(accept === null ? [] : [['Accept', accept] as [string, string]]),
    ...(f.userAgent === null ? [] : [['User-Agent', `${TOOL.name}/${TOOL.version}`] as [string, string]]),
  ];
  if (f.contentType !== undefined) headers.push(['Content-Type', f.contentType]);
  for (const a of f.authorization ?? [VALID_AUTHORIZATION]) headers.push(['Authorization', a]);
  headers.push(...(f.extra ?? []).map(([k, v]): [string, string] => [k, v]));
  return { ...framing, headers, ...(bytes === undefined ? {} : { bodyBase64: bytes.toString('base64') }) };
}
