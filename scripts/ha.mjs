#!/usr/bin/env node
// `make test-ha`: the product as a real installation. Starts, on loopback
// and on free ports: PostgreSQL and Redis (Debian's packages, installed when
// missing, as the e2e step installs Chromium), the fleet simulator, and two
// backend replicas sharing that database (scheduler locks, catalog,
// scaffolder tasks) and that cache (the fleet snapshot). Then measures and
// asserts:
//
//   1. upstream calls per refresh interval with one replica, then with two:
//      equal (one replica lists per interval: the watching one, whose
//      safety-net list runs every interval here; watch requests are counted
//      apart), one replica watches (the hub's open watches: 4 kinds, once),
//      and both replicas serve the same snapshot;
//   2. SIGKILL of the replica that ran the latest refresh: requests to the
//      other never fail, the snapshot's age stays under two intervals; after
//      a restart, still one refresh per interval;
//   3. a scaffolder task running kubevirt:vm:pull-request on a replica that
//      is killed mid-task (GitHub slowed down by the simulator) is recovered
//      by the other (scaffolder.taskRecovery): one branch, one pull request.
//   4. live signals across replicas: a browser's websocket on replica b,
//      its VM page answered by replica a (so only a watches that VM); a
//      cluster the VM runs on changes in the simulator; a's signal reaches
//      the socket on b through the events backend's bus (PostgreSQL).
//
// Prints one summary line per check and exits non-zero on any failure.
// Logs: test-results/ha/.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  aptInstall,
  freePort,
  startProcess,
  stopAll,
  waitForHttp,
} from './lib/processes.mjs';
import {
  simulatorBackstageConfig,
  simulatorConnection,
} from '../packages/fleet-simulator/src/backstageConfig/index.ts';

const root = resolve(import.meta.dirname, '..');
const logDir = join(root, 'test-results', 'ha');
const work = join(tmpdir(), `kubevirt-gitops-ha-${process.pid}`);
const INTERVAL_S = 10;
const results = [];

function log(line) {
  console.log(`test-ha: ${line}`);
}

function check(name, ok, detail) {
  results.push({ name, ok, detail });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}: ${detail}`);
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

// ---- Debian packages ---------------------------------------------------------

function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const version = readdirSync(base)
    .filter(v => existsSync(join(base, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return version ? join(base, version, 'bin') : undefined;
}

function ensureServers() {
  const missing = [];
  if (!postgresBin()) missing.push('postgresql');
  if (!existsSync('/usr/bin/redis-server')) missing.push('redis-server');
  if (missing.length > 0) {
    log(`installing Debian ${missing.join(', ')}`);
    aptInstall(missing, 'make test-ha');
  }
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found after install');
  return bin;
}

// ---- PostgreSQL and Redis on loopback ----------------------------------------

async function startPostgres(bin) {
  const port = await freePort();
  const dataDir = join(work, 'pg');
  mkdirSync(dataDir, { recursive: true });
  // PostgreSQL refuses to run as root: run it as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const id = flag =>
      Number(
        spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim(),
      );
    chownSync(dataDir, id('-u'), id('-g'));
  }
  chmodSync(dataDir, 0o700);
  const command = (exe, args) =>
    asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, exe), ...args]]
      : [join(bin, exe), args];
  const [initCmd, initArgs] = command('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const [pgCmd, pgArgs] = command('postgres', [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    dataDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'max_connections=200',
  ]);
  const pg = startProcess('postgres', pgCmd, pgArgs, {
    cwd: work,
    env: {},
    logDir,
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = spawnSync(join(bin, 'pg_isready'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
    ]);
    if (ready.status === 0) break;
    if (pg.exited || Date.now() > deadline) {
      throw new Error(`PostgreSQL did not start; see ${pg.logFile}`);
    }
    await sleep(300);
  }
  return { port, process: pg };
}

async function startRedis() {
  const port = await freePort();
  const redis = startProcess(
    'redis',
    '/usr/bin/redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { cwd: work, env: {}, logDir },
  );
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ping = spawnSync('/usr/bin/redis-cli', ['-p', String(port), 'ping'], {
      encoding: 'utf8',
    });
    if (ping.stdout?.trim() === 'PONG') break;
    if (redis.exited || Date.now() > deadline) {
      throw new Error(`Redis did not start; see ${redis.logFile}`);
    }
    await sleep(200);
  }
  return { port, process: redis };
}

// ---- the simulator and the replicas ----------------------------------------

async function startFleetSimulator() {
  const ports = {
    control: await freePort(),
    argocd: await freePort(),
    hub: await freePort(),
    github: await freePort(),
  };
  const stateDir = join(work, 'simulator');
  const sim = startProcess(
    'fleet-simulator',
    'yarn',
    [
      'simulator',
      '--state-dir',
      stateDir,
      '--ports',
      `${ports.control},${ports.argocd},${ports.hub},${ports.github}`,
    ],
    { cwd: root, env: {}, logDir },
  );
  await waitForHttp(`http://127.0.0.1:${ports.control}/healthz`, {
    timeoutMs: 90_000,
    process: sim,
  });
  return { ports, stateDir, process: sim };
}

