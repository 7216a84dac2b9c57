/**
 * A small JSON writer for bodies JSON.stringify cannot write: a number token verbatim (`1e400`, a 5,000-digit
 * integer, `-0`, `1.0`, `1E2`), a JSON text spliced in as it is (10,000 levels of nesting, a duplicate member), and
 * member names such as `__proto__` kept as own members. The writer is iterative, so no depth makes it recurse.
 */

/** JSON text written verbatim where the value stands (its author vouches that it is JSON). */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** A number token, verbatim (RFC 8259 §6 grammar; JSON.stringify would round it, or write `null` for 1e400). */
export function rawNumber(token: string): RawJson {
  return new RawJson(token);
}

type Item = { readonly literal: string } | { readonly value: unknown };

/**
 * JSON.stringify's output for plain JSON values, with `RawJson` spliced in; member order as given, at any depth.
 * `named`: a number beyond the double range (a parsed `1e400`) is written `Infinity`, not `null`, for messages.
 */
export function writeJson(value: unknown, named = false): string {
  const out: string[] = [];
  const stack: Item[] = [{ value }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if ('literal' in item) {
      out.push(item.literal);
      continue;
    }
    const v = item.value;
    if (v instanceof RawJson) out.push(v.text);
    else if (Array.isArray(v)) {
      stack.push({ literal: ']' });
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i] ?? null }, { literal: i === 0 ? '' : ',' });
      stack.push({ literal: '[' });
    } else if (typeof v === 'object' && v !== null) {
      // Own keys only, `__proto__` included when it is one (JSON.parse and Object.defineProperty make it so).
      const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
      stack.push({ literal: '}' });
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push(
          { value: (v as Record<string, unknown>)[keys[i]] },
          { literal: `${i === 0 ? '' : ','}${JSON.stringify(keys[i])}:` },
        );
      stack.push({ literal: '{' });
    } else if (named && typeof v === 'number' && !Number.isFinite(v)) out.push(String(v));
    else out.push(JSON.stringify(v) ?? 'null');
  }
  return out.join('');
}

/** An object with `entries` as own members, in order, `__proto__` included (an object literal would set the prototype). */
export function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}
