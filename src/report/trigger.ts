// What valid requests that failed alike carry that no valid request answered 2xx carried: the trigger of one bug met
// by requests of many classes (a Go type switch without json.Number panicked on every valid request with a number
// inside `properties`: nine problems, one per family, Echo probe). The boundary phase alone is read: it is the same in
// every run, so a problem merged by its trigger has the same signature whatever the seed (issue #23). A body's size is
// a trigger of requests of any kind (`sizeScope`).

/** The scope of the problems merged by a trigger starts so: `valid requests with a number in properties`. */
export const TRIGGER_PREFIX = 'valid requests with ';

/** The scope of the problems merged by their size starts so: `requests with a body over 10 KiB`. */
const SIZE_PREFIX = 'requests with a body over ';

/** Whether a scope is a trigger's (`triggerScope`, `sizeScope`). */
export function isTriggerScope(scope: string): boolean {
  return scope.startsWith(TRIGGER_PREFIX) || scope.startsWith(SIZE_PREFIX);
}

/**
 * The scope of problems whose requests were all larger than any that got another answer (a body limit answered 500
 * fails the long strings, the deep nesting and the invalid requests as big alike: three problems): over the largest
 * other, `under` bytes, in whole KiB where that still stays under the smallest of them, `over` bytes.
 */
export function sizeScope(under: number, over: number): string {
  const kib = Math.max(1, Math.ceil(under / 1024));
  return `${SIZE_PREFIX}${kib * 1024 < over ? `${kib} KiB` : `${under} bytes`}`;
}

/** The scope of the problems a feature of `featuresOf` triggers. */
export function triggerScope(feature: string): string {
  return `${TRIGGER_PREFIX}${feature}`;
}

/** Member names longer than this are no feature (a 256-character name would be a title of its own). */
const NAME_MOST = 40;

/** Values read per body at most: a body nested 10,000 levels deep is read whole, an endless one is not. */
const MOST_NODES = 50_000;

/** A JSON value's type in words, as a feature says it. */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return 'a string';
}

/**
 * What a request body carries (`json`, its JSON text, for what the value loses: a number's spelling), member by member: the shape of a top-level member's value (`properties as an array`,
 * `properties that is not an object`), each JSON type found in it at any depth (`a number in properties`, `null in
 * brand`), the names of the members inside it (`a member named __proto__`), an empty string, and text that is not
 * ASCII (in a string or a member name);
 * and anywhere: text that is not ASCII, a character beyond U+FFFF. None for a body that is not an object.
 */
export function featuresOf(body: unknown, json?: string): string[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const out = new Set<string>();
  // A number's spelling, which the value loses: a reader that makes a fraction or an exponent a decimal its writer
  // cannot write (Python's `parse_float=Decimal`) fails 42.5, 1E2 and 1e400 alike (aiohttp probe: three problems).
  if (json !== undefined && hasFloatLiteral(json)) out.add(FLOAT_LITERAL);
  // Text beyond ASCII in a member, and anywhere: a column or a decoder that cannot hold it fails whichever member holds
  // it (a 3-byte utf8 column: characters beyond U+FFFF, in every free string).
  const text = (t: string, member: string) => {
    if (!/[^\u0000-\u007f]/.test(t)) return;
    out.add(`text that is not ASCII in ${member}`);
    out.add('text that is not ASCII');
    if (/[\u{10000}-\u{10ffff}]/u.test(t)) out.add('a character beyond U+FFFF');
  };
  let budget = MOST_NODES;
  for (const [member, value] of Object.entries(body)) {
    // The member's own shape: a handler that asserts an object (Go's `v.(map[string]interface{})`) fails on every other
    // value, arrays, strings and numbers alike, where objects holding them were created (gin probe: three problems).
    const notObject = value === null || typeof value !== 'object' || Array.isArray(value);
    if (notObject) out.add(`${member} that is null or not an object`);
    if (notObject && value !== null) out.add(`${member} that is not an object`);
    if (Array.isArray(value)) out.add(`${member} as an array`);
    const stack: unknown[] = [value];
    while (stack.length > 0 && budget-- > 0) {
      const v = stack.pop();
      out.add(`${kindOf(v)} in ${member}`);
      if (typeof v === 'string') {
        if (v === '') out.add(`an empty string in ${member}`);
        else text(v, member);
      } else if (Array.isArray(v)) stack.push(...(v as unknown[]));
      else if (v !== null && typeof v === 'object') {
        for (const [name, inner] of Object.entries(v)) {
          text(name, member);
          // A name a parser or a binder treats apart (bourne refuses `__proto__` wherever it is: hapi probe, two problems).
          if (name.length <= NAME_MOST) out.add(`a member named ${name}`);
          stack.push(inner);
        }
      }
    }
  }
  return [...out];
}

/** The feature of a body that writes a number with a fraction or an exponent. */
const FLOAT_LITERAL = 'a number written with a fraction or an exponent';

/** Whether a JSON text writes a number with a fraction or an exponent, outside its strings. */
export function hasFloatLiteral(text: string): boolean {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if ((ch === '.' || ch === 'e' || ch === 'E') && i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9') return true;
  }
  return false;
}

/**
 * The trigger shared by the most of `candidates` (each with what it carried that no 2xx carried), at least two, and
 * those it covers; undefined when no feature is shared so. Ties go to the feature first in code-point order: the same
 * choice in every run.
 */
export function commonTrigger<T>(
  candidates: readonly T[],
  featuresOfCandidate: (c: T) => readonly string[],
): { feature: string; covered: T[] } | undefined {
  const counts = new Map<string, number>();
  for (const c of candidates) for (const f of featuresOfCandidate(c)) counts.set(f, (counts.get(f) ?? 0) + 1);
  let best: string | undefined;
  let most = 1;
  for (const [f, n] of counts)
    if (n > most || (n === most && best !== undefined && f < best)) {
      best = f;
      most = n;
    }
  if (best === undefined) return undefined;
  const feature = best;
  return { feature, covered: candidates.filter((c) => featuresOfCandidate(c).includes(feature)) };
}
