/** How often `eventually` looks again, at most: the state it waits for is seen within this much of arriving. */
const POLL_MS = 25;

/**
 * Polls `probe` until it answers something truthy, for state the worker changes
 * after the fact (a message marked SENT, a receipt rendered). A bounded wait, not
 * a timing assertion: it only fails when the state never comes. It waits as long as
 * `attempts` pauses of `intervalMs` (besides the probes' own time), looking every 25 ms
 * (or every `intervalMs`, if shorter).
 */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, { attempts = 100, intervalMs = 100 } = {}): Promise<T> {
  const patience = attempts * intervalMs;
  const pause = Math.min(intervalMs, POLL_MS);
  for (let waited = 0; ; waited += pause) {
    const value = await probe();
    if (value) return value;
    if (waited >= patience) break;
    await new Promise((r) => setTimeout(r, pause));
  }
  throw new Error(`condition not reached within ${attempts} × ${intervalMs} ms`);
}
