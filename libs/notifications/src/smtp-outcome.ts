/** Error codes of nodemailer that happen before the message is handed to the server. */
const BEFORE_MESSAGE = new Set(['EDNS', 'EAUTH', 'ENOAUTH', 'EENVELOPE', 'ETLS', 'EREQUIRETLS', 'ECONFIG', 'EPROXY', 'EOAUTH2']);

/**
 * Whether a failed SMTP send certainly did not deliver the message, so it may be sent again:
 * the connection never opened (connect or DNS failed), the server refused with a 4xx/5xx
 * reply (to a command, or to the message itself), or the failure came before the message was
 * transmitted (authentication, envelope, TLS). Anything else — a timeout, a connection closed
 * while or after the message was sent — leaves the outcome unknown: the server may have
 * accepted the message without our hearing its answer.
 */
export function certainlyNotSent(error: unknown): boolean {
  const e = (error ?? {}) as { code?: unknown; syscall?: unknown; responseCode?: unknown };
  if (e.syscall === 'connect' || e.syscall === 'getaddrinfo') return true;
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return true;
  return typeof e.code === 'string' && BEFORE_MESSAGE.has(e.code);
}
