import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that a test can take down and bring back on the same port, so an outage lasts
 * as long as the test wants (pg_terminate_backend alone is over in an instant: the app reconnects at once).
 */
export interface TcpProxy {
  port: number;
  /** When each connection attempt arrived (ms since the epoch), whatever the mode. */
  readonly attempts: readonly number[];
  /** Stops listening: connections are refused. `cut` also drops the connections already piped. */
  down(opts?: { cut?: boolean }): Promise<void>;
  /** Accepts each connection and closes it at once (a server that is there but fails every connection). */
  drop(): Promise<void>;
  /** Pipes connections to the server again, on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const attempts: number[] = [];
  let dropping = false;
  const make = (): Server => createServer((client) => {
    attempts.push(Date.now());
    if (dropping) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (server: Server, port: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  let server: Server | null = make();
  const port = await listen(server, 0);
  const down: TcpProxy['down'] = async ({ cut = false } = {}) => {
    const s = server;
    server = null;
    if (cut) for (const socket of sockets) socket.destroy();
    // close() stops listening at once; its callback would wait for the piped connections, which may stay.
    s?.close();
    await new Promise((resolve) => setImmediate(resolve));
  };
  const up = async (drops: boolean) => {
    dropping = drops;
    if (server) return;
    server = make();
    await listen(server, port);
  };
  return {
    port, attempts, down,
    drop: () => up(true),
    up: () => up(false),
    close: () => down({ cut: true }),
  };
}
