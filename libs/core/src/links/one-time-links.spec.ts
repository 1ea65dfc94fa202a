import { describe, expect, it } from '@jest/globals';
import { AppConfig } from '../config/app.config.js';
import { OneTimeLinks } from './one-time-links.js';

const links = (env: Record<string, string> = {}) => new OneTimeLinks(AppConfig.fromEnv({ NODE_ENV: 'test', PUBLIC_URL: 'https://rentai.example.jp/portal/', ...env }));

describe('one-time links', () => {
  const link = { path: '/sign-in', purpose: 'sign-in', ref: '0b0c8f62-4a3e-4a7e-9a55-1d2c3b4a5f60' };

  it('derives the same 256-bit token from the same configuration, in any process', () => {
    expect(links().token('sign-in', link.ref)).toBe(links().token('sign-in', link.ref));
    expect(links().token('sign-in', link.ref)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a token depends on the secret, the purpose and the reference', () => {
    const base = links().token('sign-in', link.ref);
    expect(links({ SESSION_SECRET: 'another-secret-of-at-least-32-characters!' }).token('sign-in', link.ref)).not.toBe(base);
    expect(links().token('password-reset', link.ref)).not.toBe(base);
    expect(links().token('sign-in', '0b0c8f62-4a3e-4a7e-9a55-1d2c3b4a5f61')).not.toBe(base);
  });

  it('renders the URL under PUBLIC_URL, and a redacted copy that holds no token', () => {
    const token = links().token('sign-in', link.ref);
    expect(links().url(link)).toBe(`https://rentai.example.jp/portal/sign-in?token=${token}`);
    expect(links().redacted(link)).toBe('https://rentai.example.jp/portal/sign-in?token=[redacted]');
  });
});
