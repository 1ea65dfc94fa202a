/** E-mail addresses are compared and stored trimmed and lower-cased. */
export function normalizeEmail(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}
