// Text helpers shared by the writers: markup escaping that survives any body a provider sends.

/**
 * Characters XML 1.0 forbids even as references (§2.2 Char: C0 controls but tab, LF and CR; lone surrogates; U+FFFE,
 * U+FFFF). HTML treats the same ones as parse errors, and DEL and C1 controls are invisible: all are shown escaped.
 */
const UNPRINTABLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Shows unprintable characters as visible `\u0000` escapes (the bytes themselves stay exact in report.json and curl lines). */
export function visible(s: string): string {
  return s.replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes text for XML or HTML content and attribute values (double or single quoted); unprintable characters made visible. */
export function escapeMarkup(s: string): string {
  return visible(s).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/** Escapes text for XML or HTML element content (quotes stay readable); unprintable characters made visible. */
export function escapeText(s: string): string {
  return visible(s).replace(/[&<>]/g, (ch) => ENTITIES[ch]);
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The replacement of every secret in every output (defined with the other secrets, `src/secrets.ts`). */
export { REDACTED } from '../secrets.ts';

/** Formats milliseconds for people: `850 ms`, `12.3 s`, `4 min 05 s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
