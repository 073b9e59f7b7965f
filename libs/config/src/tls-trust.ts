import { accessSync, constants } from 'node:fs';
import type { ConfigProblem } from './config-error';

/** Client TLS to a server: `caFile` a PEM file of the CA that signed its certificate (absent: the system's CAs). */
export interface TlsTrust {
  caFile?: string;
}

/**
 * Node's codes for a server certificate the client does not trust (`tls.connect` verification
 * errors, e.g. a self-signed certificate without its CA file): retrying never makes it valid, so a
 * service that meets one while connecting at start-up stops, naming the CA variable to set.
 * The codes are OpenSSL's verification results as Node reports them (`X509_V_ERR_*` without the
 * prefix) and Node's own `ERR_TLS_CERT_ALTNAME_INVALID`: a self-signed, unknown, expired or
 * misnamed certificate.
 */
export const TLS_VERIFY_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

/** The TLS verification code of `error` (see {@link TLS_VERIFY_CODES}), or undefined for any other error. */
export function tlsVerifyCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && TLS_VERIFY_CODES.has(code) ? code : undefined;
}

/**
 * The problem of a CA file setting (`KAFKA_SSL_CA`, `CASSANDRA_SSL_CA`, `INFLUX_SSL_CA`): the file
 * must be readable at start-up. @returns undefined when it is (or when no file is set)
 */
export function caFileProblem(variable: string, file: string | undefined): ConfigProblem | undefined {
  if (file === undefined) return undefined;
  try {
    accessSync(file, constants.R_OK);
    return undefined;
  } catch {
    return { variable, message: 'must be a readable PEM file', received: file };
  }
}
