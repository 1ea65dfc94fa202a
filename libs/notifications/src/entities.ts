import { EmailMessage } from './email-message.entity.js';

export const notificationsEntities = [EmailMessage];
