import { EmailAttachment } from './email-attachment.entity.js';
import { EmailMessage } from './email-message.entity.js';

export const notificationsEntities = [EmailMessage, EmailAttachment];
