// What a created that is no RFC 3339 date-time looks like, in words: a data table of the shapes serializers write.
import { describe, expect, it } from 'vitest';
import { dateTimeShape } from '../../../src/checks/date-time-shape.ts';

describe('dateTimeShape', () => {
  it.each<[string, string, string | undefined]>([
    ["Python's str(datetime)", '2026-12-04 15:00:00.123456+00:00', 'a space where RFC 3339 has T'],
    [
      "strftime's %z",
      '2026-12-04T15:00:00+0000',
      'a UTC offset without its colon (+0000), which RFC 3339 does not take',
    ],
    ['hours only', '2026-12-04T15:00:00+00', 'a UTC offset in hours only (+00), which RFC 3339 does not take'],
    ['a naive datetime', '2026-12-04T15:00:00.123', 'no UTC offset (RFC 3339 requires Z or ±hh:mm)'],
    ['a date', '2026-12-04', 'a date without its time'],
    [
      "Flask-RESTful's fields.DateTime (RFC 822)",
      'Fri, 04 Dec 2026 15:00:00 -0000',
      'an HTTP date (RFC 822/IMF-fixdate), not RFC 3339',
    ],
    ['an IMF-fixdate', 'Fri, 04 Dec 2026 15:00:00 GMT', 'an HTTP date (RFC 822/IMF-fixdate), not RFC 3339'],
    [
      "JavaScript's Date.toString",
      'Fri Dec 04 2026 15:00:00 GMT+0000 (Coordinated Universal Time)',
      'a date as a language prints it (JavaScript’s or Java’s Date.toString), not RFC 3339',
    ],
    ['epoch milliseconds', '1796396400000', 'a number of seconds or milliseconds since the epoch, not RFC 3339'],
    ['something else', 'yesterday', undefined],
  ])('%s: %s', (_what, value, words) => {
    expect(dateTimeShape(value)).toBe(words);
  });
});
