// Starting, waiting for and stopping the processes of a local stack.
// Every child runs in its own process group so that stopping it also stops
// whatever it spawned; stopAll() runs on exit, on failure and on signals.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const children = [];

export function startProcess(name, command, args, { cwd, env, logDir }) {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.logFile = logFile;
  child.displayName = name;
  child.on('exit', code => {
    child.exited = true;
    child.exitCode = code;
  });
  children.push(child);
  return child;
}

export async function waitForHttp(url, { timeoutMs, process: child }) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (child?.exited) {
      throw new Error(
        `${child.displayName} exited with code ${child.exitCode} before ${url} answered; see ${child.logFile}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (error) {
      lastError = error.message;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `${url} did not answer 200 within ${timeoutMs / 1000}s (${lastError})`,
  );
}

export async function assertPortFree(port) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, {
      signal: AbortSignal.timeout(1000),
    });
  } catch {
    return;
  }
  throw new Error(
    `Port ${port} is already in use (is 'make start' running?). Stop that process and try again.`,
  );
}

/** Where the fleet simulator answers once it is up. */
export const SIMULATOR_HEALTH_URL = 'http://127.0.0.1:7100/healthz';

/**
 * Starts the fleet simulator (`yarn simulator --state-dir <stateDir>`, by
 * default `<root>/.simulator`; log in `<logDir>/fleet-simulator.log`) and
 * waits up to 60 s for it to answer. With `ports` ({ control, argocd, hub,
 * github }) it listens there instead of the demo's 7100-7103, which
 * `checkPorts` otherwise checks first. `extraArgs` go after the state dir.
 * Returns the child process.
 */
export async function startSimulator({
  root,
  logDir,
  extraArgs = [],
  checkPorts = false,
  stateDir = join(root, '.simulator'),
  ports,
}) {
  if (checkPorts && !ports) {
    for (const port of [7100, 7101, 7102, 7103]) await assertPortFree(port);
  }
  const portArgs = ports
    ? [
        '--ports',
        `${ports.control},${ports.argocd},${ports.hub},${ports.github}`,
      ]
    : [];
  const simulator = startProcess(
    'fleet-simulator',
    'yarn',
    ['simulator', '--state-dir', stateDir, ...portArgs, ...extraArgs],
    { cwd: root, env: {}, logDir },
  );
  const health = ports
    ? `http://127.0.0.1:${ports.control}/healthz`
    : SIMULATOR_HEALTH_URL;
  await waitForHttp(health, {
    timeoutMs: 60_000,
    process: simulator,
  });
  return simulator;
}

export function stopAll() {
  for (const child of children) {
    if (child.exited || !child.pid) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 5000;
  return new Promise(resolve => {
    const check = () => {
      const alive = children.filter(c => !c.exited && c.pid);
      if (alive.length === 0 || Date.now() > deadline) {
        for (const c of alive) {
          try {
            process.kill(-c.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        resolve();
        return;
      }
      setTimeout(check, 100);
    };
    check();
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll().then(() => process.exit(130));
  });
}

/** A port nothing listens on now, picked by the kernel on loopback. */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Installs Debian packages with apt-get (as root, or through sudo), as the
 * e2e step does for Chromium; throws naming the command to run by hand.
 */
export function aptInstall(packages, rerun) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = args => {
    const result = spawnSync(
      sudo[0] ?? args[0],
      sudo.length ? args : args.slice(1),
      {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      },
    );
    if (result.status !== 0) {
      throw new Error(
        `'${args.join(' ')}' failed; install ${packages.join(
          ' and ',
        )} by hand (apt-get install -y ${packages.join(
          ' ',
        )}) and run ${rerun} again`,
      );
    }
  };
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', ...packages]);
}
