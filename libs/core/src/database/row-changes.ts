import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { DatabaseConfig } from '../config/database.config.js';

/** The channel the `rentai_notify_row_change` trigger notifies (see migration 1764000190000). */
export const ROW_CHANGES_CHANNEL = 'rentai_row_changes';

/** `key` null: anything may have changed (the listener was (re)connected): forget everything. */
export type RowChangeHandler = (key: string | null) => void;

const RECONNECT_MS = 1_000;

/**
 * Rows changed in any process, as PostgreSQL tells them (LISTEN on one connection per process):
 * the trigger on a watched table sends `table:key` after each committed change, from whatever
 * wrote it (a gateway, the worker, the CLI, psql). In-process caches subscribe with `on(table)`
 * and may serve from memory only while `live` (listening); while the listener is down, or until
 * it first connects, they read through. On every (re)connect each handler is told to forget
 * everything, since changes may have been missed. The connection opens when the app has booted
 * (or on the first `live` check before that).
 */
@Injectable()
export class RowChanges implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RowChanges.name);
  private readonly handlers = new Map<string, Set<RowChangeHandler>>();
  private client: pg.Client | null = null;
  private listening = false;
  private started = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly config: DatabaseConfig) {}

  /** Whether a change made anywhere is being heard: caches may answer from memory. */
  get live(): boolean {
    if (!this.started) this.start();
    return this.listening;
  }

  on(table: string, handler: RowChangeHandler): void {
    let set = this.handlers.get(table);
    if (!set) this.handlers.set(table, (set = new Set()));
    set.add(handler);
  }

  /** Listening before the first request (a failure here only means reading through until reconnected). */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.started) {
      this.started = true;
      await this.connect();
    }
  }

  private start(): void {
    this.started = true;
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.config.url, application_name: 'rentai-row-changes' });
    this.client = client;
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.listening = false;
      this.client = null;
      this.forgetAll();
      client.end().catch(() => undefined);
      if (!this.closed) {
        if (error) this.logger.warn(`row-change listener lost (${error.message}); caches read through until it reconnects`);
        this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
        this.retry.unref();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => this.dispatch(n.payload ?? ''));
    try {
      await client.connect();
      await client.query(`LISTEN ${ROW_CHANGES_CHANNEL}`);
      if (this.client !== client) return;
      this.forgetAll();
      this.listening = true;
    } catch (error) {
      lost(error as Error);
    }
  }

  private dispatch(payload: string): void {
    const colon = payload.indexOf(':');
    const table = colon < 0 ? payload : payload.slice(0, colon);
    const key = colon < 0 ? null : payload.slice(colon + 1) || null;
    for (const handler of this.handlers.get(table) ?? []) handler(key);
  }

  private forgetAll(): void {
    for (const set of this.handlers.values()) for (const handler of set) handler(null);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
