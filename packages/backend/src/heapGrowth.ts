/*
 * V8's heap growing factor for the backend process.
 *
 * With V8's default heuristics a busy backend lets its heap grow to about
 * twice its live size between full collections, and keeps the pages each
 * collection frees in a pool it hands back to the system only when idle or
 * under memory pressure. The pool scales with the live heap: under the
 * fleet benchmark's load (50 clients, over 10,000 requests/s) the process's
 * RSS grows by about 450 MB with a 115 MB live heap, while a bare Express
 * server with an 8 MB heap grows by 60 MB under the same load. Letting the
 * heap grow by 50% between collections keeps that pool small at the cost of
 * more frequent (incremental, mostly concurrent) full collections; see the
 * README's benchmarks section for the figures both ways.
 *
 * BACKEND_HEAP_GROWING_PERCENT overrides the default; 0 keeps V8's own
 * heuristics.
 */
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT_ENV = 'BACKEND_HEAP_GROWING_PERCENT';
export const DEFAULT_HEAP_GROWING_PERCENT = 50;

/** The percent to apply (0: V8's default), or an error naming the variable and the rule. */
export function heapGrowingPercent(env: NodeJS.ProcessEnv): number {
  const raw = env[HEAP_GROWING_PERCENT_ENV];
  if (raw === undefined || raw.trim() === '') {
    return DEFAULT_HEAP_GROWING_PERCENT;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 1000) {
    throw new Error(
      `${HEAP_GROWING_PERCENT_ENV} must be a whole number from 0 (V8's default heuristics) to 1000, got "${raw}"`,
    );
  }
  return value;
}

/** Applies the heap growing factor to this process; returns the percent applied. */
export function applyHeapGrowth(
  env: NodeJS.ProcessEnv = process.env,
  setFlags: (flags: string) => void = v8.setFlagsFromString,
): number {
  const percent = heapGrowingPercent(env);
  if (percent > 0) {
    setFlags(`--heap-growing-percent=${percent}`);
  }
  return percent;
}