function replicaConfig({ name, port, pg, redis, sim, token }) {
  const file = join(work, `app-config.${name}.yaml`);
  const baseUrl = `http://127.0.0.1:${port}`;
  const simulator = simulatorBackstageConfig(
    simulatorConnection(sim.ports, sim.stateDir),
    {
      clusterSets: ['managed'],
      argocdUiUrl: true,
      timeoutMs: { argocd: 2000, hub: 2000 },
    },
  );
  const config = {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      database: {
        client: 'pg',
        connection: {
          host: '127.0.0.1',
          port: pg.port,
          user: 'postgres',
          password: 'unused-trust-auth',
        },
      },
      cache: { store: 'redis', connection: `redis://127.0.0.1:${redis.port}` },
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'test-ha' } },
        ],
      },
    },
    integrations: simulator.integrations,
    scaffolder: {
      taskRecovery: { enabled: true, staleTimeout: { seconds: 10 } },
    },
    kubevirtGitops: {
      ...simulator.kubevirtGitops,
      // Watches on (the default), their safety-net list every interval: the
      // LISTs per interval still show that one replica lists at a time.
      refresh: {
        fleetIntervalSeconds: INTERVAL_S,
        watchSafetyNetSeconds: INTERVAL_S,
      },
    },
  };
  // JSON is YAML
  writeFileSync(file, JSON.stringify(config, null, 1));
  return file;
}

function startReplica(name, configFile) {
  const child = startProcess(
    `backend-${name}`,
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      '@backstage/cli-node/config/nodeTransform.cjs',
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: join(root, 'packages/backend'),
      // debug: the routine refresh lines say which replica ran each refresh
      env: { NODE_ENV: 'development', LOG_LEVEL: 'debug' },
      logDir,
    },
  );
  return child;
}

async function replicaReady(replica) {
  await waitForHttp(`${replica.url}/.backstage/health/v1/readiness`, {
    timeoutMs: 240_000,
    process: replica.process,
  });
}

// ---- measuring ----------------------------------------------------------------

/** Hub ManagedCluster requests: LISTs, and watch requests (counted apart). */
async function hubClusterRequests(sim) {
  const res = await fetch(
    `http://127.0.0.1:${sim.ports.control}/log?upstream=hub`,
  );
  const body = await res.json();
  const clusters = body.entries.filter(entry =>
    /\/managedclusters(\?|$)/.test(entry.path),
  );
  const watch = entry => /(^|&)watch=(true|1)(&|$)/.test(entry.query ?? '');
  return {
    lists: clusters.filter(entry => !watch(entry)).length,
    watches: clusters.filter(watch).length,
  };
}

async function hubListCalls(sim) {
  return (await hubClusterRequests(sim)).lists;
}

