import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchProcess {
  url: string;
  /** CPU time (user + system) the process has used so far, in ms (Linux /proc/<pid>/stat; NaN elsewhere). */
  cpuMs: () => number;
  stop: () => Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux Node runs on). */
const CLOCK_TICKS = 100;

/** utime + stime of a process in ms, read from /proc (fields 14 and 15, after the parenthesized command name). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
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
    cpuMs: () => processCpuMs(child.pid!),
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
 * `main` another build's gateway (e.g. main's, built in a second worktree, for a same-minute before/after);
 * `onStdout` sees what it prints (with DATABASE_LOGGING=true: every statement, `query: …`).
 */
export function startGatewayProcess(
  env: Record<string, string>,
  port: number,
  nodeArgs: string[] = [],
  main = join(import.meta.dirname, '..', '..', 'apps', 'gateway', 'src', 'main.js'),
  onStdout?: (chunk: string) => void,
): Promise<BenchProcess> {
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
