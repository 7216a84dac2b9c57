import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { allowedStatuses, caseAccepts, rowStatuses, rulesOf } from './rules.ts';
import { absent, fail, warn, withResponse } from './util.ts';

/**
 * The IANA HTTP Method Registry (RFC 9110 §16.1.1), as of 2026: a name in `Allow` outside it is more likely a helper
 * or a constant a framework listed (CherryPy lists a resource's upper-case attributes, Catalyst::Action::REST its
 * `<action>_<name>` subs) than a method the resource supports.
 */
const REGISTERED_METHODS: ReadonlySet<string> = new Set(
  (
    'ACL BASELINE-CONTROL BIND CHECKIN CHECKOUT CONNECT COPY DELETE GET HEAD LABEL LINK LOCK MERGE MKACTIVITY ' +
    'MKCALENDAR MKCOL MKREDIRECTREF MKWORKSPACE MOVE OPTIONS ORDERPATCH PATCH POST PRI PROPFIND PROPPATCH PUT QUERY ' +
    'REBIND REPORT SEARCH TRACE UNBIND UNCHECKOUT UNLINK UNLOCK UPDATE UPDATEREDIRECTREF VERSION-CONTROL'
  ).split(' '),
);

/**
 * Another method on the path: 405 (or what its class accepts: 200/204 to OPTIONS), with an `Allow` header (RFC 9110
 * §15.5.6, §9.3.7); a missing or empty one is a warning, one that leaves out the operation's method or lists the
 * method refused fails (it tells a client the wrong methods); one that lists a name no registry defines is a warning.
 * Stateful over a run: an `Allow` that lists a method the server refused earlier in the run fails too (a Next.js
 * route answers 405 to GET while its automatic OPTIONS lists every method the file exports). Only the answer with the
 * `Allow` fails, so that one wrong header is one problem: the schedule sends GET (pass 1) before OPTIONS.
 */
export function methodIsNotAllowed(p: OperationProfile): Check {
  const rule = rulesOf(p).pathItem;
  const rows = rowStatuses(p);
  const own = p.operation.method;
  // The methods the server refused (405, 501) so far in the run.
  const refused = new Set<string>();
  return {
    name: 'method-is-not-allowed',
    description: 'another method on the path is answered 405 (a missing Allow header is a warning)',
    scope: 'row',
    applies: (c) => c.kind === 'method',
    judge: withResponse((c, res) => {
      const refusedNow = res.status === 405 || res.status === 501;
      if (refusedNow) refused.add(c.method);
      const allowed = allowedStatuses(c, rows);
      if (!allowed.includes(res.status) && !caseAccepts(c, res.status)) {
        return fail(
          'unexpected-status',
          rule,
          `${c.method} was not refused: Received: ${res.status} / Due: ${allowed.join(', ')}`,
          res.status,
          allowed,
        );
      }
      // An empty Allow says the path allows no method (RFC 9110 §10.2.1), which is as wrong here as none at all.
      const mustAllow = res.status === 405 || (c.method === 'OPTIONS' && res.status < 300);
      if (mustAllow && absent(res.headers['allow'])) {
        const section = res.status === 405 ? '§15.5.6' : '§9.3.7';
        return warn(
          'missing-allow-header',
          rule,
          // A 405's method is not named: the warning is one line for every method refused so. An empty one is said
          // so: it is there, and says that no method is allowed (plumber's `Allow:`).
          `${res.status === 405 ? '405' : `${res.status} to ${c.method}`} has ${res.headers['allow'] === undefined ? 'no Allow header' : 'an empty Allow header, which says no method is allowed'} (RFC 9110 ${section})`,
        );
      }
      // Allow lists the methods the resource supports (RFC 9110 §10.2.1): the operation's own, never the one refused.
      if (mustAllow) {
        const header = res.headers['allow'] ?? '';
        const listed = header.split(',').map((m) => m.trim());
        const wrong = !listed.includes(own)
          ? `does not list ${own}`
          : res.status === 405 && listed.includes(c.method)
            ? `lists the ${c.method} it refused`
            : undefined;
        if (wrong !== undefined)
          return fail(
            'wrong-allow-header',
            rule,
            `${res.status} to ${c.method} has Allow: ${header}, which ${wrong} (RFC 9110 §10.2.1)`,
            header,
            own,
          );
        const contradicted = listed.filter((m) => refused.has(m) && m !== c.method);
        if (contradicted.length)
          return fail(
            'wrong-allow-header',
            rule,
            // Which methods were refused before this answer depends on the order answers came in: the title says none.
            `${res.status} to ${c.method} has Allow: ${header}, which lists methods the server refuses with 405 or 501 (RFC 9110 §10.2.1)`,
            header,
            own,
          );
        const unknown = listed.filter((m) => m !== '' && !REGISTERED_METHODS.has(m));
        if (unknown.length)
          return warn(
            'unregistered-allow-method',
            rule,
            // The method refused is not named: one warning line for every answer that lists the same.
            `Allow: ${header} lists ${unknown.join(', ')}, no registered method (RFC 9110 §10.2.1, §16.1.1): a helper or a constant the framework took for one?`,
            header,
          );
      }
      return undefined;
    }),
  };
}
