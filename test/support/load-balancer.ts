import { connect, createServer, type Socket } from 'node:net';

export interface LoadBalancer {
  /** http://127.0.0.1:PORT: what readers' pages would have as Kolom's address. */
  baseUrl: string;
  /** Backends by port, in order of preference. */
  backends: number[];
  close(): Promise<void>;
}

/**
 * A TCP load balancer in front of Kolom nodes, as an operator would put one: each new connection
 * goes to the first backend (of `backends`, in order) that accepts it, so when a node stops
 * listening its readers' reconnections land on the next one. Websockets pass through untouched.
 */
export async function startLoadBalancer(backends: number[]): Promise<LoadBalancer> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    route(client, [...balancer.backends]);
  });
  const route = (client: Socket, candidates: number[]) => {
    const port = candidates.shift();
    if (port === undefined || client.destroyed) return void client.destroy();
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    upstream.on('error', () => {
      // Refused: that node is gone or stopping, try the next. Once connected: lost both ways.
      if (connected) client.destroy();
      else route(client, candidates);
    });
    upstream.once('connect', () => {
      connected = true;
      open.add(upstream);
      upstream.once('close', () => (open.delete(upstream), client.destroy()));
      client.once('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const balancer: LoadBalancer = {
    baseUrl: `http://127.0.0.1:${port}`,
    backends,
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return balancer;
}
