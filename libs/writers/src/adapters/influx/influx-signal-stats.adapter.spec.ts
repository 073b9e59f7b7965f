import { signalStatsPoint } from './influx-signal-stats.adapter';

describe('signalStatsPoint', () => {
  it('is measurement signal_stats, tag series, integer count and float statistics at the window start', () => {
    const p = signalStatsPoint({
      series: 'sine',
      windowStart: '2026-01-01T00:00:10.000Z',
      windowEnd: '2026-01-01T00:00:20.000Z',
      count: 10,
      min: -5,
      max: 5,
      mean: 0.25,
      last: 1.5,
      lastTime: '2026-01-01T00:00:19.000Z',
      final: true,
    });
    expect(p.toLineProtocol({ convertTime: (d: unknown) => String((d as Date).getTime()) } as never)).toBe(
      `signal_stats,series=sine count=10i,last=1.5,max=5,mean=0.25,min=-5 ${Date.parse('2026-01-01T00:00:10.000Z')}`,
    );
  });
});
