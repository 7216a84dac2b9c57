import type { Check } from './types.ts';
import { at } from './echo.ts';
import type { OperationProfile } from './profile.ts';
import { rulesOf } from './rules.ts';
import { answered, fail } from './util.ts';

/** The nil UUID (RFC 9562 §5.9), in either case: all 128 bits zero, what Go's zero uuid.UUID and .NET's Guid.Empty write. */
const NIL = /^(?:urn:uuid:)?0{8}-0{4}-0{4}-0{4}-0{12}$/i;

/**
 * The ids a server assigns to what it created (`OperationProfile.assignedIds`: the request's and its entity's) are
 * ids: never the nil UUID, which RFC 9562 §5.9 sets apart as no identifier at all. A field left at its zero value (a
 * Go struct's uuid.UUID, .NET's Guid.Empty) is a uuid by the format and identifies nothing.
 */
export function idsAreAssigned(p: OperationProfile): Check | undefined {
  const paths = p.assignedIds ?? [];
  if (paths.length === 0) return undefined;
  const rule = rulesOf(p).created;
  return {
    name: 'ids-are-assigned',
    description: `a created request's ${paths.map((x) => x.join('.')).join(' and ')} are not the nil UUID`,
    scope: 'request',
    applies: (c) => c.kind === 'valid',
    judge: answered((_c, body, res) =>
      paths.flatMap((path) => {
        const value = at(body, ...path);
        const where = path.join('.');
        return typeof value === 'string' && NIL.test(value)
          ? [
              {
                ...fail(
                  'nil-id',
                  rule,
                  `${res.status} ${where} is the nil UUID ${value}: no id was assigned (RFC 9562 §5.9; a zero value left unset?)`,
                  value,
                ),
                at: `/${path.join('/')}`,
              },
            ]
          : [];
      }),
    ),
  };
}
