/*
 * Benchmark: the kubevirt-gitops backend against the fleet simulator's large
 * fleet (2,000 clusters, 20,000 Applications), and the community OCM backend
 * answering its cluster status route against the same simulated hub.
 *
 *   yarn workspace @internal/plugin-kubevirt-gitops-backend bench \
 *     [--clusters 2000] [--vms 10] [--clients 50] [--seconds 20] [--interval 30] \
 *     [--encoding gzip|identity] [--heap-growing-percent 50]
 *
 * Prints p50/p99 latency under N concurrent clients, upstream calls per
 * 1,000 requests (from the simulator's request log), list calls per kind
 * against refresh intervals elapsed, and the backend process's RSS growth
 * (after full collections, as the goal is stated; its peak during the load;
 * and once V8 has handed back the free pages it pools). `--encoding` is the
 * clients' Accept-Encoding (identity: uncompressed answers).
 * `--heap-growing-percent` is V8's heap growing factor, as packages/backend
 * sets it (default 50, its default; 0 keeps V8's own heuristics, under which
 * the RSS grows by the pool of freed pages V8 keeps, about four times the
 * live heap at this request rate: see packages/backend/src/heapGrowth.ts).
 * The simulator and the load generator run in child processes.
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { parseArgs } from 'node:util';
import {
  startCommunityOcmBackend,
  startKubevirtGitopsBackend,
  vmEntities,
  type RunningBackend,
} from './backends';
import { runLoadProcess, startSimulatorProcess } from './children';
import { startHubInfoProxy } from './hubInfoProxy';
import type { LoadResult } from './load';
import {
  clearLog,
  countUpstreamCalls,
  type UpstreamCounts,
} from './upstreamLog';

const GOALS = { p99Ms: 50, rssGrowthMb: 300 };
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** RSS after a full collection (when run with --expose-gc), and the heap, in MB. */
async function memory() {
  for (let i = 0; i < 3; i += 1) {
    global.gc?.();
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  const usage = process.memoryUsage();
  return {
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    external: usage.external,
  };
}

/**
 * RSS after a last-resort collection: V8 keeps the pages a collection frees
 * in a pool for reuse (`pooled: N MB` in --trace-gc) and hands them back to
 * the system only when idle for a while or under memory pressure; this
 * collection (what V8 runs under pressure) hands them back now, so the
 * figure is what the backend holds rather than what V8 keeps in reserve.
 */
async function retainedMemory() {
  global.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  await new Promise(resolve => setTimeout(resolve, 200));
  return process.memoryUsage();
}

/** The highest RSS of this process, sampled every 50 ms until stopped. */
function peakRss() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

const describeMemory = (m: Awaited<ReturnType<typeof memory>>) =>
  `RSS ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(
    m.heapTotal,
  )} MB used/committed, external ${mb(m.external)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

interface Phase {
  name: string;
  load: LoadResult;
  upstream: UpstreamCounts;
}

async function waitForFleet(
  backend: RunningBackend,
  clusters: number,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const response = await fetch(
      `${backend.baseUrl}/api/kubevirt-gitops/fleet`,
    );
    if (response.ok) {
      const body = (await response.json()) as {
        clusters: unknown[];
        errors: unknown[];
      };
      if (body.clusters.length === clusters && body.errors.length === 0) {
        return (performance.now() - started) / 1000;
      }
    }
    if (performance.now() - started > 300_000)
      throw new Error('the fleet never became complete');
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

async function phase(
  name: string,
  controlUrl: string,
  urls: string[],
  options: { clients: number; seconds: number; acceptEncoding: string },
): Promise<Phase> {
  await clearLog(controlUrl);
  const load = await runLoadProcess({
    clients: options.clients,
    seconds: options.seconds,
    acceptEncoding: options.acceptEncoding,
    urls,
  });
  return { name, load, upstream: await countUpstreamCalls(controlUrl) };
}

function printPhase(entry: Phase, extraUpstream = 0) {
  const { load, upstream } = entry;
  const calls = upstream.total + extraUpstream;
  const perThousand = load.requests
    ? (calls / load.requests) * 1000
    : Number.NaN;
  const statuses = Object.entries(load.statuses)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  process.stdout.write(
    [
      `  ${entry.name}`,
      `    requests ${load.requests} in ${load.seconds.toFixed(1)} s (${(
        load.requests / load.seconds
      ).toFixed(0)}/s), errors ${
        load.errors
      }, statuses ${statuses}, ${Math.round(
        load.bytes / Math.max(1, load.requests) / 1024,
      )} KiB per answer on the wire`,
      `    latency p50 ${ms(load.p50)}, p99 ${ms(load.p99)}, max ${ms(
        load.max,
      )}`,
      `    upstream calls ${calls} (${
        Object.entries(upstream.byUpstream)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'
      }${
        extraUpstream
          ? `, + ${extraUpstream} answered by the ManagedClusterInfo proxy`
          : ''
      }) = ${perThousand.toFixed(1)} per 1,000 requests`,
      `    list calls per kind: ${
        Object.entries(upstream.lists)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'
      }`,
      '',
    ].join('\n'),
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      clusters: { type: 'string', default: '2000' },
      vms: { type: 'string', default: '10' },
      clients: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '20' },
      interval: { type: 'string', default: '30' },
      encoding: { type: 'string', default: 'gzip' },
      'heap-growing-percent': { type: 'string', default: '50' },
    },
  });
  const heapGrowingPercent = Number(values['heap-growing-percent']);
  if (!Number.isInteger(heapGrowingPercent) || heapGrowingPercent < 0) {
    throw new Error(
      `--heap-growing-percent must be a whole number (0: V8's default heuristics), got "${values['heap-growing-percent']}"`,
    );
  }
  if (heapGrowingPercent > 0) {
    v8.setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
  }
  const clusters = Number(values.clusters);
  const vmCount = Number(values.vms);
  const load = {
    clients: Number(values.clients),
    seconds: Number(values.seconds),
    acceptEncoding: values.encoding,
  };
  const interval = Number(values.interval);

  process.stdout.write(
    `Starting the simulator: ${clusters} clusters x ${vmCount} VMs ...\n`,
  );
  const simulator = await startSimulatorProcess(clusters, vmCount);
  const { ready } = simulator;
  process.stdout.write(
    `  simulator ready in ${ready.startupSeconds.toFixed(1)} s (${
      ready.clusters
    } clusters)\n\n`,
  );
  const names = Array.from(
    { length: vmCount },
    (_, i) => `fleet-vm-${String(i + 1).padStart(String(vmCount).length, '0')}`,
  );

  try {
    // kubevirt-gitops backend
    const before = await memory();
    const ours = await startKubevirtGitopsBackend(
      ready,
      vmEntities(names),
      interval,
    );
    const firstSnapshot = await waitForFleet(ours, clusters);
    const vmUrls = names.map(
      name =>
        `${ours.baseUrl}/api/kubevirt-gitops/entities/default/resource/${name}/vms`,
    );
    await fetch(vmUrls[0]); // warm the detail cache of one VM, as a first visitor would
    const loaded = await memory();
    const peak = peakRss();
    const fleetPhase = await phase(
      'GET /fleet',
      ready.urls.control,
      [`${ours.baseUrl}/api/kubevirt-gitops/fleet`],
      load,
    );
    const afterFleet = await memory();
    const vmPhase = await phase(
      `GET /entities/.../vms (${vmCount} VMs in turn, ${clusters} rows each)`,
      ready.urls.control,
      vmUrls,
      load,
    );
    const peakDuringLoad = peak.stop();
    const after = await memory();
    const retained = await retainedMemory();
    await ours.stop();

    // community OCM backend, same hub (through the ManagedClusterInfo proxy)
    const ca = ready.caFile ? readFileSync(ready.caFile, 'utf8') : undefined;
    const proxy = await startHubInfoProxy(ready.urls.hub, ca);
    const community = await startCommunityOcmBackend(
      proxy.url,
      ready.credentials.hub.token,
      proxy.ca,
    );
    const statusUrl = `${community.baseUrl}/api/ocm/status`;
    const probe = await fetch(statusUrl);
    const probeBody = (await probe.json()) as unknown[];
    const infoBefore = proxy.infoRequests();
    const communityPhase = await phase(
      'community GET /api/ocm/status',
      ready.urls.control,
      [statusUrl],
      load,
    );
    const infoCalls = proxy.infoRequests() - infoBefore;
    await community.stop();
    await proxy.close();

    process.stdout.write(
      `\nResults (${load.clients} concurrent clients, ${
        load.seconds
      } s per route, refresh interval ${interval} s, Accept-Encoding ${
        load.acceptEncoding
      }, V8 heap growing: ${
        heapGrowingPercent > 0
          ? `${heapGrowingPercent}%, as packages/backend sets it`
          : "V8's default heuristics (--heap-growing-percent 0)"
      })\n\n`,
    );
    process.stdout.write(
      `kubevirt-gitops backend (first complete snapshot after ${firstSnapshot.toFixed(
        1,
      )} s)\n`,
    );
    printPhase(fleetPhase);
    printPhase(vmPhase);
    const intervals = Math.max(
      1,
      Math.ceil((fleetPhase.load.seconds + vmPhase.load.seconds) / interval),
    );
    process.stdout.write(
      `  refresh intervals elapsed during load: about ${intervals}; goal: at most one list per kind per interval (pages of 500 count separately)\n` +
        `  RSS growth of the backend process: ${mb(
          after.rss - before.rss,
        )} MB (goal < ${GOALS.rssGrowthMb} MB)\n` +
        `    before: ${describeMemory(
          before,
        )}\n    snapshot loaded: ${describeMemory(
          loaded,
        )}\n    after /fleet: ${describeMemory(
          afterFleet,
        )}\n    after both: ${describeMemory(after)}\n` +
        `  peak RSS during the load: ${mb(peakDuringLoad)} MB (+${mb(
          peakDuringLoad - before.rss,
        )} MB over before)\n` +
        `  RSS once V8 hands back its pooled free pages (last-resort GC, as under memory pressure): ${mb(
          retained.rss,
        )} MB (+${mb(retained.rss - before.rss)} MB over before; heap ${mb(
          retained.heapUsed,
        )}/${mb(retained.heapTotal)} MB)\n\n`,
    );
    process.stdout.write(
      `community OCM backend (@backstage-community/plugin-ocm-backend), its cluster status route; ${
        probe.status
      } with ${Array.isArray(probeBody) ? probeBody.length : 0} clusters\n`,
    );
    printPhase(communityPhase, infoCalls);
    const ratio = (a: number, b: number) =>
      b > 0 ? (a / b).toFixed(1) : 'n/a';
    process.stdout.write(
      [
        'Side by side: fleet status of every cluster',
        `  p50: kubevirt-gitops ${ms(fleetPhase.load.p50)} vs community ${ms(
          communityPhase.load.p50,
        )} (community / ours = ${ratio(
          communityPhase.load.p50,
          fleetPhase.load.p50,
        )}x)`,
        `  p99: kubevirt-gitops ${ms(fleetPhase.load.p99)} vs community ${ms(
          communityPhase.load.p99,
        )} (community / ours = ${ratio(
          communityPhase.load.p99,
          fleetPhase.load.p99,
        )}x)`,
        `  throughput: ${(
          fleetPhase.load.requests / fleetPhase.load.seconds
        ).toFixed(0)}/s vs ${(
          communityPhase.load.requests / communityPhase.load.seconds
        ).toFixed(0)}/s`,
        `  goals: p99 < ${GOALS.p99Ms} ms for /fleet (${
          fleetPhase.load.p99 < GOALS.p99Ms ? 'met' : 'NOT met'
        }) and /entities/.../vms (${
          vmPhase.load.p99 < GOALS.p99Ms ? 'met' : 'NOT met'
        })`,
        '  What the community plugin cannot read here: the simulated hub serves no ManagedClusterInfo',
        '  (internal.open-cluster-management.io, an ACM addon kind), so a proxy answers that list empty:',
        '  its nodes, console URL and upgrade info stay empty; it reads ManagedCluster only, calls the hub',
        '  twice per request, and shows no ArgoCD, VM or capacity data.',
        '',
      ].join('\n'),
    );
  } finally {
    await simulator.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(
      `benchmark failed: ${
        error instanceof Error ? error.stack : String(error)
      }\n`,
    );
    process.exit(1);
  },
);
