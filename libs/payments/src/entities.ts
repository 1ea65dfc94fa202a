import { Payment } from './payment.entity.js';
import { PaymentAllocation } from './payment-allocation.entity.js';
import { Settlement } from './settlement.entity.js';
import { OnlineCheckout } from './stripe/online-checkout.entity.js';
import { StripeCustomer } from './stripe/stripe-customer.entity.js';
import { StripeEvent } from './stripe/stripe-event.entity.js';
import { PaymentRefund } from './stripe/payment-refund.entity.js';
import { PaymentDispute } from './stripe/payment-dispute.entity.js';
import { StripePayout, StripePayoutTransaction } from './stripe/stripe-payout.entity.js';
import { SavedCard } from './stripe/saved-card.entity.js';
import { AutoRenewCharge } from './stripe/auto-renew-charge.entity.js';

export const paymentsEntities = [Payment, PaymentAllocation, Settlement, StripeEvent, StripeCustomer, OnlineCheckout, PaymentRefund, PaymentDispute, StripePayout, StripePayoutTransaction, SavedCard, AutoRenewCharge];
