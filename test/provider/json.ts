// JSON writing that survives any nesting depth. JSON.parse accepts a 1 MiB body
// of 500,000 nested arrays, but JSON.stringify recurses and throws a RangeError
// past a few thousand levels; `properties` may legally be that deep, and the
// reference echoes it, so it falls back to an explicit-stack writer.

type Item = { readonly literal: string } | { readonly value: unknown };

/** JSON.stringify semantics for JSON.parse output; optionally writes object keys in reverse order. */
export function writeJson(value: unknown, reverseKeys = false): string {
  if (!reverseKeys) {
    try {
      return JSON.stringify(value);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  const out: string[] = [];
  const stack: Item[] = [{ value }];
  const push = (items: Item[]): void => {
    for (let i = items.length - 1; i >= 0; i -= 1) stack.push(items[i]);
  };
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if ('literal' in item) {
      out.push(item.literal);
      continue;
    }
    const v = item.value;
    if (Array.isArray(v)) {
      const items: Item[] = [{ literal: '[' }];
      v.forEach((element, i) =>
        items.push({ literal: i === 0 ? '' : ',' }, { value: element === undefined ? null : element }),
      );
      items.push({ literal: ']' });
      push(items);
    } else if (typeof v === 'object' && v !== null) {
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined);
      if (reverseKeys) keys.reverse();
      const items: Item[] = [{ literal: '{' }];
      keys.forEach((k, i) =>
        items.push({ literal: `${i === 0 ? '' : ','}${JSON.stringify(k)}:` }, { value: record[k] }),
      );
      items.push({ literal: '}' });
      push(items);
    } else {
      out.push(JSON.stringify(v) ?? 'null');
    }
  }
  return out.join('');
}
