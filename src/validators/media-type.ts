/** A parsed media type (RFC 9110 §8.3.1): lower-cased essence and parameters. */
export interface MediaType {
  readonly type: string;
  readonly subtype: string;
  readonly essence: string;
  readonly params: Readonly<Record<string, string>>;
}

// A run sees a handful of distinct Content-Type values, thousands of times each.
const parsedTypes = new Map<string, MediaType | undefined>();

/** Parses a Content-Type header value; undefined when absent or not a media type. */
export function parseMediaType(value: string | undefined): MediaType | undefined {
  if (value === undefined) return undefined;
  if (parsedTypes.has(value)) return parsedTypes.get(value);
  const parsed = parse(value);
  if (parsedTypes.size < 1000) parsedTypes.set(value, parsed);
  return parsed;
}

function parse(value: string): MediaType | undefined {
  const [head = '', ...rest] = value.split(';');
  const m = /^\s*([!#$%&'*+.^_`|~0-9a-z-]+)\/([!#$%&'*+.^_`|~0-9a-z-]+)\s*$/i.exec(head);
  if (!m) return undefined;
  const type = m[1].toLowerCase();
  const subtype = m[2].toLowerCase();
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0)
      params[p.slice(0, eq).trim().toLowerCase()] = p
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return { type, subtype, essence: `${type}/${subtype}`, params };
}

/**
 * Picks the declared media type (or range) that a concrete one falls under.
 * OpenAPI 3.0.4 §4.8.14: "the most specific key is applicable", e.g. `text/plain` over `text/*`.
 */
export function matchMediaType(concrete: MediaType | undefined, declared: Iterable<string>): string | undefined {
  if (!concrete) return undefined;
  let best: { key: string; score: number } | undefined;
  for (const key of declared) {
    const d = parseMediaType(key);
    if (!d) continue;
    const score = rangeScore(d, concrete);
    if (score > 0 && (!best || score > best.score)) best = { key, score };
  }
  return best?.key;
}

function rangeScore(range: MediaType, concrete: MediaType): number {
  if (range.essence === concrete.essence) return 4;
  if (range.type !== '*' && range.type !== concrete.type) return range.essence === '*/*' ? 1 : 0;
  if (range.subtype === '*') return 2;
  // Structured-syntax ranges such as `application/*+json` (RFC 6839 suffixes).
  const suffix = /^\*\+(.+)$/.exec(range.subtype)?.[1];
  if (suffix !== undefined && concrete.subtype.endsWith('+' + suffix) && concrete.subtype.length > suffix.length + 1)
    return 3;
  return 0;
}

/** True when the value names a JSON media type (`application/json`, `text/json`, `*+json`). */
export function isJsonMediaType(value: string | undefined): boolean {
  const m = parseMediaType(value);
  return !!m && (m.subtype === 'json' || m.subtype.endsWith('+json'));
}
