import type { Check, Finding } from './types.ts';
import { warn } from './util.ts';

/** Longer than any pause between one answer and the next request under load; shorter than any server's idle timeout. */
const RIGHT_AFTER_MS = 1000;

/** The advice on a kept-alive connection closed right after a success answer without the close option (`then`: what came next). */
export function closedUnannounced(status: number, then: string): Finding {
  return warn(
    'closed-unannounced',
    'RFC 9112 §9.6',
    `the server closed a kept-alive connection right after a ${status} that did not say so (no close option): ${then}; a client that does not resend a POST (RFC 9112 §9.3.1) loses it`,
    `the connection closed after a ${status} without \`Connection: close\``,
    '`Connection: close` in an answer after which the server closes the connection (RFC 9112 §9.6), or the connection kept open (§9.3)',
  );
}

/**
 * A connection the server closes right after a success answer is one that answer should have said it closes: "A
 * server that sends a "close" connection option MUST initiate closure" (RFC 9112 §9.6), and HTTP/1.1 connections
 * persist unless the close option is sent (§9.3); the client that reused it, as it may, loses the request it wrote
 * there, which a POST cannot safely send again (§9.3.1). Advice: a server MAY close at any time (§9.5), and an idle
 * timeout ends a connection without a word too, but never right after an answer. Seen by the sender, which wrote a
 * case on a kept-alive connection, found it closed before any answer, and sent it again on a fresh one
 * (`Exchange.closedUnannounced`).
 */
export const closeIsAnnounced: Check = {
  name: 'close-is-announced',
  description: 'a connection closed right after a success answer was closed by that answer’s close option',
  scope: 'request',
  applies: () => true,
  judge: (_c, ex) => {
    const closed = ex.closedUnannounced;
    if (closed === undefined || closed.status < 200 || closed.status > 299 || closed.idleMs > RIGHT_AFTER_MS)
      return undefined;
    return closedUnannounced(
      closed.status,
      'the request the suite wrote next on it got no answer and was sent again on a new connection',
    );
  },
};
