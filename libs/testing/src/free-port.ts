import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const handedOut = new Set<number>();

/**
 * The first port of the kernel's ephemeral range (`net.ipv4.ip_local_port_range`, 32768 by
 * default on Linux): the ports outgoing connections take their local port from.
 */
function ephemeralStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(low) && low > 1024 ? low : 32768;
  } catch {
    return 32768;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, for a service a test starts.
 *
 * Chosen below the ephemeral range: a port the kernel handed out (`listen(0)`) can be taken as
 * the local port of any outgoing connection (a Kafka or Cassandra client) before the service
 * binds it, and the service then dies with EADDRINUSE. The range [10000, 27000) also stays clear
 * of the stack's fixed ports (MongoDB's 27017 is free while an outage test has it stopped).
 * Ports already returned by this process are not returned again.
 *
 * @param range `[low, high)` to pick from instead (e.g. the private Mongo stand-ins' ports)
 * @throws when no port in the range could be bound after 200 tries
 */
export async function freePort(range?: { low: number; high: number }): Promise<number> {
  const low = range?.low ?? 10000;
  const high = range?.high ?? Math.max(low + 1000, Math.min(27000, ephemeralStart()));
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port)) continue;
    // Reserved before the check, so concurrent calls never return the same port.
    handedOut.add(port);
    if (await canListen(port)) return port;
    handedOut.delete(port);
  }
  throw new Error(`no free TCP port on 127.0.0.1 in [${low}, ${high})`);
}
