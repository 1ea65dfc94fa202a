import { registerEnumType } from '@nestjs/graphql';
import { ShareKind } from '../allocation.js';
import { InvoiceStatus, JoinerCharge } from '../dues-enums.js';
import { PeriodMode } from '../periods.js';
import { MembershipEvent, MembershipStatus } from '../membership-status.js';
import { RecognitionPolicy } from '../recognition-policy.js';

// MemberKind (whom a plan is for) and OrganizationSizeTier are registered by the members library.
registerEnumType(PeriodMode, { name: 'DuesPeriodMode', description: 'Fiscal year (年度, 1 April by default) or anniversary of joining' });
registerEnumType(JoinerCharge, { name: 'JoinerCharge', description: 'How a member joining mid-period is charged: the full year or the remaining months' });
registerEnumType(ShareKind, { name: 'ShareKind', description: 'The federation share: a fixed amount or basis points (1/100 of a percent) of the invoice' });
registerEnumType(InvoiceStatus, { name: 'DuesInvoiceStatus' });
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'The dues standing of a membership (会費の状況), moved by invoices, payments and the renewal run: PENDING, ACTIVE (paid for the current period), GRACE, LAPSED, CANCELLED. Not the member record\'s MemberStatus (the register, set by staff)',
});
registerEnumType(MembershipEvent, { name: 'MembershipEvent' });
registerEnumType(RecognitionPolicy, {
  name: 'DuesRecognitionPolicy',
  description: '会費の計上基準: ON_RECEIPT (受取時, the default: invoices are claims) or ACCRUAL (invoices are the sub-ledger of 未収会費)',
});
