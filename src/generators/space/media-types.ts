/** Media types (`requestBody.content`, RFC 9110 §8.3): each declared one, its spellings, and undeclared ones. */
import type { Draft } from '../draft.ts';
import { emit, SPEC, requestClass, type Dimension } from './class.ts';

const declared = requestClass(
  'valid',
  'valid/<media>',
  SPEC.requestContent,
  'every declared media type, without and with `; charset=utf-8`, is a valid request',
);
const mixedCase = requestClass(
  'valid',
  'valid/<media>-mixed-case',
  'RFC 9110 §8.3.1',
  'media types are case-insensitive (RFC 9110 §8.3.1), but the verdict profile does not list it',
  { advisory: true },
);
const undeclared = requestClass(
  'media-type',
  'media/<type>',
  SPEC.requestContent,
  'a media type the operation does not declare (text/plain, application/xml, a form), with a valid JSON body',
);
/** Media types no spec of this operation declares; each is also checked against the declared ones. */
const UNDECLARED: readonly string[] = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded'];

export const mediaTypes: Dimension = {
  name: 'media-types',
  title: 'Media types',
  summary:
    'The Content-Type of an otherwise valid request: every declared media type is accepted (201 due), an undeclared one refused (415 due, 400 accepted).',
  classes: [declared, mixedCase, undeclared],
  drafts(ctx) {
    const { model } = ctx;
    const all = JSON.stringify(ctx.all);
    const out: Draft[] = [];
    // The primary media type as every valid body sends it last: the others show more.
    const media = [...model.media].sort((a, b) => Number(a.contentType === ctx.ct) - Number(b.contentType === ctx.ct));
    for (const m of media) out.push(...emit(ctx, declared, { media: m.slug }, all, { contentType: m.contentType }));
    const [type = '', subtype = ''] = model.primary.contentType.split('/');
    out.push(
      ...emit(ctx, mixedCase, { media: model.primary.slug }, all, {
        contentType: `${type.slice(0, 1).toUpperCase()}${type.slice(1)}/${subtype.toUpperCase()}`,
      }),
    );
    const m = JSON.stringify(ctx.minimal);
    for (const mt of UNDECLARED)
      out.push(...emit(ctx, undeclared, { type: mt.replace(/[^a-z0-9]+/gi, '-') }, m, { contentType: mt }));
    return out;
  },
};
