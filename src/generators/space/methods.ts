/** Methods (RFC 9110 §9): another method on the operation's path is refused with 405 and an `Allow` header. */
import type { Draft } from '../draft.ts';
import { emit, SPEC, requestClass, type Dimension } from './class.ts';

const other = requestClass(
  'method',
  'method/<method>',
  SPEC.pathItem,
  'the path defines POST only: any other method is answered 405 (RFC 9110 §15.5.6), with or without a body',
);
/** Other methods on the path. */
const OTHER: readonly { readonly method: string; readonly withBody: boolean }[] = [
  { method: 'GET', withBody: false },
  { method: 'PUT', withBody: true },
  { method: 'PATCH', withBody: true },
  { method: 'DELETE', withBody: false },
];

export const methods: Dimension = {
  name: 'methods',
  title: 'Methods',
  summary: 'Another method on the path: 405 is due (a missing `Allow` header is a warning).',
  classes: [other],
  drafts(ctx) {
    const m = JSON.stringify(ctx.minimal);
    const out: Draft[] = [];
    for (const { method, withBody } of OTHER)
      out.push(
        ...(withBody
          ? emit(ctx, other, { method }, m, { method })
          : emit(ctx, other, { method }, undefined, { method, contentType: undefined })),
      );
    return out;
  },
};
