/**
 * What happens next to a membership's renewal (the `upcomingRenewal` field): pure, from the
 * dues outlook, the reminders sent and today.
 */
import { MembershipStatus, addDays, type RenewalOutlook } from '#dues';
import { ReminderKind, nextReminder } from './reminder-schedule.js';

export enum RenewalMethod {
  /** The saved card is charged off-session on the due date. */
  AUTO_RENEW_CARD = 'AUTO_RENEW_CARD',
  /** The member pays the invoice: bank transfer, or online (card, konbini) from the portal. */
  BANK_TRANSFER = 'BANK_TRANSFER',
}

export interface UpcomingRenewal {
  /** The first day of the renewal period. */
  renewsOn: string;
  /** The last day of the period being renewed. */
  endsOn: string;
  graceEndsOn: string;
  amount: bigint;
  currency: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  dueOn: string | null;
  /** When the renewal invoice is (or was) issued. */
  invoicedOn: string;
  method: RenewalMethod;
  remindersSent: { kind: ReminderKind; sentOn: string }[];
  nextStepOn: string | null;
  nextStep: { ja: string; en: string };
}

const yen = (amount: bigint) => `¥${amount.toLocaleString('en-US')}`;

const KIND_TEXT: Record<ReminderKind, { ja: string; en: string }> = {
  DAYS_30: { ja: '30日前のお知らせ', en: 'the 30-day reminder' },
  DAYS_7: { ja: '7日前のお知らせ', en: 'the 7-day reminder' },
  DAY_OF: { ja: '期間終了日のお知らせ', en: 'the reminder on the day the period ends' },
  GRACE_ENDING: { ja: '猶予期間終了前のお知らせ', en: 'the reminder before grace ends' },
};

/** Null for a cancelled membership (nothing renews). */
export function upcomingRenewal(
  o: RenewalOutlook,
  input: { today: string; leadDays: number; remindersSent: { kind: ReminderKind; sentOn: string }[]; autoRenew?: boolean },
): UpcomingRenewal | null {
  if (o.status === MembershipStatus.CANCELLED) return null;
  const method = input.autoRenew ? RenewalMethod.AUTO_RENEW_CARD : RenewalMethod.BANK_TRANSFER;
  if (o.openInvoice) {
    const renewsOn = o.periodStart;
    const endsOn = addDays(renewsOn, -1);
    const graceEndsOn = addDays(endsOn, o.openInvoice.graceDays);
    const amount = o.openInvoice.outstanding;
    const base = {
      renewsOn, endsOn, graceEndsOn, amount, currency: o.currency, invoiceId: o.openInvoice.id, invoiceNumber: o.openInvoice.number,
      dueOn: o.openInvoice.dueOn, invoicedOn: addDays(endsOn, -input.leadDays), method, remindersSent: input.remindersSent,
    };
    if (o.status === MembershipStatus.LAPSED) {
      return { ...base, nextStepOn: null, nextStep: {
        ja: `会員資格は ${addDays(graceEndsOn, 1)} に失効しました。請求書 ${o.openInvoice.number} (${yen(amount)}) をお支払いいただくと、支払った期間の会員資格が回復します。`,
        en: `The membership lapsed on ${addDays(graceEndsOn, 1)}. Paying invoice ${o.openInvoice.number} (${yen(amount)}) reinstates it for the period paid.`,
      } };
    }
    const reminder = nextReminder({ endsOn, graceEnd: graceEndsOn }, input.today);
    const then = reminder
      ? { ja: ` 次は ${reminder.on} に${KIND_TEXT[reminder.kind].ja}をお送りします。`, en: ` Next: ${KIND_TEXT[reminder.kind].en} on ${reminder.on}.` }
      : { ja: '', en: '' };
    if (input.today > endsOn) {
      return { ...base, nextStepOn: addDays(graceEndsOn, 1), nextStep: {
        ja: `猶予期間中です。${graceEndsOn} までに ${yen(amount)} のお支払いがないと、${addDays(graceEndsOn, 1)} に会員資格が失効します。${then.ja}`.trim(),
        en: `In grace: unless ${yen(amount)} is paid by ${graceEndsOn}, the membership lapses on ${addDays(graceEndsOn, 1)}.${then.en}`,
      } };
    }
    if (method === RenewalMethod.AUTO_RENEW_CARD && input.today <= o.openInvoice.dueOn) {
      return { ...base, nextStepOn: o.openInvoice.dueOn, nextStep: {
        ja: `自動更新: ${o.openInvoice.dueOn} に登録済みのカードで ${yen(amount)} (請求書 ${o.openInvoice.number}) をお支払いします。カードが使えない場合はメールでお知らせします。${then.ja}`.trim(),
        en: `Auto-renew: ${yen(amount)} (invoice ${o.openInvoice.number}) is charged to the saved card on ${o.openInvoice.dueOn}; if the card fails you are told by e-mail.${then.en}`,
      } };
    }
    return { ...base, nextStepOn: reminder?.on ?? endsOn, nextStep: {
      ja: `請求書 ${o.openInvoice.number} の ${yen(amount)} を ${o.openInvoice.dueOn} までにお支払いください。期間は ${endsOn} に終了し、未納の場合は ${graceEndsOn} まで猶予期間です。${then.ja}`.trim(),
      en: `Pay ${yen(amount)} (invoice ${o.openInvoice.number}) by ${o.openInvoice.dueOn}. The period ends on ${endsOn}; unpaid, grace runs until ${graceEndsOn}.${then.en}`,
    } };
  }
  const renewsOn = addDays(o.periodEnd, 1);
  const endsOn = o.periodEnd;
  const invoicedOn = addDays(endsOn, -input.leadDays);
  const graceEndsOn = addDays(endsOn, o.graceDays);
  const issueDay = invoicedOn > input.today ? invoicedOn : input.today;
  return {
    renewsOn, endsOn, graceEndsOn, amount: o.planAmount, currency: o.currency, invoiceId: null, invoiceNumber: null, dueOn: null, invoicedOn, method,
    remindersSent: input.remindersSent,
    nextStepOn: issueDay,
    nextStep: {
      ja: `${issueDay} に ${renewsOn} からの期間の請求書 (${yen(o.planAmount)}) を発行します${method === RenewalMethod.AUTO_RENEW_CARD ? '。登録済みのカードで自動更新されます' : ''}。`,
      en: `The invoice for the period from ${renewsOn} (${yen(o.planAmount)}) is issued on ${issueDay}${method === RenewalMethod.AUTO_RENEW_CARD ? ' and charged to the saved card' : ''}.`,
    },
  };
}
