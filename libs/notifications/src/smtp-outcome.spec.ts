import { describe, expect, it } from '@jest/globals';
import { certainlyNotSent } from './smtp-outcome.js';

const error = (fields: Record<string, unknown>) => Object.assign(new Error('smtp'), fields);

describe('the outcome of a failed SMTP send', () => {
  it.each([
    ['connection refused', { code: 'ESOCKET', command: 'CONN', syscall: 'connect' }],
    ['no such host', { code: 'EDNS', syscall: 'getaddrinfo' }],
    ['a recipient refused', { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 }],
    ['the message refused after DATA', { code: 'EMESSAGE', command: 'DATA', responseCode: 554 }],
    ['a temporary refusal', { code: 'EMESSAGE', command: 'DATA', responseCode: 451 }],
    ['authentication failed', { code: 'EAUTH', command: 'AUTH PLAIN' }],
  ])('%s: certainly not sent, may be tried again', (_, fields) => {
    expect(certainlyNotSent(error(fields))).toBe(true);
  });

  it.each([
    ['a timeout', { code: 'ETIMEDOUT', command: 'CONN' }],
    ['the connection closed before the answer', { code: 'ECONNECTION', command: 'CONN' }],
    ['a socket error on an open connection', { code: 'ESOCKET', command: 'DATA' }],
    ['something else', {}],
  ])('%s: the outcome is unknown', (_, fields) => {
    expect(certainlyNotSent(error(fields))).toBe(false);
  });
});
