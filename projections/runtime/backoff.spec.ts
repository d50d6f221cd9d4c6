import { CancellableSleep } from './backoff';

describe('CancellableSleep', () => {
  it('ends a sleep in progress when cancelled', async () => {
    const sleeper = new CancellableSleep();
    let ended = false;
    const sleeping = sleeper.sleep(60_000).then(() => (ended = true));
    await Promise.resolve();
    expect(ended).toBe(false);
    sleeper.cancel();
    await sleeping;
    expect(ended).toBe(true);
  });

  it('keeps a cancel that came while nobody slept for the next sleep only', async () => {
    jest.useFakeTimers();
    try {
      const sleeper = new CancellableSleep();
      sleeper.cancel();
      await sleeper.sleep(60_000); // returns at once: the work that woke us arrived during a step
      let ended = false;
      const second = sleeper.sleep(1_000).then(() => (ended = true));
      await Promise.resolve();
      expect(ended).toBe(false); // the kept cancel was used up
      jest.advanceTimersByTime(1_000);
      await second;
      expect(ended).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
