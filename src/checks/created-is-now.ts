import type { Check } from './types.ts';
import { at } from './echo.ts';
import type { OperationProfile } from './profile.ts';
import { rulesOf } from './rules.ts';
import { answered, fail, warn } from './util.ts';

/** How far a creation time may be from the answer's `Date` (the server's own clock): a slow handler, a second's rounding. */
export const CREATED_SKEW_MS = 5 * 60_000;
/** How far it may be from the suite's clock when the answer has no `Date`: another host's clock may be off. */
export const CREATED_SKEW_NO_DATE_MS = 24 * 60 * 60_000;

/**
 * A distance in time for a message, in words that stay the same from run to run (a problem's title is its first
 * message, and a baseline keeps titles): whole years beyond two years (a zero value), a whole UTC offset, else the
 * tolerance it is beyond. The values themselves are the failure's received and documented.
 */
function distance(ms: number, tolerance: string): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const years = minutes / (365.2425 * 24 * 60);
  if (years >= 2) return `${Math.round(years).toLocaleString('en-US')} years`;
  if (wholeOffset(ms)) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `more than ${tolerance}`;
}

/** A whole number of hours (or quarter hours) within a day's offsets: the mark of a local time with the wrong offset. */
function wholeOffset(ms: number): boolean {
  const hours = ms / 3_600_000;
  return Math.abs(hours) <= 14 && Math.abs(hours - Math.round(hours * 4) / 4) * 60 <= 5;
}

/**
 * The creation time of a created request is the time it was created (the schema's description: "the date and time the
 * onboarding request was created"): a zero value (Go's 0001-01-01, .NET's DateTime.MinValue, Unix time 0), seconds
 * read as milliseconds, or a local time written with another offset is a date-time by the format and a wrong value.
 * It is compared with the answer's `Date` (RFC 9110 §6.6.1: the origin server's clock), else with the suite's clock.
 */
