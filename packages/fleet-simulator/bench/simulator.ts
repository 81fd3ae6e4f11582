/*
 * Benchmark: the simulator with 2,000 clusters and 20,000 Applications.
 *
 *   yarn workspace @internal/fleet-simulator bench [--clusters N] [--vms N] [--runs N]
 *
 * Prints the time to list every ManagedCluster (one call, and pages of 500)
 * through the hub's HTTPS API, every Application through the ArgoCD API,
 * and the process RSS. Goals: each list under 1 s, RSS under 1 GB.
 */
import { parseArgs } from 'node:util';
import { DEMO_SCENARIO_FILE, loadScenarioFile } from '../src/scenario';
import { startSimulator } from '../src/startSimulator';
import { median, timedRequest } from './httpClient';

const GOAL_LIST_MS = 1000;
const GOAL_RSS_MB = 1024;

interface Figure {
  name: string;
  value: number;
  unit: 'ms' | 'MB' | 'items' | 's';
  goal?: number;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? Object.getOwnPropertyDescriptor(value, key)?.value
    : undefined;
}

function count(list: unknown): number {
  const items = field(list, 'items');
  return Array.isArray(items) ? items.length : 0;
}

async function timed(
  runs: number,
  fn: () => Promise<number>,
): Promise<{ ms: number; items: number }> {
  const times: number[] = [];
  let items = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    items = await fn();
    times.push(performance.now() - started);
  }
  return { ms: median(times), items };
}

