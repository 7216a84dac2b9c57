/**
 * The watch on a dead target: after `limit` consecutive exchanges without a usable answer (a transport failure, a 429
 * or a 503), spanning at least two case kinds, the run stops sending. A target that hangs on one kind of request only
 * (the Prism mock on malformed JSON) is not dead but faulty, and is judged case by case. Timeouts and resets keep their
 * full length: the watch only stops what comes after.
 */
export interface DeadTargetWatch {
  /**
   * One exchange's outcome: `answered` when the target gave an answer other than 429 or 503; `kind` the case's kind;
   * `which` names the case (`b0057 media/undecodable/gzip`).
   */
  note(answered: boolean, kind: string, which?: string): void;
  readonly gaveUp: boolean;
  /** Aborts when the watch gives up, so that waits (429 back-off, the pace) end at once. */
  readonly signal: AbortSignal;
  /** The verdict's reason, once given up. */
  readonly message: string | undefined;
  /**
   * The first cases of the streak that ended the run: those in flight when a target went down, one of which may have
   * brought it down (a crash answers them all with resets, and the cases after with refusals).
   */
  readonly suspects: readonly string[];
  readonly limit: number;
}

/** Consecutive failures without an answer before a run gives up on its target, unless `--give-up-after` says. */
const GIVE_UP_AFTER = 8;

/** The first cases of a streak kept as suspects: the senders' default concurrency (4) were in flight at its start. */
const SUSPECTS = 4;

export function createDeadTargetWatch(limit: number = GIVE_UP_AFTER): DeadTargetWatch {
  const controller = new AbortController();
  let strikes = 0;
  const kinds = new Set<string>();
  const streak: string[] = [];
  let message: string | undefined;
  return {
    limit,
    note(answered, kind, which) {
      // 0 turns the watch off.
      if (message !== undefined || limit <= 0) return;
      if (answered) {
        strikes = 0;
        kinds.clear();
        streak.length = 0;
        return;
      }
      kinds.add(kind);
      // A case sent again after a 429 or 503 strikes again, but is one suspect.
      if (which !== undefined && streak.length < SUSPECTS && !streak.includes(which)) streak.push(which);
      if (++strikes < limit || kinds.size < 2) return;
      const first = streak.length
        ? `; the first requests it left unanswered: ${streak.join(', ')} (if it went down, one of them may have brought it down: replay each alone)`
        : '';
      message = `the target gave no usable answer (only transport failures, 429s or 503s) to ${strikes} requests in a row, of ${kinds.size} kinds; the run gave up on it (--give-up-after ${limit})${first}`;
      controller.abort();
    },
    get suspects() {
      return message === undefined ? [] : [...streak];
    },
    get gaveUp() {
      return message !== undefined;
    },
    get message() {
      return message;
    },
    signal: controller.signal,
  };
}
