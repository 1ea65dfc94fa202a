import { Payment } from './payment.entity.js';
import { PaymentAllocation } from './payment-allocation.entity.js';
import { Settlement } from './settlement.entity.js';

export const paymentsEntities = [Payment, PaymentAllocation, Settlement];
