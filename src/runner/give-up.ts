import type { TransportErrorKind } from '../types.ts';

/** Transport failures that mean a request never reached a server: no connection taken, no such host, no TLS. */
export const UNREACHABLE: readonly TransportErrorKind[] = ['connection-refused', 'dns', 'tls'];

/**
 * The watch on a dead target: after `limit` consecutive exchanges without a usable answer (a transport failure, a 429
 * or a 503), spanning at least two case kinds, the run stops sending. A target that hangs on one kind of request only
 * (the Prism mock on malformed JSON) is not dead but faulty, and is judged case by case. Timeouts and resets keep their
 * full length: the watch only stops what comes after.
 */
export interface DeadTargetWatch {
  /**
   * One exchange's outcome: `answered` when the target gave an answer other than 429 or 503; `kind` the case's kind;
   * `which` names the case (`b0057 media/undecodable/gzip`); `sentAt` when it was sent (`performance.now()`), `bytes`
   * how large its content was; `failure` the transport failure's kind, if any (one in `UNREACHABLE` never reached a
   * server: no suspect).
   */
  note(
    answered: boolean,
    kind: string,
    which?: string,
    sentAt?: number,
    bytes?: number,
    failure?: TransportErrorKind,
  ): void;
  readonly gaveUp: boolean;
  /** Aborts when the watch gives up, so that waits (429 back-off, the pace) end at once. */
  readonly signal: AbortSignal;
  /** The verdict's reason, once given up. */
  readonly message: string | undefined;
  /**
   * The verdict's reason once given up, for a target found up after (`isUpAfter`): no culprit of a crash to look for,
   * only the requests it leaves unanswered, `status` the one the plain valid request got.
   */
  messageWhenUp(status: number): string | undefined;
  /**
   * The first cases of the streak that ended the run, in the order sent: those in flight when a target went down, any
   * of which may have brought it down (a crash answers them all with resets at once, and the cases after with
   * refusals); the one sent first had been in the server longest. Of those sent within a few milliseconds of each other
   * (read as one), the largest first: an h3 crash on an array nested 10,000 deep was sent a tenth of a millisecond
   * after a small malformed body still in flight. Not a claim: a Beast server was killed by the small truncated body
   * sent with the deep one, and a Bun one by a request already answered (probes of 2026-12-05).
   */
  readonly suspects: readonly string[];
  /** Usable answers the target gave in the run: a target that answered, then went down, was alive and broke. */
  readonly answered: number;
  /** A request of the run reached the target (an answer, a reset, a timeout: not one of `UNREACHABLE`). */
  readonly reached: boolean;
  /**
   * A connection was refused after the target had taken one (an answer, a reset, a timeout): it stopped listening
   * during the run, went down, even if it never answered (a handler's throw killed Polka's process on the first
   * request).
   */
  readonly wentDown: boolean;
  readonly limit: number;
}

/** Consecutive failures without an answer before a run gives up on its target, unless `--give-up-after` says. */
const GIVE_UP_AFTER = 8;

/** Requests sent within this many milliseconds of each other were in the server together: as good as one moment. */
const SAME_MOMENT_MS = 5;

/** The first cases of a streak kept as suspects: the senders' default concurrency (4) were in flight at its start. */
const SUSPECTS = 4;

/** Whether the plain valid request sent once the run gave up was created: the target is up (`Session.sendPastWatch`). */
export function isUpAfter(status: number | undefined): status is number {
  return status !== undefined && status >= 200 && status < 300;
}

/** Suspects in the order they were sent, those sent at one moment (`SAME_MOMENT_MS`) the largest first. */
function inOrderSent<S extends { readonly sentAt: number; readonly bytes: number }>(streak: readonly S[]): S[] {
  let start = Number.NEGATIVE_INFINITY;
  const timed = [...streak]
    .sort((a, b) => a.sentAt - b.sentAt)
    .map((s) => {
      if (s.sentAt - start >= SAME_MOMENT_MS) start = s.sentAt;
      return { s, moment: start };
    });
  return timed.sort((a, b) => a.moment - b.moment || b.s.bytes - a.s.bytes).map((t) => t.s);
}

export function createDeadTargetWatch(limit: number = GIVE_UP_AFTER): DeadTargetWatch {
  const controller = new AbortController();
  let strikes = 0;
  const kinds = new Set<string>();
  const streak: { readonly which: string; readonly sentAt: number; readonly bytes: number }[] = [];
  let answered = 0;
  let reached = false;
  let wentDown = false;
  // What the run gave up on, without the suspects' clause (`message`, `messageWhenUp`).
  let head: string | undefined;
  let suspects: readonly string[] = [];
  const message = () =>
    head === undefined
      ? undefined
      : `${head}${suspects.length ? `; the first requests it left unanswered, in the order sent (of those sent at once, the largest first; none refused a connection, which never reached it): ${suspects.join(', ')} (if it went down, any of them may have brought it down: replay each alone)` : ''}`;
  return {
    limit,
    note(ok, kind, which, sentAt = performance.now(), bytes = 0, failure) {
      const unreached = failure !== undefined && UNREACHABLE.includes(failure);
      if (!unreached) reached = true;
      // Only a refusal says it stopped listening: a name that no longer resolves is the network's doing.
      else if (reached && failure === 'connection-refused') wentDown = true;
      // 0 turns the watch off.
      if (head !== undefined || limit <= 0) return;
      if (ok) {
        answered++;
        strikes = 0;
        kinds.clear();
        streak.length = 0;
        return;
      }
      kinds.add(kind);
      // A case sent again after a 429 or 503 strikes again, but is one suspect; one refused a connection is none.
      if (which !== undefined && !unreached && streak.length < SUSPECTS && !streak.some((s) => s.which === which))
        streak.push({ which, sentAt, bytes });
      if (++strikes < limit || kinds.size < 2) return;
      suspects = inOrderSent(streak).map((s) => s.which);
      head = `the target gave no usable answer (only transport failures, 429s or 503s) to ${strikes} requests in a row, of ${kinds.size} kinds; the run gave up on it (--give-up-after ${limit})`;
      controller.abort();
    },
    get suspects() {
      return suspects;
    },
    get answered() {
      return answered;
    },
    get reached() {
      return reached;
    },
    get wentDown() {
      return wentDown;
    },
    get gaveUp() {
      return head !== undefined;
    },
    get message() {
      return message();
    },
    messageWhenUp(status) {
      return head === undefined
        ? undefined
        : `${head}; a valid request sent after it was answered ${status}: the target is up: it leaves such requests unanswered, it did not go down${suspects.length ? `, the first of them: ${suspects.join(', ')}` : ''}`;
    },
    signal: controller.signal,
  };
}
