import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app.config.js';

/**
 * A link that acts once for whoever holds it (a member's sign-in link). What is stored is only
 * this reference; the secret token in the URL is derived from it with a key that lives in the
 * configuration, never in the database: HMAC-SHA256(key, purpose ":" ref), the key itself an
 * HMAC of SESSION_SECRET for this one use. A database dump or a backup therefore holds nothing
 * that signs anyone in. The gateway (which issues a link) and the worker (which renders it into
 * the e-mail at send time) derive the same token from the same configuration; changing
 * SESSION_SECRET voids the links not yet used (they last minutes).
 */
export interface OneTimeLink {
  /** Path under PUBLIC_URL, e.g. `/sign-in`. */
  path: string;
  /** What the token is for, e.g. `sign-in`: a token made for one purpose is no token for another. */
  purpose: string;
  /** The row the link stands for, e.g. the login token's id. */
  ref: string;
}

export const REDACTED_TOKEN = '[redacted]';

@Injectable()
export class OneTimeLinks {
  private readonly key: Buffer;

  constructor(private readonly config: AppConfig) {
    this.key = createHmac('sha256', config.sessionSecret).update('rentai one-time link key v1').digest();
  }

  /** The secret token of a link: base64url, 256 bits, the same in every process with the same configuration. */
  token(purpose: string, ref: string): string {
    return createHmac('sha256', this.key).update(`${purpose}:${ref}`).digest('base64url');
  }

  /** The URL to send: PUBLIC_URL (its path kept) + path + `?token=…`. */
  url(link: OneTimeLink): string {
    return this.withToken(link, this.token(link.purpose, link.ref));
  }

  /** The same URL with the token redacted: what may be kept of a message. */
  redacted(link: OneTimeLink): string {
    return this.withToken(link, REDACTED_TOKEN);
  }

  private withToken(link: OneTimeLink, token: string): string {
    // Appended, not resolved: a PUBLIC_URL with a path (https://example.jp/rentai) keeps it.
    return `${this.config.publicUrl.replace(/\/+$/, '')}${link.path}?token=${token}`;
  }
}
