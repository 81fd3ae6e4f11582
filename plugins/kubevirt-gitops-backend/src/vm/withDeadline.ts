/** The outcome of {@link withDeadline}. */
export type DeadlineOutcome<T> = { done: true; value: T } | { done: false };

/**
 * Waits for a promise at most `ms`; the work itself goes on (and may fill a
 * cache for the next request). The promise must not reject.
 */
export async function withDeadline<T>(
  promise: Promise<T>,
  ms: number,
): Promise<DeadlineOutcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<DeadlineOutcome<T>>(resolve => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([
      promise.then((value): DeadlineOutcome<T> => ({ done: true, value })),
      expired,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
