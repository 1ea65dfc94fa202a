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
 *
 * Every attempt is counted before argon2 runs, in one atomic step (SignInRateLimit.reserve), so
 * concurrent attempts cannot slip past the limits; a correct password gives its count back.
 * Throttling, not lockout: see SIGN_IN_LIMITS.
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
      ['passwordAttemptsPerAddressAndIp', `${address}|${ip}`],
      ['passwordAttemptsPerIp', ip],
    ];
    if (!(await this.limits.isKnownIp(address, ip))) subjects.push(['passwordAttemptsPerAddressFromNewIps', address]);
    const reservation = await this.limits.reserve(subjects);
    const user = await this.users.findByEmail(address);
    const valid = await this.hasher.verify(user?.active ? user.passwordHash : null, password);
    if (!user || !valid) throw AuthErrors.invalidCredentials();
    await this.limits.release(reservation);
    await this.limits.rememberIp(address, ip);
    return this.sessions.open(user, 'password');
  }
}
