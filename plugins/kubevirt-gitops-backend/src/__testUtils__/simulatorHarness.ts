/*
 * What the tests against a running fleet simulator share: starting it on
 * free ports (so `make test` runs beside `make start`), its control API and
 * request log, and waiting for a condition.
 */
import {
  SINGLE_REPOSITORY_SCENARIO_FILE,
  startSimulator,
  type RunningSimulator,
  type StartSimulatorOptions,
} from '@internal/fleet-simulator';

/**
 * The simulator on free ports, its clock 50× faster, without progress lines;
 * by default the one-repository scenario (demo-org/gitops-demo with the
 * seed-style demo-vm).
 */
export function startTestSimulator(
  options: StartSimulatorOptions = {},
): Promise<RunningSimulator> {
  return startSimulator({
    scenario: SINGLE_REPOSITORY_SCENARIO_FILE,
    ports: { control: 0, argocd: 0, hub: 0, github: 0 },
    timeScale: 50,
    quiet: true,
    ...options,
  });
}

/** A request to the simulator's control API (JSON bodies). */
export function simulatorControl(simulator: Pick<RunningSimulator, 'urls'>) {
  return (path: string, init?: RequestInit) =>
    fetch(`${simulator.urls.control}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json' },
    });
}

/** One upstream request the simulator served. */
export interface SimulatorLogEntry {
  upstream?: string;
  method: string;
  path: string;
  query: string;
  status: number;
  time: string;
}

/** The simulator's request log: one upstream's, and only since `since`. */
export async function simulatorLog(
  simulator: Pick<RunningSimulator, 'urls'>,
  filter: { upstream?: 'argocd' | 'hub' | 'github'; since?: Date } = {},
): Promise<SimulatorLogEntry[]> {
  const query = new URLSearchParams();
  if (filter.upstream) query.set('upstream', filter.upstream);
  if (filter.since) query.set('since', filter.since.toISOString());
  const response = await fetch(
    `${simulator.urls.control}/log${query.size ? `?${query}` : ''}`,
  );
  if (!response.ok) {
    throw new Error(`the simulator's /log answered ${response.status}`);
  }
  return ((await response.json()) as { entries: SimulatorLogEntry[] }).entries;
}

/** How a test waits: at most `timeoutMs`, reading every `intervalMs`. */
export interface UntilOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * A wait with these defaults (default: 30 s, every 250 ms): it reads `probe`
 * until `done` holds or the time is up, and returns the last value (the test
 * asserts on it).
 */
export function untilWith({
  timeoutMs: defaultTimeoutMs = 30_000,
  intervalMs = 250,
}: UntilOptions = {}) {
  return async function until<T>(
    probe: () => Promise<T> | T,
    done: (value: T) => boolean,
    timeoutMs = defaultTimeoutMs,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let value = await probe();
    while (!done(value) && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, intervalMs));
      value = await probe();
    }
    return value;
  };
}

/** The wait with the defaults (30 s, every 250 ms). */
export const until = untilWith();
