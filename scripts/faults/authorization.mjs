// Family 3, "authorization": with the steerable test policy
// (packages/backend/src/testing/steerablePolicy.ts) denying one permission at
// a time, every route it guards is refused (the plugin's REST routes with 403
// NotAllowedError; the actions, over the actions registry's HTTP API and over
// MCP, as "not found": a denied `visibilityPermission` hides the action, and
// an entity the caller may not read is "not found") with 0 upstream calls;
// an entity the caller cannot see in the catalog is a 404 shaped exactly
// like a missing one, never a 403; service tokens work only where configured.
//
// Counting upstream calls honestly: the suite's main stack refreshes the
// fleet every 2 s, reads its catalog locations every 5 s and runs VM
// discovery every 10 s, so a call's own traffic cannot be told from the
// schedule's by time alone. The family therefore runs everything twice:
//
//   main   the suite's stack; a call is charged with the upstream requests
//          no schedule makes (ArgoCD per-Application paths, any hub path
//          other than the four collection lists, GitHub REST other than
//          contents/trees reads and GraphQL).
//   quiet  a second stack of its own (test-results/faults/authorization)
//          whose schedules are an hour apart (QUIET_CONFIG), checked silent
//          first: there EVERY simulator request during a call counts.
//
// Positive controls (the same routes allowed) prove the counter sees the
// traffic a route makes.
import { createHmac, randomBytes } from 'node:crypto';
import { guestToken, setPolicy, sleep, startStack } from './stack.mjs';

/** The second stack: every schedule an hour apart, so the simulator is silent. */
export const QUIET_CONFIG = {
  kubevirtGitops: {
    refresh: {
      fleetIntervalSeconds: 3600,
      detailTtlSeconds: 1,
      pullRequestTtlSeconds: 1,
      // no watches either: their streams would be traffic of no route
      watch: false,
      // nor the live signals' rereads of the VMs a page watches
      liveRecheckSeconds: { pending: 3600, settled: 3600 },
      // nor the request tracker's reads of open requests' pull requests
      requestCheckSeconds: 3600,
    },
    discovery: {
      schedule: { frequency: { minutes: 60 }, timeout: { seconds: 60 } },
    },
  },
  catalog: { processingInterval: { minutes: 60 } },
};

/** How long after a call its upstream requests may still arrive. */
const GRACE_MS = 250;

const KG = '/api/kubevirt-gitops';
const VM = 'ci-runner';
const HIDDEN_VM = 'analytics-db';
const SYSTEM = 'virtualization-platform';

const READ_ACTIONS = [
  'get-vm-status',
  'list-vm-pull-requests',
  'get-fleet',
  'list-environments',
];
const WRITE_ACTIONS = [
  'request-vm',
  'set-vm-run-strategy',
  'resize-vm',
  'decommission-vm',
];
const ENTITY_ACTIONS = [
  'get-vm-status',
  'list-vm-pull-requests',
  'set-vm-run-strategy',
  'resize-vm',
  'decommission-vm',
];

/** Inputs of each action (writes always dry runs: a broken check opens nothing). */
const ACTION_INPUT = {
  'get-vm-status': ref => ({ entityRef: ref }),
  'list-vm-pull-requests': ref => ({ entityRef: ref }),
  'get-fleet': () => ({}),
  'list-environments': () => ({}),
  'request-vm': () => ({
    request: {
      name: 'faults-authz',
      namespace: 'vms',
      owner: 'group:default/platform-team',
      environments: ['dev'],
      size: { instancetype: 'u1.small' },
      bootSource: { image: 'fedora' },
      rootDiskSize: '30Gi',
      runStrategy: 'Halted',
      sshKeys: [],
      purpose: 'fault suite: authorization',
    },
    dryRun: true,
  }),
  'set-vm-run-strategy': ref => ({
    entityRef: ref,
    runStrategy: 'Halted',
    dryRun: true,
  }),
  'resize-vm': ref => ({
    entityRef: ref,
    size: { instancetype: 'u1.medium' },
    dryRun: true,
  }),
  'decommission-vm': ref => ({
    entityRef: ref,
    reason: 'fault suite: authorization',
    dryRun: true,
  }),
};

