// Family 1, upstream faults: one at a time, then two at a time, for ArgoCD,
// the OCM hub and GitHub, injected through the simulator's control API
// (POST /faults; kinds in packages/fleet-simulator/src/server/faults.ts).
// For each fault, once the backend has tried its upstreams under it:
//   - every route of the backend answers, never 5xx (and within 15 s);
//   - the snapshot routes serve the last good snapshot (its clusters) with
//     its age, and an errors[] naming the faulted upstream where that
//     upstream feeds the route;
// and after the fault clears, the snapshot converges: the first scheduled
// refresh after the clear is clean (no errors, fresh data), measured in
// seconds and in refresh intervals.
import { INTERVAL_S, guestToken, sleep } from './stack.mjs';

const UPSTREAM_SOURCE = {
  argocd: /^argocd/,
  hub: /^ocm/,
  github: /^github/,
};

/** Every fault kind the issue names, per upstream. */
function singleFaults(upstream) {
  const all = '.*';
  const faults = [
    { label: 'down', rule: { kind: 'refuse' } },
    { label: 'hangs', rule: { kind: 'hang' } },
    { label: 'slow 5 s', rule: { latencyMs: 5000 } },
    { label: '401', rule: { status: 401 } },
    { label: '403', rule: { status: 403 } },
    { label: '404', rule: { status: 404 } },
    {
      label: '429 Retry-After',
      rule: { status: 429, headers: { 'retry-after': '2' } },
    },
    { label: '500', rule: { status: 500 } },
    { label: '502', rule: { status: 502 } },
    { label: '503', rule: { status: 503 } },
    { label: 'truncated JSON', rule: { kind: 'truncated' } },
    { label: 'wrong shape', rule: { kind: 'wrong-shape' } },
    {
      label: 'very large (64 MB)',
      rule: { kind: 'oversized', sizeMegabytes: 64 },
    },
  ];
  if (upstream === 'hub') {
    faults.push({ label: 'TLS unknown CA', rule: { kind: 'tls-unknown-ca' } });
  }
  return faults.map(f => ({
    label: `${upstream} ${f.label}`,
    upstreams: [upstream],
    // slow and very large are not failures: the answer arrives within the
    // timeouts, and it is the real data; the backend must read it as such
    failing: !['slow 5 s', 'very large (64 MB)'].includes(f.label),
    rules: [{ upstream, pathPattern: all, ...f.rule }],
  }));
}

/** Two at a time: each pair of upstreams, with different kinds. */
function pairFaults() {
  const combos = [
    [
      ['argocd', { kind: 'refuse' }, 'down'],
      ['hub', { status: 503 }, '503'],
    ],
    [
      ['argocd', { kind: 'truncated' }, 'truncated'],
      ['hub', { kind: 'tls-unknown-ca' }, 'TLS unknown CA'],
    ],
    [
      ['argocd', { kind: 'hang' }, 'hangs'],
      ['github', { status: 500 }, '500'],
    ],
    [
      ['argocd', { status: 401 }, '401'],
      ['github', { kind: 'wrong-shape' }, 'wrong shape'],
    ],
    [
      ['hub', { kind: 'refuse' }, 'down'],
      ['github', { status: 429, headers: { 'retry-after': '2' } }, '429'],
    ],
    [
      ['hub', { kind: 'wrong-shape' }, 'wrong shape'],
      ['github', { kind: 'refuse' }, 'down'],
    ],
  ];
  return combos.map(parts => ({
    label: parts.map(([u, , l]) => `${u} ${l}`).join(' + '),
    upstreams: parts.map(([u]) => u),
    failing: true,
    rules: parts.map(([upstream, rule]) => ({
      upstream,
      pathPattern: '.*',
      ...rule,
    })),
  }));
}

