// Family 5, soak: FAULTS_SOAK_MINUTES (default 3; CI runs 20) of mixed
// load on the running backend:
//   - 50 clients, each asking a route about once a second: the VM tab and
//     the entity card (GET /entities/…/vms), the fleet page (GET /fleet),
//     the entity fleet card (GET /entities/…/fleet);
//   - one VM request per minute through the scaffolder (template
//     request-vm), each of which must end in exactly one pull request;
//   - faults toggling on ArgoCD and the hub (down, 503, slow, hang), 15 s
//     on and 15 s off, and GitHub slowed by 1 s.
// The backend's probe (scripts/faults/probe.cjs) samples RSS, heap,
// event-loop delay and open handles every 2 s. Prints the maxima, and fails
// on a 5xx, a lost VM request, or growth after the warm-up: the last quarter's
// mean RSS above the first quarter's by more than 25 % + 30 MB, or open
// handles by more than 50 % + 20.
import { readFileSync } from 'node:fs';
import { githubCounts, guestToken, sleep } from './stack.mjs';

const CLIENTS = 50;
const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINGllMjfwshMnmEtGDjjofz3g+fbAoKYVrimpyQ8RWwr soak@example.com';

const FAULT_CYCLE = [
  {
    label: 'hub 503',
    rules: [{ upstream: 'hub', pathPattern: '.*', status: 503 }],
  },
  {
    label: 'argocd down',
    rules: [{ upstream: 'argocd', pathPattern: '.*', kind: 'refuse' }],
  },
  {
    label: 'hub slow',
    rules: [{ upstream: 'hub', pathPattern: '.*', latencyMs: 3000 }],
  },
  {
    label: 'argocd hangs',
    rules: [{ upstream: 'argocd', pathPattern: '.*', kind: 'hang' }],
  },
];

