/** Injection token: the `DependencyCheck[]` a service's readiness covers. */
export const DEPENDENCY_CHECKS = 'DEPENDENCY_CHECKS';
/** Injection token: the service's root pino `Logger`. */
export const ROOT_LOGGER = 'ROOT_LOGGER';
/** Injection token (optional): the `DependencyCheck[]` of `GET /health/live` (e.g. a stall detector). */
export const LIVENESS_CHECKS = 'LIVENESS_CHECKS';
