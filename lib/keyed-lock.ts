// Runs tasks one at a time per key (e.g. per person talking to the bot), in this process.
// Hand-written: a dozen lines, where a library (async-mutex) would still need a map of mutexes.
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const tail = result.catch(() => {});
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      // The last one out removes the key, so the map does not grow with every person ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
