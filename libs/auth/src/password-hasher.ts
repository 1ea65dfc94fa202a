import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** OWASP's recommended argon2id parameters (19 MiB, 2 passes, 1 lane): about 50 ms a hash here. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** argon2id hashes. Verifying an unknown user costs the same as a known one (a dummy hash). */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  /** Verifies against `hash`, or against a dummy hash when there is none, so timing does not tell. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    const target = hash ?? (await (this.dummy ??= this.hash(randomBytes(24).toString('base64'))));
    try {
      return (await argon2.verify(target, password)) && hash !== null;
    } catch {
      return false;
    }
  }
}
