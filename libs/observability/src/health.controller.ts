import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DependencyCheck, runCheck } from './dependency-health';
import { DEPENDENCY_CHECKS } from './observability.constants';

/**
 * `GET /health/live`: liveness (the event loop answers).
 * `GET /health`: readiness — 200 when Kafka and the service's store answer a real request, 503
 * otherwise; each check that is down carries a `detail` saying why (`{"redis":{"status":"down","detail":"..."}}`).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DEPENDENCY_CHECKS) private readonly checks: DependencyCheck[],
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get()
  @HealthCheck()
  ready() {
    return this.health.check(
      this.checks.map((c) => async () => {
        const session = this.indicators.check(c.name);
        const s = await runCheck(c);
        return s.up ? session.up() : session.down(s.detail ? { detail: s.detail } : undefined);
      }),
    );
  }
}