async function main() {
  const { values } = parseArgs({
    options: {
      clusters: { type: 'string', default: '2000' },
      vms: { type: 'string', default: '10' },
      runs: { type: 'string', default: '5' },
      'with-demo-repo': { type: 'boolean', default: false },
    },
  });
  const clusters = Number(values.clusters);
  const vms = Number(values.vms);
  const runs = Number(values.runs);
  const figures: Figure[] = [];

  // The demo fleet's hub objects and credentials; its one repository only
  // holds the generated VMs (clusters x vms Applications) unless
  // --with-demo-repo (then: the demo repositories, the generated VMs in the first).
  const { scenario, baseDir } = await loadScenarioFile(DEMO_SCENARIO_FILE);
  if (!values['with-demo-repo']) {
    const only = { ...scenario.repository, folder: undefined };
    scenario.repository = only;
    scenario.repositories = [only];
  }

  const startedAt = performance.now();
  const simulator = await startSimulator({
    scenario,
    scenarioBaseDir: baseDir,
    clusters,
    vms,
    ports: { control: 0, argocd: 0, hub: 0, github: 0 },
    timeScale: 1,
    quiet: true,
  });
  figures.push({
    name: 'start-up incl. first reconcile',
    value: (performance.now() - startedAt) / 1000,
    unit: 's',
  });
  global.gc?.();
  const megabytes = (bytes: number) => bytes / 1024 / 1024;
  figures.push({
    name: 'RSS after start (simulator only)',
    value: megabytes(process.memoryUsage().rss),
    unit: 'MB',
    goal: GOAL_RSS_MB,
  });

  try {
    const { urls, credentials } = simulator;
    const ca = simulator.caCert;
    const hubHeaders = { authorization: `Bearer ${credentials.hub.token}` };
    const clustersUrl = `${urls.hub}/apis/cluster.open-cluster-management.io/v1/managedclusters`;

    const oneCall = await timed(runs, async () =>
      count(
        (
          await timedRequest(clustersUrl, { headers: hubHeaders, ca })
        ).json,
      ),
    );
    figures.push({
      name: 'hub: list all ManagedClusters, one call',
      value: oneCall.ms,
      unit: 'ms',
      goal: GOAL_LIST_MS,
    });
    figures.push({
      name: 'hub: ManagedClusters listed',
      value: oneCall.items,
      unit: 'items',
    });

    const paged = await timed(runs, async () => {
      let token: unknown;
      let total = 0;
      do {
        const page = await timedRequest(
          `${clustersUrl}?limit=500${
            typeof token === 'string'
              ? `&continue=${encodeURIComponent(token)}`
              : ''
          }`,
          { headers: hubHeaders, ca },
        );
        total += count(page.json);
        token = field(field(page.json, 'metadata'), 'continue');
      } while (typeof token === 'string' && token !== '');
      return total;
    });
    figures.push({
      name: 'hub: list all ManagedClusters, pages of 500',
      value: paged.ms,
      unit: 'ms',
      goal: GOAL_LIST_MS,
    });

    const target = simulator.scenario.hub.clusters[0]?.name;
    if (target) {
      const reconcile = await timed(runs, async () => {
        simulator.hub.setAvailability(target, 'False');
        simulator.hub.controllers.reconcileNow();
        simulator.hub.setAvailability(target, 'True');
        simulator.hub.controllers.reconcileNow();
        return 2;
      });
      figures.push({
        name: 'hub: availability change + placement reconcile',
        value: reconcile.ms / 2,
        unit: 'ms',
      });
    }

    const session = await timedRequest(`${urls.argocd}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: credentials.argocd.username,
        password: credentials.argocd.password,
      }),
    });
    const argoHeaders = {
      authorization: `Bearer ${String(field(session.json, 'token'))}`,
    };
    let appBytes = 0;
    const apps = await timed(runs, async () => {
      const response = await timedRequest(
        `${urls.argocd}/api/v1/applications`,
        { headers: argoHeaders },
      );
      appBytes = response.bytes;
      return count(response.json);
    });
    figures.push({
      name: 'argocd: list all Applications',
      value: apps.ms,
      unit: 'ms',
      goal: GOAL_LIST_MS,
    });
    figures.push({
      name: 'argocd: Applications list body',
      value: megabytes(appBytes),
      unit: 'MB',
    });
    figures.push({
      name: 'argocd: Applications listed',
      value: apps.items,
      unit: 'items',
    });
    const selected = await timed(runs, async () =>
      count(
        (
          await timedRequest(
            `${urls.argocd}/api/v1/applications?selector=kubevirt-gitops.io%2Fvm%3Dfleet-vm-01`,
            { headers: argoHeaders },
          )
        ).json,
      ),
    );
    figures.push({
      name: "argocd: list one VM's Applications (selector)",
      value: selected.ms,
      unit: 'ms',
      goal: GOAL_LIST_MS,
    });

    global.gc?.();
    figures.push({
      name: 'RSS at the end (simulator + benchmark client)',
      value: megabytes(process.memoryUsage().rss),
      unit: 'MB',
      goal: GOAL_RSS_MB,
    });
    figures.push({
      name: 'JS heap used at the end',
      value: megabytes(process.memoryUsage().heapUsed),
      unit: 'MB',
    });
  } finally {
    await simulator.stop();
  }

  process.stdout.write(
    `\nfleet-simulator benchmark: ${clusters} clusters, ${vms} VMs, median of ${runs} runs\n\n`,
  );
  let failed = false;
  for (const figure of figures) {
    const value =
      figure.unit === 'items'
        ? String(figure.value)
        : figure.value.toFixed(figure.unit === 's' ? 1 : 0);
    let verdict = '';
    if (figure.goal !== undefined) {
      verdict =
        figure.value <= figure.goal
          ? `  ok (goal < ${figure.goal} ${figure.unit})`
          : `  OVER GOAL (${figure.goal} ${figure.unit})`;
    }
    if (figure.goal !== undefined && figure.value > figure.goal) failed = true;
    process.stdout.write(
      `  ${figure.name.padEnd(50)} ${value.padStart(8)} ${
        figure.unit
      }${verdict}\n`,
    );
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${
      error instanceof Error ? error.stack : String(error)
    }\n`,
  );
  process.exit(1);
});
