import { readFile } from 'node:fs/promises';

/** A pact that cannot be used (unreadable, not JSON, not a pact): the CLI turns it into one line and exit code 2. */
export class PactFileError extends Error {
  override readonly name = 'PactFileError';
}

/** One side of an HTTP interaction, with the example values as the pact records them (matchers not applied). */
export interface PactMessage {
  /** Header names lower-cased; repeated values joined with `, ` (V4 records each header as a list). */
  readonly headers: Readonly<Record<string, string>>;
  /** The Content-Type: the header, else the V4 body's `contentType`. */
  readonly contentType: string | undefined;
  /** Whether the pact records a body at all. */
  readonly hasBody: boolean;
  /** The body: parsed JSON for a JSON content type, the text otherwise; undefined when there is none. */
  readonly body: unknown;
}

/** An HTTP interaction of a pact (V2, V3 or V4 `Synchronous/HTTP`), reduced to what the suite judges. */
export interface PactHttpInteraction {
  readonly description: string;
  /** Index in the pact's `interactions`. */
  readonly index: number;
  readonly providerStates: readonly string[];
  readonly request: PactMessage & { readonly method: string; readonly path: string };
  readonly response: PactMessage & { readonly status: number };
}

/** A pact file, parsed. */
export interface ParsedPact {
  readonly consumer: string;
  readonly provider: string;
  /** `metadata.pactSpecification.version`, e.g. `4.0`. */
  readonly specification: string | undefined;
  readonly interactions: readonly PactHttpInteraction[];
  /** Interactions that are not HTTP (V4 messages), by description: this suite judges HTTP only. */
  readonly otherInteractions: readonly string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads and parses a pact file; throws {@link PactFileError} when it is not a usable pact. */
export async function readPactFile(path: string): Promise<{ json: unknown; pact: ParsedPact }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new PactFileError(`cannot read pact ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PactFileError(`pact ${path} is not JSON: ${(e as Error).message}`);
  }
  return { json, pact: parsePact(json, path) };
}

/** Parses a pact already in memory; throws {@link PactFileError} when it is not a pact with interactions. */
export function parsePact(json: unknown, source = 'pact'): ParsedPact {
  if (!isObject(json)) throw new PactFileError(`${source} is not a pact (not a JSON object)`);
  const name = (v: unknown) => (isObject(v) && typeof v['name'] === 'string' ? v['name'] : undefined);
  const consumer = name(json['consumer']);
  const provider = name(json['provider']);
  if (consumer === undefined || provider === undefined)
    throw new PactFileError(`${source} is not a pact (no consumer/provider name)`);
  const list = json['interactions'];
  if (!Array.isArray(list) || list.length === 0) throw new PactFileError(`${source} has no interactions`);
  const metadata = isObject(json['metadata']) ? json['metadata'] : {};
  const specVersion = [metadata['pactSpecification'], metadata['pact-specification']].find(isObject)?.['version'];
  const interactions: PactHttpInteraction[] = [];
  const otherInteractions: string[] = [];
  list.forEach((raw: unknown, index) => {
    if (!isObject(raw)) throw new PactFileError(`${source}: interactions[${index}] is not an object`);
    const description = typeof raw['description'] === 'string' ? raw['description'] : `interactions[${index}]`;
    const kind = raw['type'];
    if (kind !== undefined && kind !== 'Synchronous/HTTP') {
      otherInteractions.push(description);
      return;
    }
    const request = raw['request'];
    const response = raw['response'];
    if (!isObject(request) || !isObject(response))
      throw new PactFileError(`${source}: interaction "${description}" has no request or response`);
    if (typeof request['method'] !== 'string' || typeof request['path'] !== 'string') {
      throw new PactFileError(`${source}: interaction "${description}" has no request method or path`);
    }
    const status = response['status'];
    if (typeof status !== 'number' || !Number.isInteger(status))
      throw new PactFileError(`${source}: interaction "${description}" has no response status`);
    interactions.push({
      description,
      index,
      providerStates: providerStates(raw),
      request: { ...message(request), method: request['method'].toUpperCase(), path: request['path'] },
      response: { ...message(response), status },
    });
  });
  return {
    consumer,
    provider,
    specification: typeof specVersion === 'string' ? specVersion : undefined,
    interactions,
    otherInteractions,
  };
}

function providerStates(raw: Json): string[] {
  const states = raw['providerStates'];
  if (Array.isArray(states))
    return states.flatMap((s: unknown) => (isObject(s) && typeof s['name'] === 'string' ? [s['name']] : []));
  return typeof raw['providerState'] === 'string' ? [raw['providerState']] : [];
}

function message(part: Json): PactMessage {
  const headers: Record<string, string> = {};
  if (isObject(part['headers'])) {
    for (const [k, v] of Object.entries(part['headers'])) {
      headers[k.toLowerCase()] = Array.isArray(v) ? v.map(String).join(', ') : String(v);
    }
  }
  const raw = part['body'];
  // V4 wraps the body: { content, contentType, encoded }. V2/V3 hold the value itself.
  const v4 = isObject(raw) && 'content' in raw && ('contentType' in raw || 'encoded' in raw);
  const contentType =
    headers['content-type'] ?? (v4 && typeof raw['contentType'] === 'string' ? raw['contentType'] : undefined);
  if (raw === undefined) return { headers, contentType, hasBody: false, body: undefined };
  let body: unknown = v4 ? raw['content'] : raw;
  // `encoded` is false, "base64", or "json" (the content is JSON text).
  const encoded = v4 && typeof raw['encoded'] === 'string' ? raw['encoded'].toLowerCase() : undefined;
  if (encoded === 'base64' && typeof body === 'string') body = Buffer.from(body, 'base64').toString('utf8');
  if (typeof body === 'string' && (encoded === 'json' || /[/+]json\s*(;|$)/i.test(contentType ?? ''))) {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      // Kept as text: the schema check then reports that it is not the declared object.
    }
  }
  return { headers, contentType, hasBody: true, body };
}