// ---- the routes --------------------------------------------------------------

const vmsRoute = name => ({
  kind: 'rest',
  route: 'GET /entities/:namespace/:kind/:name/vms',
  method: 'GET',
  path: `${KG}/entities/default/resource/${name}/vms`,
});
const refreshRoute = name => ({
  kind: 'rest',
  route: 'POST /entities/:namespace/:kind/:name/vms/refresh',
  method: 'POST',
  path: `${KG}/entities/default/resource/${name}/vms/refresh`,
});
const entityFleetRoute = name => ({
  kind: 'rest',
  route: 'GET /entities/:namespace/:kind/:name/fleet',
  method: 'GET',
  path: `${KG}/entities/default/system/${name}/fleet`,
});
const FLEET_ROUTES = [
  ['GET /fleet', '/fleet'],
  ['GET /fleet?clusterSet=', '/fleet?clusterSet=managed'],
  ['GET /environments', '/environments'],
  ['GET /choices', '/choices'],
].map(([route, path]) => ({
  kind: 'rest',
  route,
  method: 'GET',
  path: `${KG}${path}`,
}));
const invoke = (action, input) => ({
  kind: 'invoke',
  route: `POST /.backstage/actions/v1/actions/kubevirt-gitops:${action}/invoke`,
  method: 'POST',
  path: `${KG}/.backstage/actions/v1/actions/kubevirt-gitops:${action}/invoke`,
  body: input,
});
const mcp = (method, params) => ({
  method: 'POST',
  path: '/api/mcp-actions/v1',
  body: { jsonrpc: '2.0', id: 1, method, params },
  headers: { accept: 'application/json, text/event-stream' },
});
const mcpCall = (action, input) => ({
  kind: 'mcp',
  route: `MCP tools/call kubevirt-gitops.${action}`,
  ...mcp('tools/call', { name: `kubevirt-gitops.${action}`, arguments: input }),
});
const actionList = hidden => ({
  kind: 'list',
  route: 'GET /.backstage/actions/v1/actions',
  method: 'GET',
  path: `${KG}/.backstage/actions/v1/actions`,
  hidden,
});
const mcpList = hidden => ({
  kind: 'mcpList',
  route: 'MCP tools/list',
  ...mcp('tools/list', {}),
  hidden,
});
const taskRoute = () => ({
  kind: 'task',
  route: 'POST /api/scaffolder/v2/tasks (vm-power: kubevirt:vm:pull-request)',
  method: 'POST',
  path: '/api/scaffolder/v2/tasks',
  body: {
    templateRef: 'template:default/vm-power',
    values: { vm: `resource:default/${VM}`, runStrategy: 'Halted' },
  },
});
const bothTransports = (action, ref) => [
  invoke(action, ACTION_INPUT[action](ref)),
  mcpCall(action, ACTION_INPUT[action](ref)),
];

/** Every (denied permission, route it guards, expected refusal). */
function denialCases(missing) {
  const ref = `resource:default/${VM}`;
  const cases = [];
  const add = (permission, targets, note = '') => {
    for (const target of [targets].flat()) {
      cases.push({ permission, target, note });
    }
  };
  const vmRead = 'kubevirt-gitops.vm.read';
  add(vmRead, vmsRoute(VM));
  // denied before the catalog is asked: a missing entity is the same 403
  add(vmRead, vmsRoute(missing), ' (missing entity)');
  for (const action of ENTITY_ACTIONS) add(vmRead, bothTransports(action, ref));

  const vmRefresh = 'kubevirt-gitops.vm.refresh';
  add(vmRefresh, refreshRoute(VM));
  add(vmRefresh, refreshRoute(missing), ' (missing entity)');

  const fleetRead = 'kubevirt-gitops.fleet.read';
  add(fleetRead, [entityFleetRoute(SYSTEM), ...FLEET_ROUTES]);
  for (const action of READ_ACTIONS)
    add(fleetRead, bothTransports(action, ref));
  add(fleetRead, [actionList(READ_ACTIONS), mcpList(READ_ACTIONS)]);

  const prCreate = 'kubevirt-gitops.vm.pull-request.create';
  for (const action of WRITE_ACTIONS)
    add(prCreate, bothTransports(action, ref));
  add(prCreate, [actionList(WRITE_ACTIONS), mcpList(WRITE_ACTIONS)]);

  // the scaffolder action kubevirt:vm:pull-request is guarded by the
  // scaffolder's own permissions, not by kubevirt-gitops.*
  add('scaffolder.task.create', taskRoute());
  add('scaffolder.action.execute', { ...taskRoute(), kind: 'taskRun' });
  return cases;
}

