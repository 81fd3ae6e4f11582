/*
 * Starts the benchmark's child processes (simulator, load generator) with the
 * same TypeScript transform as the parent.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { LoadResult } from './load';
import type { LoadRequest } from './loadProcess';
import type { SimulatorReady } from './simulatorProcess';

const execArgv = [
  '--require',
  require.resolve('@backstage/cli/config/nodeTransform.cjs'),
];

/**
 * The child's first message of this type (the TypeScript transform also
 * talks over IPC: `{ type: 'watch' }`).
 */
function messageOf<T>(
  child: ChildProcess,
  type: string,
  what: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (
        typeof message === 'object' &&
        message !== null &&
        'type' in message &&
        message.type === type
      ) {
        child.off('message', onMessage);
        resolve(message as T);
      }
    };
    child.on('message', onMessage);
    child.once('exit', code =>
      reject(new Error(`${what} exited with code ${code}`)),
    );
  });
}

/** Starts the simulator's large fleet in a child process. */
export async function startSimulatorProcess(clusters: number, vms: number) {
  const child = fork(join(__dirname, 'simulatorProcess.ts'), [], {
    execArgv: [...execArgv, '--max-old-space-size=4096'],
    env: {
      ...process.env,
      BENCH_CLUSTERS: String(clusters),
      BENCH_VMS: String(vms),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await messageOf<SimulatorReady>(
    child,
    'ready',
    'the simulator',
  );
  return {
    ready,
    pid: child.pid,
    stop: () =>
      new Promise<void>(resolve => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

/** Runs one load phase in a child process. */
export async function runLoadProcess(
  request: LoadRequest,
): Promise<LoadResult> {
  const child = fork(join(__dirname, 'loadProcess.ts'), [], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const result = messageOf<LoadResult>(child, 'result', 'the load generator');
  child.send(request);
  return result;
}
