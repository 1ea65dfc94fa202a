/** Renewals: the daily run (renewal invoices, grace and lapse, reminders), upcomingRenewal. State lives on dues' memberships and invoices; reminders sent are rows here. */
export * from './renewals.module.js';
export * from './entities.js';
export * from './renewal-reminder.entity.js';
export * from './reminder-schedule.js';
export * from './renewal-run.service.js';
export * from './renewal-reminders.service.js';
export * from './upcoming-renewal.js';
export * from './renewals.errors.js';
export { RENEWAL_SCHEDULER_ID } from './worker/renewal-scheduler.js';
export * from './demo/renewals-demo.service.js';
export * from './api/renewals-api.module.js';
