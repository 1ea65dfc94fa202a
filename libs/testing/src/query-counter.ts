import type { DataSource, Logger } from 'typeorm';

/** The SQL statements a DataSource ran while counting (transaction control included). */
export interface CountedQueries {
  statements: string[];
  /** Statements other than BEGIN/START TRANSACTION, COMMIT, ROLLBACK and SAVEPOINTs. */
  readonly work: string[];
  stop(): void;
}

const CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|SET TRANSACTION)/i;

/**
 * Counts the statements a DataSource sends, by wrapping its logger (TypeORM calls
 * `logger.logQuery` for every statement, whatever the logging setting), until stop().
 * Counts every connection of that DataSource: run one request at a time while counting.
 */
export function countQueries(dataSource: DataSource): CountedQueries {
  const holder = dataSource as unknown as { logger: Logger };
  const original = holder.logger;
  const statements: string[] = [];
  holder.logger = new Proxy(original, {
    get(target, prop, receiver) {
      if (prop === 'logQuery') {
        return (query: string, parameters?: unknown[], runner?: unknown) => {
          statements.push(query);
          return target.logQuery(query, parameters, runner as never);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return {
    statements,
    get work() {
      return statements.filter((s) => !CONTROL.test(s));
    },
    stop() {
      holder.logger = original;
    },
  };
}

/** Runs `work` and returns what it returned with the statements it caused. */
export async function withQueryCount<T>(dataSource: DataSource, work: () => Promise<T>): Promise<{ result: T; statements: string[]; work: string[] }> {
  const counter = countQueries(dataSource);
  try {
    const result = await work();
    return { result, statements: [...counter.statements], work: counter.work };
  } finally {
    counter.stop();
  }
}
