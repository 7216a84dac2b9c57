import type { TestCase } from '../generators/case.ts';
import type { Check } from './types.ts';
import { fail, withResponse } from './util.ts';

/**
 * An answer is in no content coding its request made not acceptable (RFC 9110 §12.5.3): a coding listed with `q=0`,
 * or one not listed where no `*` stands for it (`identity` alone, `deflate` alone). The client said it cannot read it,
 * and a server with no acceptable coding answers in none; a compression layer that looks for the word `gzip` in the
 * field answers `gzip;q=0, identity` in gzip (go-restful blind probe). Judged only where the request sent the field.
 */
export const codingIsAccepted: Check = {
  name: 'coding-is-accepted',
  description: 'an answer is in a content coding the request’s Accept-Encoding accepts',
  scope: 'request',
  applies: (c) => acceptEncodingOf(c) !== undefined,
  judge: withResponse((c, res) => {
    const field = acceptEncodingOf(c);
    const coded = res.headers['content-encoding'];
    if (field === undefined || coded === undefined) return undefined;
    const weights = weightsOf(field);
    const refused = coded
      .split(',')
      .map((x) => x.trim().toLowerCase())
      .filter((x) => x !== '' && x !== 'identity' && !acceptable(weights, x));
    if (refused.length === 0) return undefined;
    return fail(
      'coding-not-accepted',
      'RFC 9110 §12.5.3',
      `${res.status} answer is in the ${refused.join(', ')} coding, which the request's Accept-Encoding (${field}) does not accept: the client cannot read it`,
      `Content-Encoding: ${coded}`,
      `a coding Accept-Encoding: ${field} accepts, or none`,
    );
  }),
};

/** The Accept-Encoding field the request sent, if any. */
function acceptEncodingOf(c: TestCase): string | undefined {
  return c.wire?.headers.find(([name]) => name.toLowerCase() === 'accept-encoding')?.[1];
}

/** Each coding the field lists (lower case), with its weight: 1 unless a `q` parameter says otherwise. */
function weightsOf(field: string): ReadonlyMap<string, number> {
  const weights = new Map<string, number>();
  for (const member of field.split(',')) {
    const [coding = '', ...params] = member.split(';').map((x) => x.trim());
    if (coding === '') continue;
    const q = params.map((p) => /^q\s*=\s*([0-9.]+)$/i.exec(p)?.[1]).find((x) => x !== undefined);
    weights.set(coding.toLowerCase(), q === undefined ? 1 : Number(q));
  }
  return weights;
}

/** A coding is acceptable when listed with a weight above 0, or, not listed, when `*` is (x-gzip is gzip, §8.4.1.3). */
function acceptable(weights: ReadonlyMap<string, number>, coding: string): boolean {
  const alias = coding === 'x-gzip' ? 'gzip' : coding === 'gzip' ? 'x-gzip' : undefined;
  const q = weights.get(coding) ?? (alias === undefined ? undefined : weights.get(alias)) ?? weights.get('*');
  return q !== undefined && q > 0;
}
