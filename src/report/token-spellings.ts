// The spellings of the run's token a report shows redacted, and how a replay line makes each again from
// CONNECT_TOKEN: in the shell (curl lines) and in JavaScript (the node -e line). One table, so that a spelling added
// to the sender (`WIRE_TOKENS`, src/generators/case.ts) is replayed by both lines or by neither.
import {
  REDACTED,
  REDACTED_BASIC_PASSWORD,
  REDACTED_BASIC_USERNAME,
  REDACTED_SWAPPED,
  REDACTED_TRUNCATED,
} from '../secrets.ts';

/** A shown spelling of the token, with the shell word and the JavaScript expression (of `t`, the token) that make it. */
export interface TokenSpelling {
  readonly shown: string;
  readonly sh: string;
  readonly js: string;
}

/**
 * Every shown spelling, those that contain no other first: `REDACTED` last. Each remakes what `src/secrets.ts` spells
 * (`swapCase`, `truncate`, `basicPassword`, `basicUsername`, the token itself).
 */
export const TOKEN_SPELLINGS: readonly TokenSpelling[] = [
  {
    shown: REDACTED_SWAPPED,
    sh: `"$(t="$CONNECT_TOKEN"; s=$(printf %s "$t" | tr a-zA-Z A-Za-z); [ "$s" = "$t" ] && s="\${t}0"; printf %s "$s")"`,
    js: '(w=>w==t?t+"0":w)(t.replace(/[A-Za-z]/g,x=>x<="Z"?x.toLowerCase():x.toUpperCase()))',
  },
  { shown: REDACTED_TRUNCATED, sh: '"${CONNECT_TOKEN%?}"', js: 't.slice(0,-1)' },
  {
    shown: REDACTED_BASIC_PASSWORD,
    sh: `"$(printf 'conformance:%s' "$CONNECT_TOKEN" | base64 | tr -d '\\n')"`,
    js: 'Buffer.from("conformance:"+t).toString("base64")',
  },
  {
    shown: REDACTED_BASIC_USERNAME,
    sh: `"$(printf '%s:' "$CONNECT_TOKEN" | base64 | tr -d '\\n')"`,
    js: 'Buffer.from(t+":").toString("base64")',
  },
  { shown: REDACTED, sh: '"$CONNECT_TOKEN"', js: 't' },
];
