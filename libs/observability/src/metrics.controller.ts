import { Controller, Get, Header } from '@nestjs/common';
import { SluiceMetrics } from './metrics';

/** `GET /metrics`: Prometheus text exposition of {@link SluiceMetrics}. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: SluiceMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