// ---- HTTP --------------------------------------------------------------------

/** One call; its body goes to seen.bodies (the secrets scan reads them). */
async function call(stack, seen, target, token) {
  const res = await fetch(`${stack.backendUrl}${target.path}`, {
    method: target.method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(target.body === undefined
        ? {}
        : { 'content-type': 'application/json' }),
      ...target.headers,
    },
    body: target.body === undefined ? undefined : JSON.stringify(target.body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  seen.bodies.push(text);
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    // an MCP answer is an event stream: its last data line
    const data = text
      .split('\n')
      .filter(line => line.startsWith('data:'))
      .pop();
    if (data) {
      try {
        json = JSON.parse(data.slice(5));
      } catch {
        // neither
      }
    }
  }
  return { status: res.status, text, json };
}

/** The text an MCP tool call answered (result content, or the RPC error). */
const mcpText = json =>
  json?.result?.content?.map(c => c.text ?? '').join('\n') ??
  json?.error?.message ??
  '';

/**
 * Whether an answer is the refusal the route owes: REST routes and the
 * scaffolder's task POST a 403 NotAllowedError; actions a 403 NotAllowedError
 * or a 404 NotFoundError (both say nothing about the entity); listings omit
 * the denied actions. Returns a short description of what came back.
 */
function judgeRefusal(target, answer) {
  const name = answer.json?.error?.name;
  const got = `${answer.status} ${name ?? answer.text.slice(0, 80)}`;
  switch (target.kind) {
    case 'rest':
    case 'task':
      return { ok: answer.status === 403 && name === 'NotAllowedError', got };
    case 'invoke':
      return {
        ok:
          (answer.status === 403 && name === 'NotAllowedError') ||
          (answer.status === 404 && name === 'NotFoundError'),
        got,
      };
    case 'mcp': {
      const text = mcpText(answer.json);
      return {
        ok:
          answer.status === 200 &&
          (answer.json?.result?.isError === true ||
            answer.json?.error !== undefined) &&
          /^(NotFoundError|NotAllowedError)\b/.test(text),
        got: `${answer.status} ${text.slice(0, 80)}`,
      };
    }
    case 'list': {
      const ids = (answer.json?.actions ?? []).map(a => a.id);
      const shown = target.hidden.filter(a =>
        ids.includes(`kubevirt-gitops:${a}`),
      );
      return {
        ok: answer.status === 200 && shown.length === 0,
        got: `${answer.status}, still listed: ${shown.join(', ') || 'none'}`,
      };
    }
    case 'mcpList': {
      const names = (answer.json?.result?.tools ?? []).map(t => t.name);
      const shown = target.hidden.filter(a =>
        names.includes(`kubevirt-gitops.${a}`),
      );
      return {
        ok: answer.status === 200 && !answer.json?.error && shown.length === 0,
        got: `${answer.status}, still listed: ${shown.join(', ') || 'none'}`,
      };
    }
    default:
      throw new Error(`no judge for ${target.kind}`);
  }
}

/** Waits for a scaffolder task to end; its status and log messages. */
async function taskOutcome(stack, seen, id, token) {
  const deadline = Date.now() + 60_000;
  let task;
  while (Date.now() < deadline) {
    task = await call(
      stack,
      seen,
      { method: 'GET', path: `/api/scaffolder/v2/tasks/${id}` },
      token,
    );
    if (['failed', 'completed', 'cancelled'].includes(task.json?.status)) break;
    await sleep(300);
  }
  const events = await call(
    stack,
    seen,
    { method: 'GET', path: `/api/scaffolder/v2/tasks/${id}/events` },
    token,
  );
  const messages = (events.json ?? []).map(e => String(e.body?.message ?? ''));
  return { status: task?.json?.status, messages };
}

// ---- counting upstream calls ---------------------------------------------------

/**
 * Requests no schedule of the main stack makes: the fleet refresh LISTs
 * ArgoCD's applications, applicationsets and clusters and the hub's four
 * collections (and logs in to ArgoCD); the catalog reads catalog-info.yaml
 * contents, VM discovery reads trees and GraphQL. Everything else (an
 * Application's detail or refresh, any other hub path, GitHub pulls, refs,
 * commits, writes) is charged to the call.
 */
function notScheduled(entry) {
  const read = entry.method === 'GET' || entry.method === 'HEAD';
  switch (entry.upstream) {
    case 'argocd':
      return (
        /^\/api\/v1\/application(s|sets)\/[^/]+/.test(entry.path) ||
        (!read && entry.path !== '/api/v1/session')
      );
    case 'hub':
      return (
        !read ||
        !/^\/apis\/[^/]+\/[^/]+\/(managedclusters|placements|placementdecisions|managedclustersets)$/.test(
          entry.path,
        )
      );
    case 'github':
      if (entry.method === 'POST' && entry.path === '/api/graphql')
        return false;
      return !(
        read &&
        /\/(contents|git\/trees|git\/blobs|tarball|zipball)(\/|$)|^\/raw\//.test(
          entry.path,
        )
      );
    default:
      return true;
  }
}

