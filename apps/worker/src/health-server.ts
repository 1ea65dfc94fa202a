import { createServer, type Server } from 'node:http';
import type { HealthService } from '#core';

/** GET /health on the worker's own port: PostgreSQL and Redis reachable. */
export function startHealthServer(health: HealthService, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== '/health') {
      res.writeHead(404).end();
      return;
    }
    void health.check().then((report) => {
      res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...report, process: 'worker' }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
