import { DuesPlan } from './dues-plan.entity.js';
import { InvoiceCounter } from './invoice-counter.entity.js';
import { Invoice } from './invoice.entity.js';
import { MembershipStatusChange } from './membership-status-change.entity.js';
import { Membership } from './membership.entity.js';
import { RecognitionBookOverride, RecognitionSetting } from './recognition-setting.entity.js';

export const duesEntities = [DuesPlan, Membership, MembershipStatusChange, InvoiceCounter, Invoice, RecognitionSetting, RecognitionBookOverride];
