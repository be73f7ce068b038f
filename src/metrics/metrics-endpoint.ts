import { createServer, type Server } from 'node:http';

export interface MetricsSettings {
  port: number;
  host: string;
}

/**
 * The `/metrics` server itself, on a port of its own: shared by a single node (its own registry)
 * and the workers' primary (every worker's, summed), so that both answer alike.
 */
export async function listenForScrapes(settings: MetricsSettings, read: () => Promise<string>, contentType: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    read().then(
      (text) => response.writeHead(200, { 'Content-Type': contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  return server;
}
