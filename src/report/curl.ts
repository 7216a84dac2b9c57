/** Quotes one shell word for POSIX sh, so the curl line replays the exact bytes. */
function shq(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * A curl command that replays a request byte for byte. The real token never appears: a redacted
 * `Authorization: Bearer [REDACTED]` is written as `"Authorization: Bearer $CONNECT_TOKEN"`.
 */
export function toCurl(req: { method: string; url: string; headers: Readonly<Record<string, string>>; body: string | null | undefined }): string {
  const parts = ['curl', '-sS', '-i', '-X', req.method, shq(req.url)];
  const names = Object.keys(req.headers).map((n) => n.toLowerCase());
  // curl adds its own Content-Type with --data-binary and its own Accept/User-Agent; an empty value removes them.
  for (const own of ['Content-Type', 'Accept', 'User-Agent']) if (!names.includes(own.toLowerCase())) parts.push('-H', `'${own}:'`);
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.toLowerCase() === 'content-length') continue;
    if (name.toLowerCase() === 'authorization' && value === REDACTED_BEARER) parts.push('-H', `"Authorization: Bearer $CONNECT_TOKEN"`);
    else parts.push('-H', shq(`${name}: ${value}`));
  }
  // --data-binary keeps newlines and bytes as they are (plain -d strips them).
  if (req.body !== null && req.body !== undefined) parts.push('--data-binary', shq(req.body));
  return parts.join(' ');
}

/** How a valid bearer credential appears in every report, log and curl line. */
export const REDACTED_BEARER = 'Bearer [REDACTED]';
