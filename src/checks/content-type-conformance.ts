import type { Check } from './types.ts';
import { parseMediaType } from '../validators/media-type.ts';
import { fail, ofTheOperation, unlessRefusedByHttpLayer, warn, withResponse } from './util.ts';

/**
 * A documented status answers with a documented media type (parameters such as charset allowed), §4.8.17 Response,
 * on one Content-Type line: it is no list field (RFC 9110 §5.3, §8.3), and of two lines a client keeps either. A
 * charset other than UTF-8 over JSON text that is not ASCII is a warning: JSON is UTF-8 (RFC 8259 §8.1) and its
 * charset "has no effect on compliant recipients" (§11), but a client that decodes by the label garbles the text.
 */
export const contentTypeConformance: Check = {
  name: 'content-type-conformance',
  description: 'a documented status with content is answered with a documented Content-Type',
  scope: 'request',
  applies: ofTheOperation,
  judge: unlessRefusedByHttpLayer(
    withResponse((_c, res, ctx) => {
      const byType = ctx.validators.findResponse(res.status)?.content;
      if (!byType || byType.size === 0) return undefined;
      const received = res.headers['content-type'];
      const twice = res.repeated?.includes('content-type') === true;
      const rule = [...byType.values()][0].pointer.replace(/\/[^/]+\/schema$/, '');
      if (!twice && ctx.validators.responseFor(res.status, received)) {
        // Charset values are case-insensitive (RFC 9110 §8.3.2).
        const charset = parseMediaType(received)?.params['charset']?.toLowerCase();
        if (charset === undefined || charset === 'utf-8' || charset === 'utf8' || !/[^\x00-\x7f]/.test(res.body))
          return undefined;
        return warn(
          'charset-not-utf-8',
          rule,
          // The status is not named: a writer labels every answer alike, one problem.
          `JSON text labelled charset=${charset}: JSON is UTF-8 (RFC 8259 §8.1, §11), and a client that decodes by the label garbles what is not ASCII`,
          received ?? null,
          'UTF-8',
        );
      }
      const documented = [...byType.keys()];
      if (twice)
        return fail(
          'repeated-content-type',
          // The operation's responses, not one status's: the line is repeated on every answer alike.
          rule.replace(/\/[^/]+\/content$/, ''),
          // The status is not named: a gateway adds the second line to every answer, one problem.
          `answered with two Content-Type lines (${received ?? ''}): no sender may repeat the field (RFC 9110 §5.3)`,
          received ?? null,
          documented,
        );
      return fail(
        'undocumented-content-type',
        rule,
        // An answer without a body has no Content-Type to give: say what is missing first. One without the field names
        // no status: the writer leaves it out of every answer alike, one problem (src/report/cause.ts).
        received === undefined && res.body === ''
          ? `${res.status} answered with no content (an empty body, no Content-Type): Documented: ${documented.join(', ')}`
          : received === undefined
            ? `answered without a Content-Type: Documented: ${documented.join(', ')}`
            : `${res.status} answered with Content-Type ${received}: Documented: ${documented.join(', ')}`,
        received ?? null,
        documented,
      );
    }),
  ),
};
