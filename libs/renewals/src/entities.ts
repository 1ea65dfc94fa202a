import { RenewalReminder } from './renewal-reminder.entity.js';

export const renewalsEntities = [RenewalReminder];
