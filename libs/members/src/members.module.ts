import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FederationModule } from '#federation';
import { membersEntities } from './entities.js';
import { MemberImport } from './import/member-import.service.js';
import { DemoSeed } from './demo/demo-seed.service.js';
import { MemberDirectory } from './member-directory.service.js';
import { MemberEditing } from './member-editing.service.js';
import { MemberNumbering } from './member-numbering.service.js';
import { MemberRegistration } from './member-registration.service.js';
import { MemberSearch } from './member-search.service.js';
import { MemberSignIns } from './member-sign-in.service.js';
import { MemberTransfer } from './member-transfer.service.js';
import { MemberRepository } from './member.repository.js';
import { OrganizationContactRepository } from './organization-contact.repository.js';
import { OrganizationContacts } from './organization-contacts.service.js';
import { AuditModule } from '#audit';
import { AuthModule } from '#auth';

@Module({
  imports: [TypeOrmModule.forFeature(membersEntities), FederationModule, AuditModule, AuthModule],
  providers: [
    MemberRepository,
    OrganizationContactRepository,
    MemberNumbering,
    MemberRegistration,
    MemberSignIns,
    MemberEditing,
    MemberTransfer,
    OrganizationContacts,
    MemberSearch,
    MemberDirectory,
    MemberImport,
    DemoSeed,
  ],
  exports: [MemberDirectory, MemberSearch, MemberRegistration, MemberImport, DemoSeed, MemberEditing, MemberTransfer, OrganizationContacts, MemberSignIns, OrganizationContactRepository],
})
export class MembersModule {}
