import 'reflect-metadata';
import { AppConfig, bootLogging, exitOnStartupError, listenError } from '#core';
import { createGateway } from './bootstrap.js';

try {
  const app = await createGateway();
  const config = app.get(AppConfig);
  await app.listen(config.port, config.host).catch((error: unknown) => {
    throw listenError(error, 'PORT', config.host, config.port);
  });
  bootLogging(app);
  const base = config.publicUrl.replace(/\/+$/, '');
  process.stdout.write(`Rentai gateway: GraphQL ${base}/graphql${config.production ? '' : `, GraphiQL ${base}/graphiql`}, health ${base}/health\n`);
} catch (error) {
  exitOnStartupError(error);
}
