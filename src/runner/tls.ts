// TLS problems in one line, found before any case is sent: what failed, in words, with its OpenSSL code, and what to
// do about it. The target and the token endpoint are probed alike.
import { connect as tlsConnectSocket, rootCertificates } from 'node:tls';
import { isIP } from 'node:net';

/** What to do about a certificate the suite does not trust. */
export const TLS_HINT = "pass --ca FILE with the sandbox's CA, or --insecure";

/** The run's TLS options (`--insecure`, `--ca`). */
export interface TlsOptions {
  readonly insecure: boolean;
  readonly ca?: string | undefined;
}

/**
 * The TLS options of every connection the suite opens (target and token endpoint): `--insecure` verifies nothing;
 * `--ca` trusts its certificates as well as Node's own (a sandbox's private CA).
 */
export function tlsConnect(o: TlsOptions): { rejectUnauthorized: boolean; ca?: string[] } {
  return {
    rejectUnauthorized: !o.insecure,
    ...(o.ca === undefined ? {} : { ca: [...rootCertificates, o.ca] }),
  };
}

/** OpenSSL's certificate verification codes (X509_V_ERR_* as Node names them) and what each means for the user. */
const VERIFY_CODES: Readonly<Record<string, string>> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is signed by a CA this machine does not trust',
  UNABLE_TO_GET_ISSUER_CERT: 'its certificate is signed by a CA this machine does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate is signed by a CA this machine does not trust',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain ends in a CA this machine does not trust',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet',
  CERT_SIGNATURE_FAILURE: 'its certificate signature does not verify',
  CERT_REVOKED: 'its certificate is revoked',
  CERT_UNTRUSTED: 'its certificate is not trusted',
  CERT_REJECTED: 'its certificate is rejected',
  INVALID_CA: 'its certificate chain holds an invalid CA',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another host name',
  HOSTNAME_MISMATCH: 'its certificate is for another host name',
};

/** Node's message when the peer closes the connection before the handshake is done. */
const HUNG_UP = /before secure TLS connection was established/;

/** Whether an error code is a TLS failure (a certificate code, Node's ERR_TLS_*, OpenSSL's ERR_SSL_*). */
export function isTlsCode(code: string | undefined): boolean {
  if (code === undefined) return false;
  return (
    code in VERIFY_CODES ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.includes('CERT') ||
    code === 'EPROTO'
  );
}

/** One line for a TLS failure, with the hint that fixes it: `its certificate is self-signed (CODE); pass --ca …`. */
export function describeTls(e: { readonly code?: string | undefined; readonly message: string }): string {
  const code = e.code ?? 'TLS error';
  // https:// to a port that speaks plain HTTP: OpenSSL reads the HTTP answer as a TLS record of an unknown version.
  if (/wrong version number|packet length too long|http request/i.test(e.message))
    return `the port does not speak TLS (${code}); use http://`;
  if (HUNG_UP.test(e.message))
    return `the server hung up during the handshake (${code}): the port may not speak TLS (use http://), or it refused this client`;
  const meaning = VERIFY_CODES[code];
  if (meaning !== undefined) return `${meaning} (${code}); ${TLS_HINT}`;
  return `${code}: ${e.message.split('\n')[0]}; ${TLS_HINT}`;
}

/**
 * Opens a TLS connection to `url` with the run's options and closes it once the handshake is done; resolves with the
 * one line saying why it failed, or undefined when it succeeded or failed for a reason that is not TLS (a refused
 * connection, DNS: the run's own first request names those).
 */
export function probeTls(url: URL, opts: TlsOptions, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = tlsConnectSocket({
      host,
      port: Number(url.port || 443),
      // RFC 6066 §3: SNI carries host names only, never an IP address.
      ...(isIP(host) ? {} : { servername: host }),
      ...tlsConnect(opts),
    });
    const done = (line: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(line);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.once('secureConnect', () => done(undefined));
    socket.once('error', (e: NodeJS.ErrnoException) =>
      done(
        isTlsCode(e.code) || /wrong version number/i.test(e.message) || HUNG_UP.test(e.message)
          ? describeTls(e)
          : undefined,
      ),
    );
  });
}

/**
 * Whether the server at an http:// `url` speaks TLS on that port (a TLS handshake succeeds there, certificate
 * unchecked): asked only once a plain request has broken off, to say `use https://` instead of `other side closed`.
 */
export function speaksTls(url: URL, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = tlsConnectSocket({ host, port: Number(url.port || 80), rejectUnauthorized: false });
    const done = (yes: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(yes);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
  });
}
