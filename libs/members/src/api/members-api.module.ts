import { Module } from '@nestjs/common';
import { FederationApiModule, FederationModule } from '#federation';
import { MembersModule } from '../members.module.js';
import { OrganizationContactLoader } from '../organization-contact.loader.js';
import { MemberFieldsResolver, OrganizationFieldsResolver } from './member-fields.resolver.js';
import { MemberMutationResolver } from './member-mutation.resolver.js';
import { MemberQueryResolver } from './member-query.resolver.js';

/** Members over GraphQL, with the per-request contact loader and federation's branch loader (imported by apps/gateway only). */
@Module({
  imports: [MembersModule, FederationModule, FederationApiModule],
  providers: [OrganizationContactLoader, MemberQueryResolver, MemberMutationResolver, MemberFieldsResolver, OrganizationFieldsResolver],
})
export class MembersApiModule {}
