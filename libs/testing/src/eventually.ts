/**
 * Polls `probe` until it answers something truthy, for state the worker changes
 * after the fact (a message marked SENT, a receipt rendered). A bounded wait, not
 * a timing assertion: it only fails when the state never comes.
 */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, { attempts = 100, intervalMs = 100 } = {}): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`condition not reached after ${attempts} attempts`);
}