/** Hub ManagedCluster LISTs per interval over `intervals` intervals. */
async function callsPerInterval(sim, intervals) {
  const before = await hubListCalls(sim);
  await sleep(intervals * INTERVAL_S * 1000);
  const after = await hubListCalls(sim);
  return (after - before) / intervals;
}

async function fleetOf(replica, token) {
  const res = await fetch(`${replica.url}/api/kubevirt-gitops/fleet`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`${replica.name} /fleet: HTTP ${res.status}`);
  return res.json();
}

function refreshLines(replica) {
  return readFileSync(replica.process.logFile, 'utf8')
    .split('\n')
    .filter(line => line.includes('Refreshed fleet snapshot part'));
}

function lastRefreshAt(replica) {
  const lines = refreshLines(replica);
  const last = lines[lines.length - 1];
  const match = last && /(\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(last);
  return match ? Date.parse(match[1]) : 0;
}

// ---- the scaffolder mid-task kill ----------------------------------------------

async function guestToken(replica) {
  const res = await fetch(`${replica.url}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

async function githubPulls(sim, head) {
  const res = await fetch(
    `http://127.0.0.1:${sim.ports.github}/api/v3/repos/demo-org/gitops-demo/pulls?state=all&per_page=100`,
    { headers: { authorization: 'token github-simulator-demo-token' } },
  );
  return (await res.json()).filter(pull => pull.head.ref === head);
}

async function githubBranches(sim, prefix) {
  const res = await fetch(
    `http://127.0.0.1:${sim.ports.github}/api/v3/repos/demo-org/gitops-demo/git/matching-refs/heads/${prefix}`,
    { headers: { authorization: 'token github-simulator-demo-token' } },
  );
  return res.ok ? res.json() : [];
}

// ---- live signals across replicas ----------------------------------------------

/**
 * A websocket to a replica's signals backend (the browser's protocol: the
 * user's token as the protocol, `{action: 'subscribe', channel}` up,
 * `{channel, message}` down); Node's own WebSocket.
 */
async function signalsSocket(replica, token, channels) {
  const received = [];
  // The signals router hooks the server's upgrade event on the first
  // upgrade request it sees (which then fails), as the browser's
  // SignalClient finds out by reconnecting: retry.
  let ws;
  let lastError;
  for (let attempt = 0; attempt < 10 && !ws; attempt += 1) {
    try {
      ws = await new Promise((resolveOpen, reject) => {
        const socket = new WebSocket(
          `ws://127.0.0.1:${replica.port}/api/signals`,
          token,
        );
        const timer = setTimeout(() => {
          socket.close();
          reject(new Error('no answer within 3 s'));
        }, 3_000);
        socket.addEventListener('open', () => {
          clearTimeout(timer);
          resolveOpen(socket);
        });
        socket.addEventListener('error', () => {
          clearTimeout(timer);
          reject(new Error('the websocket failed'));
        });
      });
    } catch (error) {
      lastError = error;
      await sleep(500);
    }
  }
  if (!ws) {
    throw new Error(
      `${replica.name}: could not open the signals websocket: ${lastError?.message}`,
    );
  }
  ws.addEventListener('message', event => {
    try {
      const parsed = JSON.parse(String(event.data));
      if (parsed.channel) received.push({ at: Date.now(), ...parsed });
    } catch {
      // not a signal
    }
  });
  for (const channel of channels) {
    ws.send(JSON.stringify({ action: 'subscribe', channel }));
  }
  return { received, close: () => ws.close() };
}

async function vmRows(replica, token, name) {
  const res = await fetch(
    `${replica.url}/api/kubevirt-gitops/entities/default/resource/${name}/vms`,
    {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(15_000),
    },
  );
  if (!res.ok)
    throw new Error(`${replica.name} ${name} /vms: HTTP ${res.status}`);
  return (await res.json()).rows ?? [];
}

async function setAvailability(sim, cluster, status) {
  const res = await fetch(
    `http://127.0.0.1:${sim.ports.control}/clusters/${cluster}/availability`,
    {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status }),
    },
  );
  if (!res.ok)
    throw new Error(`availability of ${cluster}: HTTP ${res.status}`);
}