async function logSince(stack, since) {
  const res = await fetch(
    `${stack.controlUrl}/log?since=${encodeURIComponent(since)}`,
  );
  if (!res.ok) throw new Error(`simulator /log: HTTP ${res.status}`);
  return (await res.json()).entries;
}

/** Runs fn; the upstream requests charged to it (see notScheduled). */
async function upstreamDuring(stack, strict, fn) {
  const since = new Date().toISOString();
  const value = await fn();
  await sleep(GRACE_MS);
  const entries = (await logSince(stack, since)).filter(
    entry => strict || notScheduled(entry),
  );
  return { value, entries };
}

const describeEntries = entries =>
  entries
    .slice(0, 4)
    .map(e => `${e.upstream} ${e.method} ${e.path}`)
    .join(', ') + (entries.length > 4 ? ', …' : '');

/** Waits until the catalog shows the entities the family uses. */
async function waitForEntities(stack, token) {
  const refs = [
    `resource/default/${VM}`,
    `resource/default/${HIDDEN_VM}`,
    `system/default/${SYSTEM}`,
  ];
  const deadline = Date.now() + 120_000;
  for (;;) {
    const missing = [];
    for (const ref of refs) {
      const res = await fetch(
        `${stack.backendUrl}/api/catalog/entities/by-name/${ref}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (res.status !== 200) missing.push(ref);
    }
    if (missing.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the catalog did not show ${missing.join(', ')} within 120 s`,
      );
    }
    await sleep(1000);
  }
}

/** Waits for a 3 s window without any simulator request (60 s at most). */
async function waitForSilence(stack) {
  const deadline = Date.now() + 60_000;
  let last = [];
  while (Date.now() < deadline) {
    const since = new Date().toISOString();
    await sleep(3000);
    last = await logSince(stack, since);
    if (last.length === 0) return { quiet: true };
  }
  return { quiet: false, entries: last };
}

