import { Module } from '@nestjs/common';
import { NotificationsModule } from '#notifications';
import { AuthModule } from '../auth.module.js';
import { EmailAdminResolver } from './email-admin.resolver.js';
import { SignInResolver } from './sign-in.resolver.js';
import { UserAdminResolver } from './user-admin.resolver.js';

/** Sign-in, user administration and the e-mail admin queries over GraphQL (imported by apps/gateway only). */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: [SignInResolver, UserAdminResolver, EmailAdminResolver],
})
export class AuthApiModule {}
