interface Waiting<T> {
  item: T;
  written: () => void;
  failed: (error: unknown) => void;
}

/**
 * Writes items in batches while each caller still waits for its own item to be durable: the
 * first item is written at once, and items arriving while a write runs go together in the next
 * one. Under load one insert of many rows replaces many round trips; a failed write fails every
 * caller in its batch, so nobody is told "recorded" for a row that is not there.
 */
export function groupCommit<T>(writeAll: (items: T[]) => PromiseLike<unknown>, maxBatch = 500): (item: T) => Promise<void> {
  let queue: Waiting<T>[] = [];
  let writing = false;

  async function drain() {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      try {
        await writeAll(batch.map((waiting) => waiting.item));
        for (const waiting of batch) waiting.written();
      } catch (error) {
        for (const waiting of batch) waiting.failed(error);
      }
    }
    writing = false;
  }

  return (item) =>
    new Promise<void>((written, failed) => {
      queue.push({ item, written, failed });
      if (!writing) void drain();
    });
}
