import { describe, expect, it } from 'vitest';
import { createSaveScheduler } from './scheduler';

/** A save whose completion the test controls. */
function setup(options: { failing?: boolean } = {}) {
  const saves: number[] = [];
  const pending: (() => void)[] = [];
  let version = 0;
  let fail = options.failing ?? false;
  let inFlight = 0;
  let maxInFlight = 0;
  const scheduler = createSaveScheduler({
    save: async () => {
      const saving = version;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => pending.push(resolve));
      inFlight--;
      if (fail) throw new DOMException('full', 'QuotaExceededError');
      saves.push(saving);
    },
  });
  const change = () => {
    version++;
    scheduler.schedule();
  };
  /** Lets the write under way finish, then lets the scheduler react. */
  const finishWrite = async () => {
    pending.shift()?.();
    await settle();
  };
  return {
    scheduler,
    saves,
    change,
    finishWrite,
    writesStarted: () => pending.length,
    maxInFlight: () => maxInFlight,
    setFailing: (value: boolean) => (fail = value),
  };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('save scheduler', () => {
  it('starts a write as soon as the script that changed the document is done, with no waiting period', async () => {
    const { scheduler, change, writesStarted, finishWrite, saves } = setup();
    change();
    change(); // the same action, e.g. a state update in two steps
    expect(writesStarted()).toBe(0);
    expect(scheduler.status().phase).toBe('pending');
    await settle();
    expect(writesStarted()).toBe(1);
    expect(scheduler.status().phase).toBe('saving');
    await finishWrite();
    expect(saves).toEqual([2]);
    expect(scheduler.isDirty()).toBe(false);
    expect(scheduler.status()).toEqual({ phase: 'idle', error: null });
  });

  it('never writes twice at once: changes during a write are written together right after it', async () => {
    const { change, writesStarted, finishWrite, saves, maxInFlight } = setup();
    change();
    await settle();
    change();
    change();
    change();
    await settle();
    expect(writesStarted()).toBe(1);
    await finishWrite();
    expect(saves).toEqual([1]);
    expect(writesStarted()).toBe(1); // the next one, with changes 2–4
    await finishWrite();
    expect(saves).toEqual([1, 4]);
    expect(maxInFlight()).toBe(1);
  });

  it('keeps a failure as dirty, and tries again on the next change, not in a loop', async () => {
    const { scheduler, change, finishWrite, writesStarted, setFailing, saves } = setup({ failing: true });
    change();
    await settle();
    await finishWrite();
    expect(scheduler.isDirty()).toBe(true);
    expect(scheduler.status().error).toBeInstanceOf(DOMException);
    expect(writesStarted()).toBe(0);

    setFailing(false);
    change();
    await settle();
    await finishWrite();
    expect(saves).toEqual([2]);
    expect(scheduler.status()).toEqual({ phase: 'idle', error: null });
  });

  it('flush retries a failure and waits for it; it does nothing when all is saved', async () => {
    const { scheduler, change, finishWrite, setFailing, saves, writesStarted } = setup({ failing: true });
    change();
    await settle();
    await finishWrite();
    setFailing(false);
    const flushed = scheduler.flush();
    await settle();
    await finishWrite();
    await flushed;
    expect(saves).toEqual([1]);
    await scheduler.flush();
    expect(writesStarted()).toBe(0);
  });

  it('stops after dispose', async () => {
    const { scheduler, change, writesStarted } = setup();
    scheduler.dispose();
    change();
    await settle();
    expect(writesStarted()).toBe(0);
  });
});
