import 'reflect-metadata';
import { AppConfig } from '#core';
import { createGateway, exitOnStartupError } from './bootstrap.js';

try {
  const app = await createGateway();
  const config = app.get(AppConfig);
  await app.listen(config.port, config.host);
  process.stdout.write(`Rentai gateway: GraphQL ${config.publicUrl}/graphql${config.production ? '' : ` (GraphiQL ${config.publicUrl}/graphiql)`}, health ${config.publicUrl}/health\n`);
} catch (error) {
  exitOnStartupError(error);
}
