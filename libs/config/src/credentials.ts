import type { ConfigProblem } from './config-error';

/** A user name and its password (a secret: never logged, never echoed in a configuration error). */
export interface Credentials {
  username: string;
  password: string;
}

/** The names of the two variables of a {@link Credentials} pair, e.g. `CASSANDRA_USERNAME` and `CASSANDRA_PASSWORD`. */
export interface CredentialVariables {
  username: string;
  password: string;
}

/**
 * The credentials of two optional variables that go together: both set → the pair, neither →
 * undefined, one of them → a pair with the other empty, which {@link credentialsProblems} refuses.
 */
export function credentialsOf(username: string | undefined, password: string | undefined): Credentials | undefined {
  return username === undefined && password === undefined ? undefined : { username: username ?? '', password: password ?? '' };
}

/**
 * What is wrong with a pair built by {@link credentialsOf}: a user without a password or a password
 * without a user, each problem naming both variables, e.g.
 * `CASSANDRA_PASSWORD: is required with CASSANDRA_USERNAME (set both CASSANDRA_USERNAME and CASSANDRA_PASSWORD, or neither)`.
 * The values are never echoed.
 */
export function credentialsProblems(vars: CredentialVariables, credentials: Credentials | undefined): ConfigProblem[] {
  if (!credentials) return [];
  const both = `(set both ${vars.username} and ${vars.password}, or neither)`;
  if (!credentials.password) return [{ variable: vars.password, message: `is required with ${vars.username} ${both}` }];
  if (!credentials.username) return [{ variable: vars.username, message: `is required with ${vars.password} ${both}` }];
  return [];
}