/** Stops a stack this family started (its two process groups, by id). */
async function stopStack(stack) {
  const children = [stack.processes.backend, stack.processes.simulator];
  const signal = name => {
    for (const child of children) {
      if (child.exited || !child.pid) continue;
      try {
        process.kill(-child.pid, name);
      } catch {
        // gone
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 8000;
  while (children.some(c => !c.exited) && Date.now() < deadline) {
    await sleep(100);
  }
  signal('SIGKILL');
}

/** A JWT signed with a key the backend does not know. */
function forgedToken() {
  const b64 = value => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({
    sub: 'backstage-server',
    iat: now,
    exp: now + 3600,
  })}`;
  const signature = createHmac('sha256', randomBytes(32))
    .update(head)
    .digest('base64url');
  return `${head}.${signature}`;
}

// ---- one stack ---------------------------------------------------------------

async function checkStack(stack, { strict, label, seen, log, failures }) {
  const fail = text => failures.push(`${label}: ${text}`);
  const guest = await guestToken(stack.backendUrl);
  await waitForEntities(stack, stack.secrets.staticToken);
  const missingVm = `faults-missing-${randomBytes(3).toString('hex')}`;
  const missingSystem = `faults-missing-${randomBytes(3).toString('hex')}`;
  let upstreamCalls = 0;
  const charge = (what, entries) => {
    if (entries.length === 0) return;
    upstreamCalls += entries.length;
    fail(
      `${what}: ${entries.length} upstream call(s): ${describeEntries(
        entries,
      )}`,
    );
  };

  // Positive controls: allowed, the same routes do reach the upstreams.
  setPolicy(stack, {});
  const controls = [
    ['POST vms/refresh', refreshRoute(VM)],
    ['GET vms', vmsRoute(VM)],
    [
      'action list-vm-pull-requests',
      invoke('list-vm-pull-requests', { entityRef: `resource:default/${VM}` }),
    ],
  ];
  const seenByControls = [];
  for (const [what, target] of controls) {
    // the pull request cache lives 1 s on both stacks
    await sleep(1100);
    const { value, entries } = await upstreamDuring(stack, strict, () =>
      call(stack, seen, target, guest),
    );
    seenByControls.push(`${what} ${entries.length}`);
    if (value.status !== 200) fail(`control ${what} allowed: ${value.status}`);
    if (entries.length === 0) {
      fail(`control ${what} allowed made no upstream call: the count is blind`);
    }
  }
  log(
    `${label}: positive controls (upstream calls): ${seenByControls.join(
      ', ',
    )}`,
  );

  // Denials, one permission at a time.
  const cases = denialCases(missingVm);
  const byPermission = new Map();
  for (const c of cases) {
    byPermission.set(c.permission, [
      ...(byPermission.get(c.permission) ?? []),
      c,
    ]);
  }
  const refusals = new Map();
  for (const [permission, group] of byPermission) {
    setPolicy(stack, { deny: [permission] });
    for (const { target, note } of group) {
      const what = `deny ${permission}: ${target.route}${note}`;
      const { value, entries } = await upstreamDuring(
        stack,
        strict,
        async () => {
          const answer = await call(stack, seen, target, guest);
          if (target.kind !== 'taskRun') return { answer };
          if (answer.status !== 201 || !answer.json?.id) return { answer };
          return {
            answer,
            run: await taskOutcome(stack, seen, answer.json.id, guest),
          };
        },
      );
      charge(what, entries);
      if (target.kind === 'taskRun') {
        const { answer, run } = value;
        const ranPullRequest = run?.messages.some(m =>
          /Beginning step Open the pull request/.test(m),
        );
        const refusedAction = run?.messages.some(m =>
          /NotAllowedError: Unauthorized action/.test(m),
        );
        const ok =
          answer.status === 403 ||
          (answer.status === 201 &&
            run?.status === 'failed' &&
            refusedAction &&
            !ranPullRequest);
        const got =
          answer.status === 201
            ? `201, task ${run?.status}${
                ranPullRequest ? ', ran kubevirt:vm:pull-request' : ''
              }`
            : `${answer.status}`;
        refusals.set(`${permission}\n${target.route}`, got);
        if (!ok) fail(`${what}: ${got}`);
        continue;
      }
      const verdict = judgeRefusal(target, value.answer);
      refusals.set(`${permission}\n${target.route}${note}`, verdict.got);
      if (!verdict.ok) fail(`${what}: ${verdict.got}`);
    }
  }
  setPolicy(stack, {});
  const routes = new Set(cases.map(c => c.target.route));

  // An entity the caller cannot read: 404 exactly like a missing one.
  const normalize = text =>
    String(text ?? '')
      .replaceAll(HIDDEN_VM, '<name>')
      .replaceAll(missingVm, '<name>')
      .replaceAll(SYSTEM, '<name>')
      .replaceAll(missingSystem, '<name>');
  const shape = (target, answer) =>
    target.kind === 'mcp'
      ? `${answer.status} isError=${answer.json?.result?.isError} ${normalize(
          mcpText(answer.json),
        )}`
      : `${answer.status} ${answer.json?.error?.name} ${normalize(
          answer.json?.error?.message,
        )}`;
  const hiddenPairs = [
    [vmsRoute(HIDDEN_VM), vmsRoute(missingVm)],
    [refreshRoute(HIDDEN_VM), refreshRoute(missingVm)],
    [entityFleetRoute(SYSTEM), entityFleetRoute(missingSystem)],
    ...ENTITY_ACTIONS.flatMap(action => {
      const hidden = bothTransports(action, `resource:default/${HIDDEN_VM}`);
      const missing = bothTransports(action, `resource:default/${missingVm}`);
      return hidden.map((target, i) => [target, missing[i]]);
    }),
  ];
  setPolicy(stack, { hiddenEntities: [HIDDEN_VM, SYSTEM] });
  const hiddenInCatalog = await call(
    stack,
    seen,
    {
      method: 'GET',
      path: `/api/catalog/entities/by-name/resource/default/${HIDDEN_VM}`,
    },
    guest,
  );
  if (hiddenInCatalog.status !== 404) {
    fail(
      `hidden ${HIDDEN_VM}: the catalog still answers ${hiddenInCatalog.status}`,
    );
  }
  let hiddenOk = 0;
  for (const [hiddenTarget, missingTarget] of hiddenPairs) {
    const what = `hidden entity: ${hiddenTarget.route}`;
    const { value, entries } = await upstreamDuring(
      stack,
      strict,
      async () => ({
        hidden: await call(stack, seen, hiddenTarget, guest),
        missing: await call(stack, seen, missingTarget, guest),
      }),
    );
    charge(what, entries);
    const hiddenShape = shape(hiddenTarget, value.hidden);
    const missingShape = shape(missingTarget, value.missing);
    const is404 =
      hiddenTarget.kind === 'mcp'
        ? /^200 isError=true NotFoundError\b/.test(hiddenShape)
        : /^404 NotFoundError\b/.test(hiddenShape);
    if (!is404) fail(`${what}: ${hiddenShape} (not a 404)`);
    else if (hiddenShape !== missingShape) {
      fail(`${what}: hidden "${hiddenShape}" vs missing "${missingShape}"`);
    } else hiddenOk += 1;
  }
  setPolicy(stack, {});
  // the hidden ones exist: readable again once not hidden
  for (const target of [vmsRoute(HIDDEN_VM), entityFleetRoute(SYSTEM)]) {
    const answer = await call(stack, seen, target, guest);
    if (answer.status !== 200) {
      fail(`${target.route} of the un-hidden entity: ${answer.status}`);
    }
  }

  // Service tokens only where configured.
  const tokenTargets = [
    vmsRoute(VM),
    refreshRoute(VM),
    entityFleetRoute(SYSTEM),
    ...FLEET_ROUTES,
    actionList([]),
    invoke('get-fleet', {}),
    mcpList([]),
  ];
  const catalog = {
    kind: 'catalog',
    route: 'GET /api/catalog/entities',
    method: 'GET',
    path: '/api/catalog/entities?limit=1',
  };
  const callers = [
    ['restricted', stack.secrets.restrictedToken, [401, 403], [200]],
    ['random', randomBytes(24).toString('hex'), [401], [401]],
    ['forged JWT', forgedToken(), [401], [401]],
    ['none', undefined, [401], [401]],
    ['static', stack.secrets.staticToken, [200], [200]],
    ['guest', guest, [200], [200]],
  ];
  const tokenResults = {};
  for (const [who, token, expected, catalogExpected] of callers) {
    const statuses = [];
    for (const target of tokenTargets) {
      const { value, entries } = await upstreamDuring(stack, strict, () =>
        call(stack, seen, target, token),
      );
      statuses.push(value.status);
      if (!expected.includes(value.status)) {
        fail(`${who} token: ${target.route} answered ${value.status}`);
      } else if (
        target.kind === 'mcpList' &&
        value.status === 200 &&
        !(value.json?.result?.tools ?? []).some(t =>
          t.name.startsWith('kubevirt-gitops.'),
        )
      ) {
        fail(`${who} token: MCP tools/list shows no kubevirt-gitops tool`);
      }
      if (value.status !== 200)
        charge(`${who} token: ${target.route}`, entries);
    }
    const answer = await call(stack, seen, catalog, token);
    if (!catalogExpected.includes(answer.status)) {
      fail(`${who} token: the catalog answered ${answer.status}`);
    }
    tokenResults[who] = {
      statuses: [...new Set(statuses)].sort().join('/'),
      catalog: answer.status,
    };
  }
  const tokens = Object.entries(tokenResults)
    .map(([who, r]) => `${who} ${r.statuses} (catalog ${r.catalog})`)
    .join(', ');
  // per permission: how its routes refused (the MCP text and listing detail cut)
  const perPermission = new Map();
  for (const [key, got] of refusals) {
    const [permission] = key.split('\n');
    const kind = got
      .replace(/^(200 \w+Error): .*/, '$1 (MCP)')
      .replace(/, still listed: none$/, ' (listing without them)');
    const counts = perPermission.get(permission) ?? new Map();
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    perPermission.set(permission, counts);
  }
  for (const [permission, counts] of perPermission) {
    log(
      `${label}: deny ${permission}: ${[...counts]
        .map(([kind, n]) => `${n}× ${kind}`)
        .join(', ')}`,
    );
  }
  log(`${label}: service tokens over ${tokenTargets.length} routes: ${tokens}`);
  return {
    denials: cases.length,
    routes: routes.size,
    upstreamCalls,
    hidden: hiddenOk,
    hiddenRoutes: hiddenPairs.length,
    tokenRoutes: tokenTargets.length,
    tokens,
  };
}

export async function run(stack, { seen, log }) {
  const failures = [];
  const results = {};
  log('authorization: main stack (schedules running; route paths counted)');
  results.main = await checkStack(stack, {
    strict: false,
    label: 'main',
    seen,
    log,
    failures,
  });

  log('authorization: starting the quiet stack (schedules an hour apart)');
  const started = Date.now();
  const quiet = await startStack({
    name: 'authorization',
    extraConfig: QUIET_CONFIG,
  });
  // the secrets family scans this stack's logs for its own credentials too
  seen.stacks = [
    ...(seen.stacks ?? []),
    { name: 'authorization', secrets: quiet.secrets, logFiles: quiet.logFiles },
  ];
  try {
    await waitForEntities(quiet, quiet.secrets.staticToken);
    const silence = await waitForSilence(quiet);
    log(
      `authorization: quiet stack up in ${(
        (Date.now() - started) /
        1000
      ).toFixed(0)} s, ${
        silence.quiet
          ? 'silent'
          : `NOT silent (${describeEntries(silence.entries)})`
      }`,
    );
    if (!silence.quiet) {
      failures.push(
        `quiet: the simulator kept getting requests without any call: ${describeEntries(
          silence.entries,
        )}; counting route paths only`,
      );
    }
    results.quiet = await checkStack(quiet, {
      strict: silence.quiet,
      label: 'quiet',
      seen,
      log,
      failures,
    });
  } finally {
    await stopStack(quiet);
  }

  const { main, quiet: q } = results;
  const summary = `${main.denials} denials over ${
    main.routes
  } routes on 2 stacks / upstream calls = ${
    main.upstreamCalls + q.upstreamCalls
  } (main, route paths: ${main.upstreamCalls}; quiet, every request: ${
    q.upstreamCalls
  }); hidden entity 404 like a missing one on ${main.hidden}+${q.hidden} of ${
    main.hiddenRoutes
  }+${q.hiddenRoutes} routes; service tokens over ${main.tokenRoutes} routes: ${
    q.tokens
  }`;
  return { ok: failures.length === 0, summary, failures };
}
