/**
 * Runs `work` for each item, at most `lanes` at a time, taking the items in list order (start the
 * largest first: the run ends when its longest lane does). For batch runs whose items are
 * independent transactions (a branch's invoices): PostgreSQL runs each statement on one core, so
 * two lanes use two. Resolves with the results in list order. On the first failure no further
 * item starts; the ones running are awaited, then that failure is thrown.
 */
export async function inLanes<T, R>(items: readonly T[], lanes: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(lanes) || lanes < 1) throw new RangeError(`lanes must be a positive integer, not ${lanes}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (failure === null && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
