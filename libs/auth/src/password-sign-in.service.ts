import { Injectable } from '@nestjs/common';
import { AuthErrors } from './auth.errors.js';
import { PasswordHasher } from './password-hasher.js';
import { Sessions, type SignedIn } from './sessions.service.js';
import { SignInRateLimit, type LimitSubject } from './sign-in-rate-limit.js';
import { UserRepository } from './user.repository.js';

/**
 * Staff sign in with e-mail and password. Unknown e-mail, wrong password, no
 * password (members) and deactivated users all get the same answer, after the
 * same argon2 work.
 */
@Injectable()
export class PasswordSignIn {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly limits: SignInRateLimit,
    private readonly sessions: Sessions,
  ) {}

  async signIn(email: string, password: string, ip: string): Promise<SignedIn> {
    const address = email.trim().toLowerCase();
    const subjects: LimitSubject[] = [
      ['passwordFailuresPerEmail', address],
      ['passwordFailuresPerIp', ip],
    ];
    await this.limits.assertAllowed(subjects);
    const user = await this.users.findByEmail(address);
    const valid = await this.hasher.verify(user?.active ? user.passwordHash : null, password);
    if (!user || !valid) {
      await this.limits.record(subjects);
      throw AuthErrors.invalidCredentials();
    }
    return this.sessions.open(user, 'password');
  }
}
