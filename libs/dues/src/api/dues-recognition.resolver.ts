import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '#core';
import { Actor, Allow, CurrentActor, Role } from '#auth';
import { DuesRecognition } from '../dues-recognition.service.js';
import { RecognitionPolicy } from '../recognition-policy.js';
import { DuesControlAccounts } from '../dues-control-accounts.service.js';
import { DuesControlAccountsObject, DuesRecognitionSettingsObject } from './dues-recognition.object.js';

@Resolver(() => DuesRecognitionSettingsObject)
export class DuesRecognitionResolver {
  constructor(
    private readonly recognition: DuesRecognition,
    private readonly control: DuesControlAccounts,
  ) {}

  @Query(() => DuesControlAccountsObject, { description: 'Checks the control-account rule now (every branch book, and the inter-book accounts of all books)' })
  @Allow(Role.FEDERATION_ADMIN, Role.AUDITOR)
  async duesControlAccounts() {
    return DuesControlAccountsObject.from(await this.control.check());
  }

  @Query(() => DuesRecognitionSettingsObject, { description: 'How dues are recognised: the federation setting and the per-book overrides' })
  @Allow(Role.FEDERATION_ADMIN, Role.AUDITOR)
  async duesRecognition() {
    return DuesRecognitionSettingsObject.from(await this.recognition.current());
  }

  @Mutation(() => DuesRecognitionSettingsObject, { description: 'Sets the federation’s dues recognition policy (applies to invoices issued from now on)' })
  @Allow(Role.FEDERATION_ADMIN)
  async setDuesRecognitionPolicy(@CurrentActor() actor: Actor, @Args('policy', { type: () => RecognitionPolicy }) policy: RecognitionPolicy) {
    return DuesRecognitionSettingsObject.from(await this.recognition.setFederationPolicy(actor, policy));
  }

  @Mutation(() => DuesRecognitionSettingsObject, { description: 'Sets a branch book’s own policy; null makes it follow the federation again' })
  @Allow(Role.FEDERATION_ADMIN)
  async setBookDuesRecognitionPolicy(
    @CurrentActor() actor: Actor,
    @IdArg('bookId') bookId: string,
    @Args('policy', { type: () => RecognitionPolicy, nullable: true }) policy: RecognitionPolicy | null,
  ) {
    return DuesRecognitionSettingsObject.from(await this.recognition.setBookPolicy(actor, bookId, policy ?? null));
  }
}
