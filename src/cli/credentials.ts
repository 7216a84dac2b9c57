import { staticToken, type Credentials } from '../runner/credentials.ts';
import { oauthClientCredentials } from '../runner/oauth.ts';
import { UsageError, type Flags } from './args.ts';
import type { Io } from './io.ts';
import { optional } from './optional.ts';
import { caFlag } from './sending.ts';

/** `--token-url` (OAuth2 client credentials from the environment), else `--token` or `CONNECT_TOKEN`. */
export function credentialsFrom(flags: Flags, env: Io['env']): Credentials {
  const tokenUrl = flags['token-url'];
  if (tokenUrl === undefined) {
    if (flags.scope !== undefined) throw new UsageError('--scope goes with --token-url (OAuth2 client credentials)');
    if (flags.token !== undefined && flags.token.trim() === '') throw new UsageError('--token is empty');
    return staticToken(flags.token ?? (env['CONNECT_TOKEN'] || undefined));
  }
  if (flags.token !== undefined) throw new UsageError('give either --token or --token-url, not both');
  for (const name of ['CONNECT_CLIENT_ID', 'CONNECT_CLIENT_SECRET']) {
    if (!env[name])
      throw new UsageError(`--token-url needs the client credentials in the environment: ${name} is not set`);
  }
  return oauthClientCredentials({
    tokenUrl,
    clientId: env['CONNECT_CLIENT_ID']!,
    clientSecret: env['CONNECT_CLIENT_SECRET']!,
    // The token endpoint gets the target's TLS options: a sandbox's private CA usually signs both.
    tls: { insecure: flags.insecure ?? false, ca: caFlag(flags.ca)?.pem },
    ...optional('scope', flags.scope),
  });
}
