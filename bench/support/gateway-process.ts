import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The real built gateway in its own process (its own core), as in production. */
export async function startGatewayProcess(env: Record<string, string>, port: number, nodeArgs: string[] = []): Promise<{ url: string; stop: () => Promise<void> }> {
  const main = join(import.meta.dirname, '..', '..', 'apps', 'gateway', 'src', 'main.js');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, main], {
    env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: 'bench-session-secret-0123456789abcdef', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Rentai gateway')) resolve();
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The bare Fastify + Mercurius server of bare-graphql-server.ts in its own process (the member page's floor). */
export async function startBareGraphqlProcess(port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const main = join(import.meta.dirname, 'bare-graphql-server.js');
  const child: ChildProcess = spawn(process.execPath, [main, String(port)], { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bare graphql server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('bare graphql')) resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
