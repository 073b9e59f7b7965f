import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Controller, Get, Header, Inject, MessageEvent, NotFoundException, Param, Res, Sse } from '@nestjs/common';
import type { ServerResponse as Response } from 'node:http';
import { map, Observable, timer } from 'rxjs';
import type { ConsoleFeed, ConsoleSnapshot } from '@sluice/console';
import type { ConsoleAppConfig } from './console.config';
import { CONSOLE_CONFIG, CONSOLE_FEED } from './console.constants';

/** A file the page loads, read once at start-up. */
interface Asset {
  type: string;
  body: Buffer;
}

/** The page's own files (apps/console/public, copied beside the build) and uPlot's from node_modules. */
function loadAssets(): Map<string, Asset> {
  const pub = path.join(__dirname, '..', 'public');
  const files: Array<[string, string, string]> = [
    ['index.html', path.join(pub, 'index.html'), 'text/html; charset=utf-8'],
    ['app.js', path.join(pub, 'app.js'), 'text/javascript; charset=utf-8'],
    ['app.css', path.join(pub, 'app.css'), 'text/css; charset=utf-8'],
    ['uPlot.iife.min.js', require.resolve('uplot/dist/uPlot.iife.min.js'), 'text/javascript; charset=utf-8'],
    ['uPlot.min.css', require.resolve('uplot/dist/uPlot.min.css'), 'text/css; charset=utf-8'],
  ];
  return new Map(files.map(([name, file, type]) => [name, { type, body: readFileSync(file) }]));
}

/**
 * The web console's HTTP surface: `GET /` (the page), `GET /assets/<file>` (its scripts, styles
 * and uPlot, no CDN), `GET /api/snapshot` (what the page shows, JSON) and `GET /api/events`
 * (the same as server-sent events every `CONSOLE_PUSH_INTERVAL_MS`).
 */
@Controller()
export class ConsoleController {
  private readonly assets = loadAssets();

  constructor(
    @Inject(CONSOLE_FEED) private readonly feed: ConsoleFeed,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleAppConfig,
  ) {}

  @Get()
  page(@Res() res: Response): void {
    this.send(res, 'index.html');
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    if (name === 'index.html' || !this.assets.has(name)) throw new NotFoundException();
    this.send(res, name);
  }

  @Get('api/snapshot')
  @Header('Cache-Control', 'no-store')
  snapshot(): ConsoleSnapshot {
    return this.feed.snapshot(this.config.console.pushIntervalMs / 2);
  }

  @Sse('api/events')
  events(): Observable<MessageEvent> {
    const every = this.config.console.pushIntervalMs;
    return timer(0, every).pipe(map(() => ({ type: 'snapshot', data: this.feed.snapshot(every / 2) })));
  }

  private send(res: Response, name: string): void {
    const a = this.assets.get(name)!;
    res.setHeader('Content-Type', a.type);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (name === 'index.html') res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'");
    res.end(a.body);
  }
}
