import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Clock, RenewalsConfig } from '#core';
import { RenewalQueries } from '#dues';
import { RenewalReminderRepository } from './renewal-reminder.repository.js';
import { upcomingRenewal, type UpcomingRenewal } from './upcoming-renewal.js';

/**
 * Batches `upcomingRenewal` fields of one GraphQL request: one query for the memberships' outlooks,
 * one for their reminders, whatever the number of memberships. Lives as long as the request's context.
 */
@Injectable()
export class UpcomingRenewalLoader {
  private readonly loaders = new WeakMap<object, DataLoader<string, UpcomingRenewal | null>>();

  constructor(
    private readonly queries: RenewalQueries,
    private readonly reminders: RenewalReminderRepository,
    private readonly clock: Clock,
    private readonly config: RenewalsConfig,
  ) {}

  for(context: object): DataLoader<string, UpcomingRenewal | null> {
    let loader = this.loaders.get(context);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const outlooks = await this.queries.outlooks(ids);
        const periodOf = (o: { openInvoice: unknown; periodStart: string; periodEnd: string }) => (o.openInvoice ? o.periodStart : null);
        const keys = [...outlooks.values()].flatMap((o) => (periodOf(o) ? [{ membershipId: o.membershipId, periodStart: o.periodStart }] : []));
        const sent = await this.reminders.sentFor(keys);
        const today = this.clock.today();
        return ids.map((id) => {
          const o = outlooks.get(id);
          if (!o) return null;
          return upcomingRenewal(o, { today, leadDays: this.config.leadDays, remindersSent: sent.get(`${id}:${o.periodStart}`) ?? [], autoRenew: o.autoRenew });
        });
      });
      this.loaders.set(context, loader);
    }
    return loader;
  }
}
