import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Money, MoneyObject } from '#core';
import { ReminderKind } from '../reminder-schedule.js';
import { RenewalMethod, type UpcomingRenewal } from '../upcoming-renewal.js';

registerEnumType(ReminderKind, { name: 'RenewalReminderKind', description: '30 and 7 days before the period ends, on the day, before grace ends' });
registerEnumType(RenewalMethod, { name: 'RenewalMethod' });

@ObjectType('RenewalReminderSent')
export class RenewalReminderSentObject {
  @Field(() => ReminderKind) kind: ReminderKind;
  @Field() sentOn: string;
}

@ObjectType('UpcomingRenewal', { description: "A membership's next renewal: when, how much, how it is paid, the reminders sent and what happens next" })
export class UpcomingRenewalObject {
  @Field({ description: 'The first day of the renewal period' }) renewsOn: string;
  @Field({ description: 'The last day of the period being renewed' }) endsOn: string;
  @Field({ description: 'The last day of grace when it ends unpaid' }) graceEndsOn: string;
  @Field(() => MoneyObject, { description: 'What is owed for the renewal (the outstanding amount of its invoice, or the plan amount before it is issued)' }) amount: MoneyObject;
  @Field(() => RenewalMethod) method: RenewalMethod;
  @Field(() => ID, { nullable: true }) invoiceId: string | null;
  @Field(() => String, { nullable: true }) invoiceNumber: string | null;
  @Field(() => String, { nullable: true }) dueOn: string | null;
  @Field({ description: 'When the renewal invoice is (or was) issued' }) invoicedOn: string;
  @Field(() => [RenewalReminderSentObject], { description: 'Reminders sent for this renewal, oldest first' }) remindersSent: RenewalReminderSentObject[];
  @Field(() => String, { nullable: true, description: 'The day of the next step' }) nextStepOn: string | null;
  @Field({ description: "What happens next, in the caller's language" }) nextStep: string;
  @Field() nextStepJa: string;
  @Field() nextStepEn: string;

  static from(u: UpcomingRenewal, locale: 'ja' | 'en'): UpcomingRenewalObject {
    return Object.assign(new UpcomingRenewalObject(), {
      ...u,
      amount: MoneyObject.from(Money.of(u.amount, u.currency)),
      remindersSent: u.remindersSent.map((r) => Object.assign(new RenewalReminderSentObject(), r)),
      nextStep: u.nextStep[locale],
      nextStepJa: u.nextStep.ja,
      nextStepEn: u.nextStep.en,
    });
  }
}
