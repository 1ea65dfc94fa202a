import { Field, ID, Int, ObjectType, Query, Mutation, Resolver, Args } from '@nestjs/graphql';
import { Connection, IdArg, PageArgs, mapPage } from '#core';
import { EmailAdministration, type EmailMessage } from '#notifications';
import { Allow, Role } from '#access';

@ObjectType('EmailMessage', { description: 'An e-mail of the outbox (what admins see of one that failed or is in doubt)' })
export class EmailMessageObject {
  @Field(() => ID) id: string;
  @Field() template: string;
  @Field() locale: string;
  @Field() toAddress: string;
  @Field() subject: string;
  @Field() status: string;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When a worker last claimed it to send it' }) claimedAt: Date | null;
  @Field(() => Date, { nullable: true }) sentAt: Date | null;
  @Field(() => Int, { description: 'Resends after an unknown outcome (0 or 1): each one byte-identical with the same Message-ID' }) inDoubtResends: number;
  @Field(() => Date, { nullable: true, description: 'When the recovery sweep found its send in doubt and sent it once more' }) inDoubtAt: Date | null;

  static from(e: EmailMessage): EmailMessageObject {
    return Object.assign(new EmailMessageObject(), {
      id: e.id,
      template: e.template,
      locale: e.locale,
      toAddress: e.toAddress,
      subject: e.subject,
      status: e.status,
      attempts: e.attempts,
      lastError: e.lastError,
      createdAt: e.createdAt,
      claimedAt: e.claimedAt,
      sentAt: e.sentAt,
      inDoubtResends: e.inDoubtResends,
      inDoubtAt: e.inDoubtAt,
    });
  }
}

const EmailMessageConnection = Connection(EmailMessageObject, 'EmailMessage');

/**
 * Federation admins: the e-mails that failed for good (every attempt refused) and a resend; the e-mails
 * in doubt (an unknown outcome, re-sent once by the recovery sweep). Lives
 * in auth because the outbox (notifications) is a leaf that knows no roles.
 */
@Resolver(() => EmailMessageObject)
export class EmailAdminResolver {
  constructor(private readonly emails: EmailAdministration) {}

  @Query(() => EmailMessageConnection, { description: 'E-mails that failed after their last attempt, oldest first' })
  @Allow(Role.FEDERATION_ADMIN)
  async failedEmails(@Args() args: PageArgs) {
    return mapPage(await this.emails.failed({ first: args.first, after: args.after }), EmailMessageObject.from);
  }

  @Query(() => EmailMessageConnection, {
    description: 'E-mails whose send had an unknown outcome (worker killed, line dropped): claimed longer ago than the in-doubt delay and not SENT, or re-sent once by the recovery sweep; oldest first',
  })
  @Allow(Role.FEDERATION_ADMIN)
  async inDoubtEmails(@Args() args: PageArgs) {
    return mapPage(await this.emails.inDoubt({ first: args.first, after: args.after }), EmailMessageObject.from);
  }

  @Mutation(() => EmailMessageObject, { description: 'Sends a failed e-mail again (at most once more)' })
  @Allow(Role.FEDERATION_ADMIN)
  async resendEmail(@IdArg('id') id: string): Promise<EmailMessageObject> {
    return EmailMessageObject.from(await this.emails.resend(id));
  }
}
