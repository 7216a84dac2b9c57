/**
 * What a string that is no RFC 3339 `date-time` (OpenAPI 3.0.4 §4.4: format `date-time` is RFC 3339 §5.6) looks like,
 * in words that are the same in every run (never the value: a creation time changes each run), so that an RFC 822 date
 * and a date-time without an offset are not one title; undefined when it resembles nothing common.
 */
export function dateTimeShape(s: string): string | undefined {
  for (const [pattern, words] of SHAPES) if (pattern.test(s)) return words;
  return undefined;
}

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const TIME = String.raw`\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?`;

/** Common departures, most specific first. */
const SHAPES: readonly (readonly [RegExp, string])[] = [
  // Python's str(datetime), SQL's timestamp text.
  [new RegExp(`^${DATE} ${TIME}(?:Z|[+-]\\d{2}(?::?\\d{2})?)?$`, 'i'), 'a space where RFC 3339 has T'],
  // strftime's %z, Java's `Z` pattern letter.
  [
    new RegExp(`^${DATE}T${TIME}[+-]\\d{4}$`, 'i'),
    'a UTC offset without its colon (+0000), which RFC 3339 does not take',
  ],
  [new RegExp(`^${DATE}T${TIME}[+-]\\d{2}$`, 'i'), 'a UTC offset in hours only (+00), which RFC 3339 does not take'],
  // A local time: .NET's DateTime of kind Unspecified, Python's naive datetime.
  [new RegExp(`^${DATE}T${TIME}$`, 'i'), 'no UTC offset (RFC 3339 requires Z or ±hh:mm)'],
  [new RegExp(`^${DATE}$`), 'a date without its time'],
  // RFC 822/1123 and IMF-fixdate (RFC 9110 §5.6.7): the HTTP date format, a serializer's default (Flask-RESTful's).
  [
    /^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? /,
    'an HTTP date (RFC 822/IMF-fixdate), not RFC 3339',
  ],
  [
    /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} /,
    'a date as a language prints it (JavaScript’s or Java’s Date.toString), not RFC 3339',
  ],
  [/^\d{9,13}(?:\.\d+)?$/, 'a number of seconds or milliseconds since the epoch, not RFC 3339'],
];
