import type { Check, Finding } from './types.ts';
import { isObject } from '../types.ts';
import { caseValue } from '../generators/draft.ts';
import { writeJson } from '../generators/json-writer.ts';
import type { OperationProfile } from './profile.ts';
import { isFilledContainer, SENT_KEPT } from './echo.ts';
import { rulesOf } from './rules.ts';
import { answered, fail, jsonBody, ofTheOperation } from './util.ts';

/** A string shorter than this is a word any server may fill in of its own (a status, a type, a short default). */
const STRING_KEPT_FROM = 8;
/** Letters alone: a word of a vocabulary (an enum member such as `ChargePoint` or `InProgress`), which a server may map one onto another. */
const ONE_WORD = /^\p{L}+$/u;
/** A value written longer than this is not kept: a 64 KiB string sent is compared in its echo, not here. */
const WRITTEN_KEPT_TO = 4096;
/** How deep into the answer the check looks, and how many members it reads: an answer is small, a fill nests little. */
const DEPTH = 6;
const NODES = 256;

/**
 * One earlier request: its case, the members that say whose data it is, and its values written as JSON: the members it
 * sent, or (`answered`) the objects and arrays of the error answer it got.
 */
interface Sent {
  readonly id: string;
  readonly owners: ReadonlySet<string>;
  readonly values: ReadonlySet<string>;
  readonly answered?: true;
}

/** An object or array with something in it, or a string long enough to be someone's data and no mere word, as JSON. */
function keptForm(v: unknown): string | undefined {
  const kept =
    typeof v === 'string'
      ? v.length >= STRING_KEPT_FROM && v.length <= WRITTEN_KEPT_TO && !ONE_WORD.test(v)
      : isFilledContainer(v);
  if (!kept) return undefined;
  const written = writeJson(v);
  return written.length <= WRITTEN_KEPT_TO ? written : undefined;
}

/**
 * A success answer's members the server fills itself (neither an echo nor an id it assigns nor the creation time) hold
 * no other request's data: an object, array or string of 8 characters or more that one of the last 16 requests sent as
 * a member (a single word excepted: an entity type mapped onto another is vocabulary), where this request sent no such
 * value, is state shared between requests (oRPC blind probe: each answer's `systemProperties` the previous request's
 * `properties`, from a module-level variable); the profile's `echo-leaked`. So is a list or object the server answered
 * an earlier request with an error (Next.js blind probe: a 400's `errors` kept at module level, carried into the next
 * 201). Judged only where that member's value differs from the answer before's (a constant is the server's own
 * default), and only against requests that share no `identifier`, `owner` or `collectiveId` with this one (a server may
 * keep what it knows of an entity, an owner or a collective).
 */
export function fillsAreOwn(p: OperationProfile): Check {
  const rule = rulesOf(p).created;
  const skipped = new Set(
    [
      ...p.echoes.flatMap((g) => g.fields.map((f) => f.response)),
      p.idPath,
      ...(p.assignedIds ?? []),
      ...(p.principalIds ?? []),
      ...(p.createdPath ? [p.createdPath] : []),
    ].map((path) => path.join('.')),
  );
  const owning = [p.entityId?.namedBy, 'owner', 'collectiveId'].filter((k) => k !== undefined);
  const sentLately: Sent[] = [];
  const keep = (s: Sent) => {
    if (s.values.size > 0 && sentLately.push(s) > SENT_KEPT) sentLately.shift();
  };
  // Per member of the answer (its path): the value the answer before held there, written as JSON.
  const lastFill = new Map<string, string | undefined>();
  const judgeSuccess: Check['judge'] = answered((c, body, res) => {
    const sent = caseValue(c);
    const members = isObject(sent) ? sent : {};
    const owners = new Set(
      owning.flatMap((k) => {
        const v = members[k];
        return typeof v === 'string' ? [`${k}\u0000${v.toLowerCase()}`] : [];
      }),
    );
    const values = new Set(
      Object.values(members)
        .map(keptForm)
        .filter((v) => v !== undefined),
    );
    const failures: Finding[] = [];
    const stack: { value: unknown; path: string[] }[] = Object.entries(body).map(([k, v]) => ({
      value: v,
      path: [k],
    }));
    for (let read = 0, node = stack.pop(); node !== undefined && read < NODES; node = stack.pop(), read++) {
      const where = node.path.join('.');
      if (skipped.has(where)) continue;
      const written = keptForm(node.value);
      const before = lastFill.get(where);
      lastFill.set(where, written);
      if (written !== undefined && before !== written && !values.has(written)) {
        const from = sentLately.find(
          (s) => s.id !== c.id && s.values.has(written) && ![...s.owners].some((o) => owners.has(o)),
        );
        if (from !== undefined) {
          failures.push({
            ...fail(
              'echo-leaked',
              rule,
              `${res.status} ${where} is ${written.slice(0, 120)}, ${
                from.answered
                  ? `what the server answered an earlier request (${from.id}): another request's outcome (state shared between requests, a list kept at module level?)`
                  : `a value an earlier request (${from.id}) sent, which this one did not: another request's data (state shared between requests, a module-level variable?)`
              }`,
              node.value,
              null,
            ),
            at: `/${node.path.join('/')}`,
          });
          continue;
        }
      }
      if (node.path.length < DEPTH && typeof node.value === 'object' && node.value !== null)
        for (const [k, v] of Object.entries(node.value)) stack.push({ value: v, path: [...node.path, k] });
    }
    keep({ id: c.id, owners, values });
    return failures;
  });
  return {
    name: 'fills-are-own',
    description: "the members a success answer fills itself hold no other request's data or outcome",
    scope: 'request',
    applies: ofTheOperation,
    judge: (c, ex, ctx) => {
      // An error answer's lists and objects (its `errors`), kept to compare with what later success answers fill.
      const res = ex.response;
      if (res !== undefined && res.status >= 400 && res.status < 500 && res.notUtf8 !== true) {
        const parsed = jsonBody(res);
        if (parsed.ok && isObject(parsed.value))
          keep({
            id: c.id,
            owners: new Set(),
            values: new Set(
              Object.values(parsed.value)
                .filter((v) => typeof v === 'object')
                .map(keptForm)
                .filter((v) => v !== undefined),
            ),
            answered: true,
          });
      }
      // Another request's answer is only kept: the rule is about what a success answer fills.
      return c.kind === 'valid' ? judgeSuccess(c, ex, ctx) : undefined;
    },
  };
}
