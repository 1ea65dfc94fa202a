import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface BenchProcess {
  url: string;
  /** The process id (for its CPU time in /proc/<pid>/stat, see cpu.ts). */
  pid: number;
  stop: () => Promise<void>;
}

/** A Node program in its own process (its own core), ready once its stdout says `ready`. */
async function startNodeProcess(
  main: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: string,
  url: string,
  nodeArgs: string[] = [],
  onStdout?: (chunk: string) => void,
): Promise<BenchProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, main, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${main} exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      onStdout?.(text);
      if (text.includes(ready)) resolve();
    });
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The real built gateway in its own process (its own core), as in production; `nodeArgs` e.g. `--cpu-prof`;
 * `onStdout` sees what it prints (with DATABASE_LOGGING=true: every statement, `query: …`).
 */
export function startGatewayProcess(env: Record<string, string>, port: number, nodeArgs: string[] = [], onStdout?: (chunk: string) => void): Promise<BenchProcess> {
  const main = join(import.meta.dirname, '..', '..', 'apps', 'gateway', 'src', 'main.js');
  return startNodeProcess(
    main,
    [],
    { ...process.env, NODE_ENV: 'production', SESSION_SECRET: 'bench-session-secret-0123456789abcdef', ...env, PORT: String(port), HOST: '127.0.0.1' },
    'Rentai gateway',
    `http://127.0.0.1:${port}`,
    nodeArgs,
    onStdout,
  );
}

/** The bare Fastify + Mercurius server of bare-graphql-server.ts in its own process (the member page's floor). */
export function startBareGraphqlProcess(port: number): Promise<BenchProcess> {
  const main = join(import.meta.dirname, 'bare-graphql-server.js');
  return startNodeProcess(main, [String(port)], { ...process.env, NODE_ENV: 'production' }, 'bare graphql', `http://127.0.0.1:${port}`);
}
