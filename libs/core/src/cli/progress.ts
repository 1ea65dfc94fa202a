import cliProgress from 'cli-progress';

export interface Progress {
  increment(by?: number): void;
  stop(): void;
}

/** A progress bar on stderr for long CLI work (a plain line per 10% when not a terminal, as in CI). */
export function progressBar(label: string, total: number): Progress {
  if (!process.stderr.isTTY) {
    let done = 0;
    let lastTenth = -1;
    return {
      increment(by = 1) {
        done += by;
        const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          process.stderr.write(`${label}: ${done}/${total} (${tenth * 10}%)\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total} eta {eta}s`, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { increment: (by = 1) => bar.increment(by), stop: () => bar.stop() };
}

/**
 * A running count on stderr for CLI work whose size is not known before it ends (rows read in keyset
 * batches): `line(done)` says what is done so far, one line per step (kept on one line on a terminal).
 */
export function progressCount(line: (done: number) => string): Progress {
  let done = 0;
  const tty = process.stderr.isTTY;
  return {
    increment(by = 1) {
      done += by;
      process.stderr.write(tty ? `\r${line(done)}` : `${line(done)}\n`);
    },
    stop() {
      if (tty && done > 0) process.stderr.write('\n');
    },
  };
}
