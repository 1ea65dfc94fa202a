import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { AppConfig, Clock } from '#core';

export interface SessionClaims {
  userId: string;
  /** Bumped on sign-out-everywhere and on password change: older tokens stop working. */
  sessionVersion: number;
}

/** Sessions are signed tokens (HS256 JWT): the user id and the user's session version. */
@Injectable()
export class SessionTokenService {
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
    const token = await new SignJWT({ sv: claims.sessionVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setIssuer('rentai')
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid token, or null for anything forged, expired or malformed. */
  async verify(token: string): Promise<SessionClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'rentai',
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      if (typeof payload.sub !== 'string' || typeof payload.sv !== 'number') return null;
      return { userId: payload.sub, sessionVersion: payload.sv };
    } catch {
      return null;
    }
  }
}
