import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { AppConfig, Clock } from '#core';

/** Verified tokens remembered per process; past this the memory is simply cleared. */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * How a session was opened: with the password (staff authority) or with an e-mailed link
 * (MEMBER authority only: an e-mail box is not enough to act as staff).
 */
export type SignInMethod = 'password' | 'link';

export interface SessionClaims {
  userId: string;
  /** Bumped on sign-out-everywhere and on password change: older tokens stop working. */
  sessionVersion: number;
  /** The `via` claim; a token without it is taken as a link session (the lesser authority). */
  via: SignInMethod;
}

/** Sessions are signed tokens (HS256 JWT): the user id, the user's session version and how they signed in. */
@Injectable()
export class SessionTokenService {
  private readonly verified = new Map<string, { claims: SessionClaims; expiresAtMs: number }>();

  /** A KeyObject made once: jose would otherwise import the raw secret on every verify. */
  private readonly key: KeyObject;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = createSecretKey(Buffer.from(config.sessionSecret, 'utf8'));
  }

  async sign(claims: SessionClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const exp = now + this.config.sessionTtlSeconds;
    const token = await new SignJWT({ sv: claims.sessionVersion, via: claims.via })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setIssuer('rentai')
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /**
   * The claims of a valid token, or null for anything forged, expired or malformed.
   * A token whose signature was checked once is remembered until it expires (the
   * signature check runs on the crypto thread pool, on every request otherwise);
   * revocation does not depend on this: the session version is read from the database.
   */
  async verify(token: string): Promise<SessionClaims | null> {
    const now = this.clock.now();
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAtMs > now.getTime()) return known.claims;
      this.verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'rentai', algorithms: ['HS256'], currentDate: now });
      if (typeof payload.sub !== 'string' || typeof payload.sv !== 'number' || typeof payload.exp !== 'number') return null;
      const claims: SessionClaims = { userId: payload.sub, sessionVersion: payload.sv, via: payload.via === 'password' ? 'password' : 'link' };
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.clear();
      this.verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
      return claims;
    } catch {
      return null;
    }
  }
}
