import { Field, ID, Int, ObjectType, Query, Mutation, Resolver, Args } from '@nestjs/graphql';
import { Connection, IdArg, PageArgs, mapPage } from '#core';
import { EmailAdministration, type EmailMessage } from '#notifications';
import { Allow, Role } from '#access';

@ObjectType('EmailMessage', { description: 'An e-mail of the outbox (what admins see of one that failed)' })
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
    });
  }
}

const EmailMessageConnection = Connection(EmailMessageObject, 'EmailMessage');

/**
 * Federation admins: the e-mails that failed for good (every attempt refused) and a resend. Lives
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

  @Mutation(() => EmailMessageObject, { description: 'Sends a failed e-mail again (at most once more)' })
  @Allow(Role.FEDERATION_ADMIN)
  async resendEmail(@IdArg('id') id: string): Promise<EmailMessageObject> {
    return EmailMessageObject.from(await this.emails.resend(id));
  }
}
