import { mapWithConcurrency } from './pool';

/** A task that ends only when the test says so, so that what runs at once is observable without timing. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('mapWithConcurrency', () => {
  it('answers the results in the items order, whatever order they finish in', async () => {
    const gates = [gate(), gate(), gate()];
    const running = mapWithConcurrency([0, 1, 2], 3, async (i) => {
      await gates[i].opened;
      return `r${i}`;
    });
    gates[2].open();
    gates[0].open();
    gates[1].open();
    expect(await running).toEqual(['r0', 'r1', 'r2']);
  });

  it('never runs more than the limit at once, and starts the next as one ends', async () => {
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    let active = 0;
    let most = 0;
    const running = mapWithConcurrency([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      active++;
      most = Math.max(most, active);
      await gates[i].opened;
      active--;
      return i;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1].open();
    await gates[1].opened;
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await running).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('answers an empty list for no items', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });

  it('stops handing out items after a rejection and rejects with it', async () => {
    const seen: number[] = [];
    const run = mapWithConcurrency([0, 1, 2, 3], 1, async (i) => {
      seen.push(i);
      if (i === 1) throw new Error('boom');
      return i;
    });
    await expect(run).rejects.toThrow('boom');
    expect(seen).toEqual([0, 1]);
  });
});
