import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig, HealthService, QUIET_BOOT, bootLogging, exitOnStartupError, listenError } from '#core';
import { WorkerModule } from './worker.module.js';
import { startHealthServer } from './health-server.js';

try {
  const app = await NestFactory.createApplicationContext(WorkerModule, QUIET_BOOT);
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  const server = await startHealthServer(app.get(HealthService), config.workerHealthPort, config.host).catch((error: unknown) => {
    throw listenError(error, 'WORKER_HEALTH_PORT', config.host, config.workerHealthPort);
  });
  process.once('SIGTERM', () => server.close());
  process.once('SIGINT', () => server.close());
  bootLogging(app);
  process.stdout.write(`Rentai worker: processing queues, health http://localhost:${config.workerHealthPort}/health\n`);
} catch (error) {
  exitOnStartupError(error);
}