export function createdIsNow(p: OperationProfile): Check | undefined {
  const path = p.createdPath;
  if (path === undefined) return undefined;
  const rule = rulesOf(p).created;
  const where = path.join('.');
  // The run's first creation time with a fraction of a second, and its answer's Date: a value set once (a default
  // evaluated when the process started: pydantic's `datetime.now()` as a field default) comes back in every answer.
  let first: Seen | undefined;
  // The latest creation time to the millisecond that was not the first: a value set once later in the run (a cache
  // filled on the fiftieth request, a clock stopped) comes back in every answer after it.
  let latest: Seen | undefined;
  // The same for the run's first creation time in whole seconds (Perl's `time`, a Dancer2 probe's value set at start).
  let firstWhole: { value: string; date: number } | undefined;
  // Whether the run has seen a creation time with seconds other than `:00`: a server that writes seconds, whose `:00`
  // times are then no times to the minute (a Deno blind probe truncated one entity type's to the minute).
  let finer = false;
  return {
    name: 'created-is-now',
    description: `a created request's ${where} is the time it was created (within 5 minutes of the answer's Date)`,
    scope: 'request',
    applies: (c) => c.kind === 'valid',
    judge: answered((_c, body, res, ctx) => {
      const value = at(body, ...path);
      // Absent, null or not a date-time: the response schema's to say.
      if (typeof value !== 'string') return undefined;
      const created = Date.parse(value);
      if (Number.isNaN(created)) return undefined;
      if (!TO_THE_MINUTE.test(value)) finer = true;
      const date = res.headers.date === undefined ? NaN : Date.parse(res.headers.date);
      const serverClock = !Number.isNaN(date);
      const off = created - (serverClock ? date : Date.now());
      if (Math.abs(off) <= (serverClock ? CREATED_SKEW_MS : CREATED_SKEW_NO_DATE_MS)) {
        if (!serverClock)
          return res.headers.date === undefined ? undated(res.status) : misdated(res.status, res.headers.date);
        const timeoutMs = ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const found = [
          misdated(res.status, res.headers.date ?? ''),
          frozen(value, date, res.status, timeoutMs) ?? drifted(value, off, res.status, timeoutMs),
        ].filter((f) => f !== undefined);
        return found.length > 0 ? found : undefined;
      }
      const offset =
        serverClock && wholeOffset(off) ? ' (a whole offset: a local time written with the wrong UTC offset?)' : '';
      const tolerance = serverClock ? '5 min' : 'a day';
      return fail(
        'created-not-now',
        rule,
        `${res.status} ${where} is ${distance(off, tolerance)} ${off < 0 ? 'before' : 'after'} ${serverClock ? "the answer's Date" : "the suite's clock (the answer has no Date)"}: not the time the request was created${offset}`,
        value,
        // Words, not the instant: a problem's title ends with what was due, and it must read the same every run.
        serverClock ? "the time of the answer's Date" : "the suite's clock",
      );
    }),
  };

  /**
   * A creation time within the tolerance, but further from the answer's Date than a request can take (the run's
   * timeout, and 2 s for the Date's whole seconds): both are the server's clock, so a stale or shifted value (a
   * cached time, a time taken before a queue); a warning, since a Date written by another host (a gateway) may be off.
   */
  function drifted(value: string, off: number, status: number, timeoutMs: number) {
    // A time with `:00` seconds may be a time to the minute, a minute earlier than the request, unless the server was
    // seen writing seconds.
    const bound = timeoutMs + WHOLE_SECONDS_MARGIN_MS + (!finer && TO_THE_MINUTE.test(value) ? 60_000 : 0);
    if (Math.abs(off) <= bound) return undefined;
    return warn(
      'created-drifted',
      rule,
      `${status} ${where} is more than ${bound / 1000} s ${off < 0 ? 'before' : 'after'} the answer's Date, further than a request takes (the run's timeout): a stale or shifted creation time?`,
      value,
      "the time of the answer's Date",
    );
  }

  /**
   * An answer without `Date` from a server that writes the time it created the request: RFC 9110 §6.6.1 says an
   * origin server with a clock MUST send one in a 2xx. A warning, as a missing `Allow` or `WWW-Authenticate` is.
   */
  function undated(status: number) {
    return warn(
      'date-missing',
      rule,
      `${status} has no Date, though its ${where} says the server has a clock (RFC 9110 §6.6.1: an origin server with a clock MUST send Date); ${where} was compared with the suite's clock`,
      'no Date',
      'Date',
    );
  }

  /**
   * A `Date` that is not RFC 9110 §5.6.7's IMF-fixdate (`Fri, 04 Dec 2026 10:00:00 GMT`), which a sender MUST write:
   * Netty's formatter leaves the day without its zero, which readers that parse leniently take (advice). One that is
   * no HTTP-date at all (an ISO 8601 instant written by hand: Fastify blind probe) fails: an HTTP client takes no date
   * from it.
   */
  function misdated(status: number, field: string) {
    if (IMF_FIXDATE.test(field)) return undefined;
    if (!HTTP_DATE_LIKE.test(field))
      return fail(
        'date-unreadable',
        'RFC 9110 §5.6.7',
        `${status} has a Date in none of the forms an HTTP recipient reads (RFC 9110 §5.6.7: IMF-fixdate, rfc850-date or asctime-date; a sender MUST write "Sun, 06 Nov 1994 08:49:37 GMT")`,
        field,
        'IMF-fixdate',
      );
    return warn(
      'date-not-imf-fixdate',
      rule,
      `${status} has a Date that is not an IMF-fixdate (RFC 9110 §5.6.7: a sender MUST write "Sun, 06 Nov 1994 08:49:37 GMT"; two-digit day, GMT)`,
      field,
      'IMF-fixdate',
    );
  }

  /**
   * The same creation time, to the millisecond, in five answers, one of whose Date is at least 2 s away, or as many answers as no
   * server creates in one millisecond in another second of Date, or in answers a tenth of a second apart by the suite's
   * clock (a run shorter than a second of Date): set once, not per request.
   */
  function frozen(value: string, date: number, status: number, timeoutMs: number) {
    // Only a time to the millisecond or finer tells two creations apart within a second (whole seconds, or `.000`, may
    // be shared); whole seconds (not a whole minute: `:00`) tell apart answers whose Dates are further apart than a
    // request may take (the run's timeout, and 2 s).
    if (!/\.\d{3}/.test(value) || /\.0+(?!\d)/.test(value)) return wholeSecond(value, date, status, timeoutMs);
    first ??= { value, date, seen: 0, at: Date.now() };
    if (value !== first.value && value !== latest?.value) latest = { value, date, seen: 0, at: Date.now() };
    const slot = value === first.value ? first : (latest ?? first);
    slot.seen++;
    const apart = Math.abs(date - slot.date);
    // A run shorter than a second of Date: the suite's own clock tells that answers came a tenth of a second apart, more
    // than any clock's tick (Windows' 15.6 ms) can keep one value.
    const span = Date.now() - slot.at;
    const spread = (apart > 0 && slot.seen >= FROZEN_SEEN) || (span >= FROZEN_SPAN_MS && slot.seen >= FROZEN_SEEN_SPAN);
    if ((apart < FROZEN_APART_MS || slot.seen < FROZEN_REPEATS) && !spread) return undefined;
    return repeated(value, status);
  }

  /**
   * The same creation time in whole seconds as an answer whose Date is the run's timeout and 2 s away (12 s by
   * default): a request created at least a second later (`WHOLE_SECONDS_MARGIN_MS`), so not this request's time. A
   * value with `:00` seconds may be a time to the minute, which two requests a minute apart rightly share: never judged.
   */
  function wholeSecond(value: string, date: number, status: number, timeoutMs: number) {
    if (TO_THE_MINUTE.test(value)) return undefined;
    firstWhole ??= { value, date };
    return value === firstWhole.value && Math.abs(date - firstWhole.date) >= timeoutMs + WHOLE_SECONDS_MARGIN_MS
      ? repeated(value, status)
      : undefined;
  }

  function repeated(value: string, status: number) {
    return fail(
      'created-not-now',
      rule,
      `${status} ${where} repeats an earlier answer's creation time: set once (a default evaluated at start?), not this request's`,
      value,
      'the time of this answer',
    );
  }
}

