import { inLanes } from './lanes.js';

/** A promise resolved by hand: the test decides when each item's work ends. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('inLanes', () => {
  it('returns the results in list order whatever order the work ends in', async () => {
    const gates = [gate(), gate(), gate()];
    const running = inLanes(['a', 'b', 'c'], 3, async (item, i) => {
      await gates[i]!.opened;
      return item.toUpperCase();
    });
    gates[2]!.open();
    gates[0]!.open();
    gates[1]!.open();
    await expect(running).resolves.toEqual(['A', 'B', 'C']);
  });

  it('never runs more than `lanes` items at once, and starts the next as soon as one ends', async () => {
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    let active = 0;
    let most = 0;
    const running = inLanes([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      most = Math.max(most, ++active);
      await gates[i]!.opened;
      active--;
      return i;
    });
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    await expect(running).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('starts nothing after a failure, waits for the running work, then throws that failure', async () => {
    const slow = gate();
    const started: number[] = [];
    let slowEnded = false;
    const running = inLanes([0, 1, 2, 3], 2, async (i) => {
      started.push(i);
      if (i === 0) {
        await slow.opened;
        slowEnded = true;
        return i;
      }
      throw new Error(`item ${i} failed`);
    });
    const settled = running.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    await tick();
    expect(started).toEqual([0, 1]);
    slow.open();
    await expect(settled).resolves.toBe('item 1 failed');
    expect(slowEnded).toBe(true);
    expect(started).toEqual([0, 1]);
  });

  it('runs one at a time with one lane, and nothing for no items', async () => {
    const order: string[] = [];
    await inLanes(['x', 'y'], 1, async (item) => {
      order.push(`start ${item}`);
      await tick();
      order.push(`end ${item}`);
    });
    expect(order).toEqual(['start x', 'end x', 'start y', 'end y']);
    await expect(inLanes([], 2, async () => 1)).resolves.toEqual([]);
  });

  it('refuses a lane count that is not a positive integer', async () => {
    await expect(inLanes([1], 0, async () => 1)).rejects.toThrow('lanes must be a positive integer, not 0');
    await expect(inLanes([1], 1.5, async () => 1)).rejects.toThrow(RangeError);
  });
});
