import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig, HealthService } from '#core';
import { WorkerModule } from './worker.module.js';
import { startHealthServer } from './health-server.js';

try {
  const app = await NestFactory.createApplicationContext(WorkerModule, { abortOnError: false });
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  const server = await startHealthServer(app.get(HealthService), config.workerHealthPort, config.host);
  process.once('SIGTERM', () => server.close());
  process.stdout.write(`Rentai worker: processing queues, health http://localhost:${config.workerHealthPort}/health\n`);
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