async function control(stack, method, path, body) {
  const res = await fetch(`${stack.controlUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok && res.status !== 204) {
    throw new Error(
      `simulator ${method} ${path}: ${res.status} ${await res.text()}`,
    );
  }
}

/** The routes of the kubevirt-gitops backend, for the demo's entities. */
async function discoverRoutes(stack, token) {
  const res = await fetch(
    `${stack.backendUrl}/api/catalog/entities?filter=metadata.annotations.kubevirt-gitops.io/vm-name`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (!res.ok) throw new Error(`catalog: HTTP ${res.status}`);
  const vms = await res.json();
  const sets = await (
    await fetch(
      `${stack.backendUrl}/api/catalog/entities?filter=metadata.annotations.kubevirt-gitops.io/cluster-set`,
      { headers: { authorization: `Bearer ${token}` } },
    )
  ).json();
  if (vms.length === 0) throw new Error('the catalog has no VM entity');
  const ref = e =>
    `${e.metadata.namespace ?? 'default'}/${e.kind.toLowerCase()}/${
      e.metadata.name
    }`;
  const vm = ref(vms[0]);
  const routes = [
    {
      name: 'GET /fleet',
      path: '/fleet',
      feeds: ['argocd', 'hub'],
      snapshot: true,
    },
    {
      name: 'GET /environments',
      path: '/environments',
      feeds: ['hub'],
      snapshot: true,
    },
    { name: 'GET /choices', path: '/choices', feeds: [], snapshot: false },
    {
      name: 'GET /entities/…/vms',
      path: `/entities/${vm}/vms`,
      feeds: ['argocd', 'github'],
      snapshot: false,
    },
    {
      name: 'POST /entities/…/vms/refresh',
      path: `/entities/${vm}/vms/refresh`,
      method: 'POST',
      feeds: ['argocd'],
      snapshot: false,
    },
  ];
  if (sets.length > 0) {
    routes.push({
      name: 'GET /entities/…/fleet',
      path: `/entities/${ref(sets[0])}/fleet`,
      feeds: ['argocd', 'hub'],
      snapshot: true,
    });
  }
  return { routes, vm };
}

async function call(stack, token, route) {
  const started = Date.now();
  try {
    const res = await fetch(
      `${stack.backendUrl}/api/kubevirt-gitops${route.path}`,
      {
        method: route.method ?? 'GET',
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(15_000),
      },
    );
    const text = await res.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, text, body, ms: Date.now() - started };
  } catch (error) {
    return { status: 0, text: String(error), ms: Date.now() - started };
  }
}

const fleetRoute = { path: '/fleet' };

/** Waits until `predicate(fleet body)` holds; returns the seconds it took or undefined. */
async function waitFleet(stack, token, predicate, timeoutMs) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const res = await call(stack, token, fleetRoute);
    if (res.body && predicate(res.body)) return (Date.now() - started) / 1000;
    await sleep(250);
  }
  return undefined;
}

const names = (errors, upstream) =>
  (errors ?? []).some(e => UPSTREAM_SOURCE[upstream].test(e.source));

export async function run(stack, { seen, log }) {
  const token = await guestToken(stack.backendUrl);
  const { routes } = await discoverRoutes(stack, token);
  const failures = [];
  const faults = [
    ...['argocd', 'hub', 'github'].flatMap(singleFaults),
    ...pairFaults(),
  ];
  // a clean start: the first refreshes done, no errors
  const ready = await waitFleet(
    stack,
    token,
    body => body.clusters.length > 0 && body.errors.length === 0,
    60_000,
  );
  if (ready === undefined)
    throw new Error('the fleet never became clean before the faults');
  const baseline = (await call(stack, token, fleetRoute)).body;
  const clusterCount = baseline.clusters.length;

  let calls = 0;
  let fiveHundreds = 0;
  let maxAgeS = 0;
  let maxConvergeS = 0;
  let maxRouteMs = 0;
  for (const fault of faults) {
    await control(stack, 'POST', '/faults', fault.rules);
    const injectedAt = Date.now();
    // the backend has tried its upstreams under the fault: a refresh has
    // started after the injection and had time to fail (timeouts 8 s)
    let named = true;
    if (fault.failing) {
      const snapshotUpstreams = fault.upstreams.filter(u => u !== 'github');
      if (snapshotUpstreams.length > 0) {
        const took = await waitFleet(
          stack,
          token,
          body => snapshotUpstreams.every(u => names(body.errors, u)),
          (3 * INTERVAL_S + 20) * 1000,
        );
        named = took !== undefined;
        if (!named) {
          failures.push(
            `${
              fault.label
            }: /fleet errors[] never named ${snapshotUpstreams.join(', ')}`,
          );
        }
      } else {
        await sleep(1000);
      }
    } else if (fault.upstreams.includes('github')) {
      await sleep(1000);
    } else {
      // a refresh made under the fault is read in full: fresh and clean
      const took = await waitFleet(
        stack,
        token,
        body =>
          Date.parse(body.generatedAt) >= injectedAt &&
          body.errors.length === 0 &&
          body.clusters.length === clusterCount,
        (3 * INTERVAL_S + 20) * 1000,
      );
      if (took === undefined) {
        failures.push(
          `${fault.label}: no clean refresh under the fault (the answers are slow or large, not wrong)`,
        );
      }
    }
    for (const route of routes) {
      const res = await call(stack, token, route);
      calls += 1;
      maxRouteMs = Math.max(maxRouteMs, res.ms);
      if (res.text) seen.bodies.push(res.text);
      if (res.status >= 500 || res.status === 0) {
        fiveHundreds += 1;
        failures.push(
          `${fault.label}: ${route.name} answered ${res.status || res.text}`,
        );
        continue;
      }
      if (res.status !== 200) {
        failures.push(
          `${fault.label}: ${route.name} answered ${
            res.status
          }: ${res.text.slice(0, 200)}`,
        );
        continue;
      }
      // the VM route says which snapshot its rows come from in snapshotAt
      const dataAt = route.snapshot
        ? res.body?.generatedAt
        : res.body?.snapshotAt;
      if (res.body && route.path.endsWith('/vms') && !dataAt) {
        failures.push(`${fault.label}: ${route.name} has no snapshotAt`);
      }
      if (res.body && dataAt && route.method !== 'POST') {
        const age = (Date.now() - Date.parse(dataAt)) / 1000;
        if (!Number.isFinite(age))
          failures.push(`${fault.label}: ${route.name} has no data time`);
        else maxAgeS = Math.max(maxAgeS, age);
        if (
          route.path === '/fleet' &&
          res.body.clusters.length !== clusterCount
        ) {
          failures.push(
            `${fault.label}: /fleet served ${res.body.clusters.length} clusters, the last good snapshot had ${clusterCount}`,
          );
        }
      }
      if (!fault.failing) {
        if (!route.snapshot) continue;
        // (a per-request route may say that a slow upstream missed its
        // deadline: that is true; the snapshot must stay clean)
        const spurious = fault.upstreams.filter(u =>
          names(res.body?.errors, u),
        );
        if (spurious.length > 0) {
          failures.push(
            `${fault.label}: ${route.name} reports an error for ${spurious.join(
              ', ',
            )} although its answers only are slow or large (${JSON.stringify(
              res.body?.errors,
            ).slice(0, 200)})`,
          );
        }
      } else {
        const expected = fault.upstreams.filter(u => route.feeds.includes(u));
        const missing = expected.filter(u => !names(res.body?.errors, u));
        // the VM route reads GitHub per request: its errors name github
        if (missing.length > 0 && route.method !== 'POST') {
          failures.push(
            `${fault.label}: ${
              route.name
            } errors[] does not name ${missing.join(', ')} (${JSON.stringify(
              res.body?.errors ?? null,
            ).slice(0, 200)})`,
          );
        }
      }
    }
    await control(stack, 'DELETE', '/faults');
    const clearedAt = Date.now();
    // converged: clean, and every part fetched after the clear
    const took = await waitFleet(
      stack,
      token,
      body =>
        body.errors.length === 0 &&
        body.clusters.length === clusterCount &&
        Date.parse(body.generatedAt) >= clearedAt,
      (3 * INTERVAL_S + 20) * 1000,
    );
    if (took === undefined) {
      failures.push(
        `${fault.label}: the snapshot did not converge after the fault cleared`,
      );
    } else {
      maxConvergeS = Math.max(maxConvergeS, took);
    }
    log(
      `${fault.label}: ${
        fault.failing
          ? (named ? 'named' : 'NOT named') + ' in errors[]'
          : 'read in full'
      } ${((clearedAt - injectedAt) / 1000).toFixed(
        1,
      )} s under the fault; converged ${
        took === undefined ? 'never' : `${took.toFixed(1)} s`
      } after the clear`,
    );
  }
  const singles = faults.filter(f => f.upstreams.length === 1).length;
  return {
    ok: failures.length === 0 && fiveHundreds === 0,
    summary: `${faults.length} faults tried (${singles} single, ${
      faults.length - singles
    } pairs) / ${
      routes.length
    } routes, ${calls} calls / 500s = ${fiveHundreds}; last good snapshot served (max age ${maxAgeS.toFixed(
      1,
    )} s); slowest answer ${(maxRouteMs / 1000).toFixed(
      1,
    )} s; converged at most ${maxConvergeS.toFixed(
      1,
    )} s after a clear (refresh interval ${INTERVAL_S} s)`,
    failures,
  };
}