async function control(stack, method, path, body) {
  await fetch(`${stack.controlUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
}

function stats(samples) {
  const mean = values =>
    values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const max = values => values.reduce((a, b) => Math.max(a, b), 0);
  return { mean, max };
}

/** Least-squares slope of `y` over time, per minute. */
function slopePerMinute(samples, key) {
  if (samples.length < 2) return 0;
  const t0 = samples[0].time;
  const xs = samples.map(s => (s.time - t0) / 60_000);
  const ys = samples.map(s => s[key]);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i] - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

export async function run(stack, { seen, log }) {
  const minutes = Number(process.env.FAULTS_SOAK_MINUTES ?? 3);
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new Error(
      `FAULTS_SOAK_MINUTES must be a positive number, not '${process.env.FAULTS_SOAK_MINUTES}'`,
    );
  }
  const durationMs = minutes * 60_000;
  // the backend's heap settles in about a minute (see the 20 min run's
  // samples): short runs leave half of their time to it
  const warmUpMs = Math.min(3 * 60_000, durationMs / 2);
  const token = await guestToken(stack.backendUrl);
  const auth = { authorization: `Bearer ${token}` };
  const catalog = async filter =>
    (
      await fetch(`${stack.backendUrl}/api/catalog/entities?filter=${filter}`, {
        headers: auth,
      })
    ).json();
  const ref = e =>
    `${e.metadata.namespace ?? 'default'}/${e.kind.toLowerCase()}/${
      e.metadata.name
    }`;
  const vms = (
    await catalog('metadata.annotations.kubevirt-gitops.io/vm-name')
  ).map(ref);
  const sets = (
    await catalog('metadata.annotations.kubevirt-gitops.io/cluster-set')
  ).map(ref);
  const routes = [
    ...vms.map(vm => `/entities/${vm}/vms`),
    '/fleet',
    '/fleet',
    ...sets.map(set => `/entities/${set}/fleet`),
  ];

  const started = Date.now();
  const deadline = started + durationMs;
  const counts = { requests: 0, fiveHundreds: 0, failed: 0 };
  const failures = [];
  let slowest = 0;

  const client = async index => {
    let i = index;
    await sleep((index * 1000) / CLIENTS);
    while (Date.now() < deadline) {
      const route = routes[i % routes.length];
      i += 7;
      const t = Date.now();
      try {
        const res = await fetch(
          `${stack.backendUrl}/api/kubevirt-gitops${route}`,
          {
            headers: auth,
            signal: AbortSignal.timeout(20_000),
          },
        );
        const text = await res.text();
        counts.requests += 1;
        if (counts.requests % 200 === 0) seen.bodies.push(text);
        if (res.status >= 500) {
          counts.fiveHundreds += 1;
          if (failures.length < 20)
            failures.push(`${route}: ${res.status} ${text.slice(0, 150)}`);
        } else if (res.status !== 200) {
          counts.failed += 1;
          if (failures.length < 20)
            failures.push(`${route}: ${res.status} ${text.slice(0, 150)}`);
        }
      } catch (error) {
        counts.requests += 1;
        counts.failed += 1;
        if (failures.length < 20) failures.push(`${route}: ${error.message}`);
      }
      slowest = Math.max(slowest, Date.now() - t);
      await sleep(1000);
    }
  };

  // one VM request per minute
  const tasks = [];
  const requester = async () => {
    let n = 0;
    while (Date.now() < deadline - 20_000) {
      const name = `soak-${process.pid.toString(36)}-${n}`;
      n += 1;
      const res = await fetch(`${stack.backendUrl}/api/scaffolder/v2/tasks`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          templateRef: 'template:default/request-vm',
          values: {
            name,
            owner: 'group:default/app-team',
            namespace: 'vms',
            purpose: 'soak test',
            environments: ['dev'],
            size: 'u1.small',
            image: 'fedora',
            rootDiskSize: '30Gi',
            runStrategy: 'Always',
            sshKeys: [SSH_KEY],
          },
        }),
      });
      const body = await res.json().catch(() => ({}));
      tasks.push({ name, id: body.id, created: res.status });
      const wait = 60_000 - ((Date.now() - started) % 60_000);
      await sleep(Math.min(wait, Math.max(0, deadline - Date.now())));
    }
  };

  // faults toggling: 15 s on, 15 s off
  const toggler = async () => {
    await control(stack, 'POST', '/faults', [
      { upstream: 'github', pathPattern: '.*', latencyMs: 1000 },
    ]);
    let k = 0;
    while (Date.now() < deadline) {
      const fault = FAULT_CYCLE[k % FAULT_CYCLE.length];
      k += 1;
      await control(stack, 'POST', '/faults', fault.rules);
      await sleep(Math.min(15_000, Math.max(0, deadline - Date.now())));
      await control(stack, 'DELETE', '/faults');
      await control(stack, 'POST', '/faults', [
        { upstream: 'github', pathPattern: '.*', latencyMs: 1000 },
      ]);
      await sleep(Math.min(15_000, Math.max(0, deadline - Date.now())));
    }
    await control(stack, 'DELETE', '/faults');
  };

  const progress = setInterval(() => {
    log(
      `soak: ${((Date.now() - started) / 60_000).toFixed(
        1,
      )} of ${minutes} min, ${counts.requests} requests, ${
        tasks.length
      } VM requests`,
    );
  }, 60_000);
  await Promise.all([
    ...Array.from({ length: CLIENTS }, (_, i) => client(i)),
    requester(),
    toggler(),
  ]);
  clearInterval(progress);

  // every VM request ends in one pull request
  let lost = 0;
  for (const task of tasks) {
    let status = 'unknown';
    const until = Date.now() + 120_000;
    while (task.id && Date.now() < until) {
      const res = await fetch(
        `${stack.backendUrl}/api/scaffolder/v2/tasks/${task.id}`,
        {
          headers: auth,
        },
      );
      status = (await res.json()).status;
      if (['completed', 'failed', 'cancelled'].includes(status)) break;
      await sleep(1000);
    }
    task.status = status;
  }
  const pulls = await (
    await fetch(
      `${stack.githubApiUrl}/repos/demo-org/gitops-demo/pulls?state=all&per_page=100`,
      { headers: { authorization: `token ${stack.secrets.githubToken}` } },
    )
  ).json();
  for (const task of tasks) {
    const opened = pulls.filter(
      p => p.head.ref === `kubevirt-gitops/create/${task.name}`,
    );
    for (const p of opened) seen.bodies.push(`${p.title}\n${p.body ?? ''}`);
    if (task.status !== 'completed' || opened.length !== 1) {
      lost += 1;
      failures.push(
        `VM request ${task.name}: task ${task.status}, ${opened.length} pull request(s)`,
      );
    }
  }
  await githubCounts(stack);

  // the probe's samples
  const samples = readFileSync(stack.probeFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line))
    .filter(s => s.time >= started && s.time <= deadline);
  const after = samples.filter(s => s.time >= started + warmUpMs);
  const quarter = Math.max(1, Math.floor(after.length / 4));
  const first = after.slice(0, quarter);
  const last = after.slice(-quarter);
  const { mean, max } = stats();
  const rss = {
    max: max(samples.map(s => s.rssMb)),
    first: mean(first.map(s => s.rssMb)),
    last: mean(last.map(s => s.rssMb)),
  };
  const handles = {
    max: max(samples.map(s => s.handles)),
    first: mean(first.map(s => s.handles)),
    last: mean(last.map(s => s.handles)),
  };
  const lagMax = max(samples.map(s => s.lagMaxMs));
  const lagP99 = max(samples.map(s => s.lagP99Ms));
  const heapMax = max(samples.map(s => s.heapUsedMb));
  const rssSlope = slopePerMinute(after, 'rssMb');
  const rssGrew = rss.last > rss.first * 1.25 + 30;
  const handlesGrew = handles.last > handles.first * 1.5 + 20;
  if (samples.length < 10)
    failures.push(`only ${samples.length} probe samples (${stack.probeFile})`);
  if (rssGrew)
    failures.push(
      `RSS grew after the warm-up: ${rss.first.toFixed(
        0,
      )} MB → ${rss.last.toFixed(0)} MB`,
    );
  if (handlesGrew)
    failures.push(
      `open handles grew after the warm-up: ${handles.first.toFixed(
        0,
      )} → ${handles.last.toFixed(0)}`,
    );
  const completed = tasks.filter(t => t.status === 'completed').length;
  return {
    ok:
      failures.length === 0 &&
      counts.fiveHundreds === 0 &&
      counts.failed === 0 &&
      lost === 0,
    summary: `${minutes} min, ${CLIENTS} clients, ${
      counts.requests
    } requests (5xx ${counts.fiveHundreds}, other failures ${
      counts.failed
    }, slowest ${(slowest / 1000).toFixed(1)} s), ${
      tasks.length
    } VM requests → ${completed} PRs (lost ${lost}), faults toggled every 15 s; maxima: RSS ${rss.max.toFixed(
      0,
    )} MB, heap ${heapMax.toFixed(0)} MB, event-loop delay ${lagMax.toFixed(
      0,
    )} ms (p99 ${lagP99.toFixed(0)} ms), open handles ${
      handles.max
    }; after the ${(warmUpMs / 60_000).toFixed(
      1,
    )} min warm-up: RSS ${rss.first.toFixed(0)} → ${rss.last.toFixed(
      0,
    )} MB (slope ${rssSlope.toFixed(
      1,
    )} MB/min), handles ${handles.first.toFixed(0)} → ${handles.last.toFixed(
      0,
    )}`,
    failures,
  };
}