async function crossReplicaSignal({ a, b, sim }) {
  const vm = 'ci-runner';
  const channel = `kubevirt-gitops:vm:resource:default/${vm}`;
  const user = await guestToken(a);
  const socket = await signalsSocket(b, user, [channel]);
  try {
    // the page's request goes to a: a watches the VM for this user, b not
    // (the catalog may still be reading the VM's catalog-info.yaml: wait)
    let rows = [];
    for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
      try {
        rows = await vmRows(a, user, vm);
        if (rows.length > 0) break;
      } catch (error) {
        if (!/HTTP 404/.test(error.message)) throw error;
      }
      await sleep(2000);
    }
    const cluster = rows.find(
      row => row.clusterAvailability === 'available',
    )?.cluster;
    if (!cluster) throw new Error(`${vm}: no row on an available cluster`);
    // the first snapshot change after a page opens signals it once: let
    // that pass, then count from a quiet socket
    await sleep(12_000);
    const before = socket.received.length;
    const changedAt = Date.now();
    await setAvailability(sim, cluster, 'False');
    let arrived;
    while (Date.now() - changedAt < 30_000) {
      arrived = socket.received
        .slice(before)
        .find(signal => signal.channel === channel);
      if (arrived) break;
      await sleep(100);
    }
    await setAvailability(sim, cluster, 'True');
    return {
      ok: arrived !== undefined,
      detail: arrived
        ? `${vm}'s page served by a, its websocket on b: ${cluster} unavailable → the VM channel's signal on b after ${(
            (arrived.at - changedAt) /
            1000
          ).toFixed(1)} s (${socket.received.length - before} signals)`
        : `${vm}'s page served by a, its websocket on b: no signal on ${channel} within 30 s after ${cluster} became unavailable (${
            socket.received.length - before
          } other signals)`,
    };
  } finally {
    socket.close();
  }
}

// ---- main ----------------------------------------------------------------------