/** A creation time seen in the run: its first answer's Date and arrival by the suite's clock, and how often it came. */
interface Seen {
  readonly value: string;
  readonly date: number;
  seen: number;
  readonly at: number;
}

/** RFC 9110 §5.6.7's IMF-fixdate, the form every sender MUST generate. */
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * What an HTTP-date looks like to a lenient reader: a day's name first, as RFC 9110 §5.6.7's three forms begin (the
 * IMF-fixdate, the obsolete rfc850-date and asctime-date), whatever follows; an ISO 8601 instant or a number does not.
 */
const HTTP_DATE_LIKE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i;

/** A date-time with `:00` seconds (and no fraction but zeros): maybe a time to the minute. */
const TO_THE_MINUTE = /:00(?:\.0+)?(?:Z|[+-]\d{2}:?\d{2})$/i;
/** How far apart two answers' Dates must be for one creation time in both to be a value set once. */
const FROZEN_APART_MS = 2_000;
/**
 * Answers with one creation time to the millisecond, two of them that far apart, that say so: more than a run has in
 * flight by default (4). Requests in flight together may be created in one millisecond, and one of them answered
 * seconds later (a large body written slowly: a Starlette probe's `created` to the millisecond, twice in 9 runs).
 */
const FROZEN_REPEATS = 5;
/**
 * The same for a creation time in whole seconds, which hundreds of requests share: an answer judged at all came within
 * the run's request timeout of its request, so a request created with an answer whose Date is the timeout and 2 s
 * after another's (a second of Date on each side) was created at least a second after it, whatever its handler's pace.
 */
const WHOLE_SECONDS_MARGIN_MS = 2_000;
/** The request timeout when the run does not say (`--timeout`'s default). */
const DEFAULT_TIMEOUT_MS = 10_000;
/** Answers with one creation time to the millisecond that no server creates in one millisecond (and a second apart). */
const FROZEN_SEEN = 50;
/** How far apart by the suite's clock answers must come for one creation time in them to be a value set once. */
const FROZEN_SPAN_MS = 100;
/** Answers with one creation time to the millisecond, a tenth of a second apart by the suite's clock, that say so. */
const FROZEN_SEEN_SPAN = 10;
