/**
 * The watch on a dead target: after `limit` consecutive exchanges without a usable answer (a transport failure or a
 * 429), spanning at least two case kinds, the run stops sending. A target that hangs on one kind of request only (the
 * Prism mock on malformed JSON) is not dead but faulty, and is judged case by case. Timeouts and resets keep their
 * full length: the watch only stops what comes after.
 */
export interface DeadTargetWatch {
  /** One exchange's outcome: `answered` when the target gave an answer other than 429; `kind` the case's kind. */
  note(answered: boolean, kind: string): void;
  readonly gaveUp: boolean;
  /** Aborts when the watch gives up, so that waits (429 back-off, the pace) end at once. */
  readonly signal: AbortSignal;
  /** The verdict's reason, once given up. */
  readonly message: string | undefined;
  readonly limit: number;
}

/** Consecutive failures without an answer before a run gives up on its target, unless `--give-up-after` says. */
const GIVE_UP_AFTER = 8;

export function createDeadTargetWatch(limit: number = GIVE_UP_AFTER): DeadTargetWatch {
  const controller = new AbortController();
  let strikes = 0;
  const kinds = new Set<string>();
  let message: string | undefined;
  return {
    limit,
    note(answered, kind) {
      // 0 turns the watch off.
      if (message !== undefined || limit <= 0) return;
      if (answered) {
        strikes = 0;
        kinds.clear();
        return;
      }
      kinds.add(kind);
      if (++strikes < limit || kinds.size < 2) return;
      message = `the target gave no usable answer (only transport failures or 429s) to ${strikes} requests in a row, of ${kinds.size} kinds; the run gave up on it (--give-up-after ${limit})`;
      controller.abort();
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