let exitCode = 1;
try {
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  mkdirSync(work, { recursive: true });
  const bin = ensureServers();
  const pg = await startPostgres(bin);
  log(`PostgreSQL on 127.0.0.1:${pg.port}`);
  const redis = await startRedis();
  log(`Redis on 127.0.0.1:${redis.port}`);
  const sim = await startFleetSimulator();
  log(`fleet simulator: control ${sim.ports.control}`);
  const token = randomBytes(24).toString('hex');

  const replicas = {};
  for (const name of ['a', 'b']) {
    const port = await freePort();
    replicas[name] = {
      name,
      port,
      url: `http://127.0.0.1:${port}`,
      config: replicaConfig({ name, port, pg, redis, sim, token }),
    };
  }
  const { a, b } = replicas;

  // 1. one replica, then two: upstream calls per interval
  a.process = startReplica('a', a.config);
  await replicaReady(a);
  log(`replica a ready on ${a.url}`);
  await sleep(INTERVAL_S * 1000);
  const one = await callsPerInterval(sim, 3);
  b.process = startReplica('b', b.config);
  await replicaReady(b);
  log(`replica b ready on ${b.url}`);
  await sleep(INTERVAL_S * 1000);
  const two = await callsPerInterval(sim, 3);
  check(
    'one refresh per interval with two replicas',
    two > 0 && Math.abs(two - one) < 0.5,
    `hub ManagedCluster LISTs per ${INTERVAL_S} s interval: one replica ${one.toFixed(
      2,
    )}, two replicas ${two.toFixed(2)}; watch requests ended so far ${
      (await hubClusterRequests(sim)).watches
    } (counted apart; the log records a watch when it ends)`,
  );
  const [fleetA, fleetB] = await Promise.all([
    fleetOf(a, token),
    fleetOf(b, token),
  ]);
  check(
    'both replicas serve the shared snapshot',
    fleetA.generatedAt === fleetB.generatedAt &&
      fleetA.clusters.length === fleetB.clusters.length &&
      fleetA.clusters.length > 0,
    `a: ${fleetA.clusters.length} clusters at ${fleetA.generatedAt}; b: ${
      fleetB.clusters.length
    } at ${fleetB.generatedAt}; refreshes logged: a ${
      refreshLines(a).length
    }, b ${refreshLines(b).length}`,
  );

  const hubState = await (
    await fetch(`http://127.0.0.1:${sim.ports.control}/state`)
  ).json();
  check(
    'one replica watches the hub',
    hubState.hub.openWatches === 4,
    `open hub watches with two replicas: ${hubState.hub.openWatches} (4 kinds, one replica)`,
  );

  // 4. (with both replicas up) a signal published on a reaches b's socket
  const signal = await crossReplicaSignal({ a, b, sim }).catch(error => ({
    ok: false,
    detail: error.message,
  }));
  check(
    'a VM signal reaches a websocket on the other replica',
    signal.ok,
    signal.detail,
  );

  // 2. SIGKILL the replica that ran the latest refresh
  const [victim, survivor] =
    lastRefreshAt(a) >= lastRefreshAt(b) ? [a, b] : [b, a];
  let requests = 0;
  let failures = 0;
  let maxAgeMs = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      requests += 1;
      try {
        const fleet = await fleetOf(survivor, token);
        maxAgeMs = Math.max(
          maxAgeMs,
          Date.now() - Date.parse(fleet.generatedAt),
        );
      } catch {
        failures += 1;
      }
      await sleep(200);
    }
  })();
  await sleep(2000);
  process.kill(-victim.process.pid, 'SIGKILL');
  const killedAt = Date.now();
  const victimLastRefresh = lastRefreshAt(victim);
  log(`SIGKILL replica ${victim.name} (it ran the latest refresh)`);
  const before = refreshLines(survivor).length;
  let tookOverMs;
  while (Date.now() - killedAt < 3 * INTERVAL_S * 1000) {
    if (tookOverMs === undefined && refreshLines(survivor).length > before) {
      tookOverMs = Date.now() - killedAt;
    }
    await sleep(250);
  }
  polling = false;
  await poller;
  // the gap between the killed replica's last refresh and the survivor's
  // first: one interval plus the scheduler's own polling slack
  const survivorFirst = refreshLines(survivor)
    .slice(before)
    .map(line => /(\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(line)?.[1])
    .filter(Boolean)
    .map(time => Date.parse(time))[0];
  const gapS =
    survivorFirst && victimLastRefresh
      ? ((survivorFirst - victimLastRefresh) / 1000).toFixed(1)
      : 'unknown';
  check(
    'failover: no failed request, snapshot age < 2 intervals',
    failures === 0 &&
      maxAgeMs < 2 * INTERVAL_S * 1000 &&
      tookOverMs !== undefined,
    `${requests} requests to ${survivor.name} during ${
      3 * INTERVAL_S
    } s, ${failures} failed; max snapshot age ${(maxAgeMs / 1000).toFixed(
      1,
    )} s (limit ${2 * INTERVAL_S} s); ${survivor.name} refreshed ${
      tookOverMs === undefined ? 'never' : `${(tookOverMs / 1000).toFixed(1)} s`
    } after the kill; ${gapS} s between the last refresh before the kill and the first after it (interval ${INTERVAL_S} s)`,
  );

  victim.process = startReplica(victim.name, victim.config);
  await replicaReady(victim);
  await sleep(INTERVAL_S * 1000);
  const afterRestart = await callsPerInterval(sim, 3);
  check(
    'after the restart, still one refresh per interval',
    Math.abs(afterRestart - one) < 0.5,
    `hub ManagedCluster LISTs per interval: ${afterRestart.toFixed(
      2,
    )} (one replica: ${one.toFixed(2)})`,
  );

  // 3. a scaffolder task killed mid-task is recovered by the other replica
  // Only one replica takes tasks while the task starts: stop the other.
  process.kill(-survivor.process.pid, 'SIGTERM');
  await sleep(3000);
  const runner = victim;
  const other = survivor;
  const userToken = await guestToken(runner);
  const vm = `ha-${Date.now().toString(36).slice(-5)}`;
  // Slow GitHub's pull-request creation so the task is mid-flight.
  await fetch(`http://127.0.0.1:${sim.ports.control}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([
      {
        upstream: 'github',
        method: 'POST',
        pathPattern: '/pulls$',
        latencyMs: 8000,
        times: 1,
      },
    ]),
  });
  const created = await fetch(`${runner.url}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${userToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      templateRef: 'template:default/request-vm',
      values: {
        name: vm,
        owner: 'group:default/app-team',
        namespace: 'vms',
        purpose: 'HA recovery test',
        environments: ['dev'],
        size: 'u1.small',
        image: 'fedora',
        rootDiskSize: '30Gi',
        runStrategy: 'Always',
        sshKeys: [
          'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINGllMjfwshMnmEtGDjjofz3g+fbAoKYVrimpyQ8RWwr ha@example.com',
        ],
      },
    }),
  });
  if (!created.ok) {
    throw new Error(
      `creating the scaffolder task failed: ${
        created.status
      } ${await created.text()}`,
    );
  }
  const { id: taskId } = await created.json();
  log(`scaffolder task ${taskId} started on replica ${runner.name}`);
  // wait until the branch exists (the PR call is the slowed one), then kill
  const head = `kubevirt-gitops/create/${vm}`;
  const branchDeadline = Date.now() + 60_000;
  while ((await githubBranches(sim, head)).length === 0) {
    if (Date.now() > branchDeadline)
      throw new Error('the task never pushed its branch');
    await sleep(200);
  }
  other.process = startReplica(other.name, other.config);
  process.kill(-runner.process.pid, 'SIGKILL');
  log(
    `SIGKILL replica ${runner.name} mid-task (branch pushed, pull request pending); replica ${other.name} starts`,
  );
  await replicaReady(other);
  const otherToken = await guestToken(other);
  let status = 'unknown';
  const taskDeadline = Date.now() + 180_000;
  while (Date.now() < taskDeadline) {
    const res = await fetch(`${other.url}/api/scaffolder/v2/tasks/${taskId}`, {
      headers: { authorization: `Bearer ${otherToken}` },
    });
    if (res.ok) {
      status = (await res.json()).status;
      if (['completed', 'failed', 'cancelled'].includes(status)) break;
    }
    await sleep(1000);
  }
  await sleep(2000);
  const recoveredLog = readFileSync(other.process.logFile, 'utf8')
    .split('\n')
    .filter(line => /Pull request (opened|already open)/.test(line))
    .map(line =>
      line.replace(/\x1b\[[0-9;]*m/g, '').replace(/^.*(Pull request)/, '$1'),
    );
  const pulls = await githubPulls(sim, head);
  const branches = await githubBranches(sim, head);
  check(
    'a task killed mid-task is recovered without a second PR or branch',
    status === 'completed' && pulls.length === 1 && branches.length === 1,
    `task ${status} on replica ${other.name} (${
      recoveredLog.join('; ') || 'no pull request line in its log'
    }); pull requests for ${head}: ${pulls.length}; branches: ${
      branches.length
    }`,
  );

  exitCode = results.every(result => result.ok) ? 0 : 1;
} catch (error) {
  console.error(`test-ha: ${error.message}`);
  exitCode = 1;
} finally {
  await stopAll();
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `test-ha: ${results.filter(r => r.ok).length} passed, ${
    results.filter(r => !r.ok).length
  } failed (logs: ${logDir})`,
);
process.exit(exitCode);
