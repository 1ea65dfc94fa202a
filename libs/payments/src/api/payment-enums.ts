import { registerEnumType } from '@nestjs/graphql';
import { PaymentMethod } from '../payment-method.js';
import { PaymentStatus } from '../payment.entity.js';
import { AllocationSource } from '../payment-allocation.entity.js';
import { SettlementDirection } from '../payment-postings.js';

registerEnumType(PaymentMethod, { name: 'PaymentMethod', description: 'How the money came in' });
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });
registerEnumType(AllocationSource, { name: 'AllocationSource', description: 'PAYMENT: allocated when recorded; CREDIT: member credit applied later' });
registerEnumType(SettlementDirection, { name: 'SettlementDirection' });

export { PaymentMethod, PaymentStatus, AllocationSource, SettlementDirection };
