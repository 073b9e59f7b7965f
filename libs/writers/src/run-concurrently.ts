/**
 * Runs `task` over every item with at most `concurrency` in flight and returns, per item, the
 * error it threw (undefined when it succeeded), in item order.
 */
export async function runConcurrently<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<Array<unknown | undefined>> {
  const errors: Array<unknown | undefined> = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        await task(items[i]);
      } catch (e) {
        errors[i] = e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return errors;
}
