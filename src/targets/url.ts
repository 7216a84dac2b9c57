import { TargetError, type Target } from './types.ts';

/** A provider at a URL standing for the spec's `servers[0].url`. Nothing is started; nothing is stopped. */
export function urlTarget(raw: string): Target {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetError(
      `--target ${JSON.stringify(raw)} is neither "prism" nor a URL (e.g. https://sandbox.example.com/connect)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TargetError(`--target ${raw}: only http and https URLs are supported`);
  }
  if (url.search || url.hash) throw new TargetError(`--target ${raw}: give the base URL without query or fragment`);
  if (url.username || url.password)
    throw new TargetError(`--target ${raw}: credentials do not belong in the URL; use --token or CONNECT_TOKEN`);
  return {
    kind: 'url',
    baseUrl: url.href.replace(/\/+$/, ''),
    mock: false,
    waivers: [],
    normalisations: [],
    defaultTimeoutMs: 10_000,
    async stop() {},
  };
}
