import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DependencyCheck, runCheck } from './dependency-health';
import { DEPENDENCY_CHECKS, LIVENESS_CHECKS } from './observability.constants';

/**
 * `GET /health/live`: liveness — 200 while the event loop answers and every check provided as
 * `LIVENESS_CHECKS` (optional, e.g. "work waits without progress") is up; 503 otherwise, with the
 * detail, so an orchestrator restarts the process.
 * `GET /health`: readiness — 200 when Kafka and the service's store answer a real request, 503
 * otherwise; each check that is down carries a `detail` saying why (`{"redis":{"status":"down","detail":"..."}}`).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DEPENDENCY_CHECKS) private readonly checks: DependencyCheck[],
    @Optional() @Inject(LIVENESS_CHECKS) private readonly liveness: DependencyCheck[] = [],
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.run(this.liveness ?? []);
  }

  @Get()
  @HealthCheck()
  ready() {
    return this.run(this.checks);
  }

  private run(checks: DependencyCheck[]) {
    return this.health.check(
      checks.map((c) => async () => {
        const session = this.indicators.check(c.name);
        const s = await runCheck(c);
        return s.up ? session.up() : session.down(s.detail ? { detail: s.detail } : undefined);
      }),
    );
  }
}
