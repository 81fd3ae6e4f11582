// Upstream faults, end to end: with the OCM hub down, ArgoCD answering 503
// and GitHub answering 500, every route of the backend answers (never a
// 500) with the last good snapshot, its age and an error naming the
// upstream; the VM tab and the fleet page in Chromium show that error, the
// age of what they show and the last good data (no empty state); once the
// fault clears, the snapshot converges within one refresh interval and the
// pages recover.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  baseUrl,
  launchBrowser,
  screenshot,
  signInAsGuest,
  withScreenshotOnFailure,
} from './browser.ts';
import { simulatorUrl } from './simulator.ts';
import { rowText } from './vmTab.ts';

/**
 * kubevirtGitops.refresh.fleetIntervalSeconds as the e2e backend runs
 * (app-config.yaml; app-config.e2e.yaml and scripts/e2e.mjs keep it).
 */
const FLEET_INTERVAL_MS = 10_000;
/** The scheduler's and a refresh's own time on top of one interval. */
const CONVERGE_SLACK_MS = 5_000;
/** The backend caches a VM answer for 5 s (VM_RESPONSE_TTL_MS). */
const VM_ANSWER_TTL_MS = 5_000;
/** The VM tab polls every 15 s (VM_REFRESH_INTERVAL_MS), plus the cached answer. */
const TAB_POLL_MS = 15_000 + VM_ANSWER_TTL_MS;
/**
 * Open pull requests are cached for kubevirtGitops.refresh.pullRequestTtlSeconds
 * (60 s by default): a GitHub fault shows once that list expires.
 */
const PULL_REQUEST_TTL_MS = 60_000;

const vm = 'ci-runner';
const vmClusters = ['dev-cluster-1', 'dev-cluster-2'];
const fleetClusters = [
  'dev-cluster-1',
  'dev-cluster-2',
  'prod-cluster-1',
  'prod-cluster-2',
];
const tabUrl = `${baseUrl}/catalog/default/resource/${vm}/virtual-machines`;
const fleetUrl = `${baseUrl}/kubevirt-gitops`;
const api = `${baseUrl}/api/kubevirt-gitops`;
const vmRoute = `/entities/default/resource/${vm}/vms`;
/** Every read route of the backend, with an entity that has what it needs. */
const routes = [
  vmRoute,
  '/fleet',
  '/entities/default/system/virtualization-platform/fleet',
  '/environments',
  '/choices',
];

// the simulated GitHub (its REST API and the throw-away demo token)
const githubApi =
  process.env.E2E_GITHUB_API_URL ?? 'http://127.0.0.1:7103/api/v3';
const githubRepo = `${githubApi}/repos/demo-org/gitops-demo`;
const githubHeaders = {
  authorization: 'token github-simulator-demo-token',
  'content-type': 'application/json',
};

interface UpstreamError {
  source: string;
  message: string;
}
interface RouteBody {
  errors?: UpstreamError[];
  generatedAt?: string;
  rows?: Array<{ cluster: string }>;
  clusters?: Array<{ name: string }>;
  pullRequests?: Array<{ number: number }>;
}

let browser: Browser;
/** The VM tab, open from the start (it polls). */
let tab: Page;
/** The fleet page (it polls every 30 s: reloaded instead). */
let fleet: Page;
let token: string;
/** The pull request touching the VM's folder (the GitHub case's data). */
let pullRequest: { number: number; title: string; branch: string };

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function guestToken(): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  assert.equal(res.status, 200, 'guest sign-in for the API calls');
  const body = (await res.json()) as {
    backstageIdentity: { token: string };
  };
  return body.backstageIdentity.token;
}

async function getRoute(
  path: string,
): Promise<{ status: number; body: RouteBody }> {
  const res = await fetch(`${api}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  let body: RouteBody = {};
  try {
    body = JSON.parse(text) as RouteBody;
  } catch {
    // asserted on the status below
  }
  return { status: res.status, body };
}

async function injectFaults(rules: unknown[]): Promise<void> {
  const res = await fetch(`${simulatorUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rules),
  });
  assert.ok(res.ok, `injecting faults: ${res.status} ${await res.text()}`);
}

async function clearFaults(): Promise<void> {
  const res = await fetch(`${simulatorUrl}/faults`, { method: 'DELETE' });
  assert.ok(res.ok, `clearing faults: ${res.status}`);
}

function errorsOf(body: RouteBody, source: string): UpstreamError[] {
  return (body.errors ?? []).filter(error => error.source === source);
}

/** Polls a route until `done` holds; returns the last body and when it held. */
async function waitForRoute(
  path: string,
  done: (body: RouteBody) => boolean,
  timeoutMs: number,
  what: string,
): Promise<{ body: RouteBody; at: number }> {
  const deadline = Date.now() + timeoutMs;
  let last: { status: number; body: RouteBody } | undefined;
  while (Date.now() < deadline) {
    last = await getRoute(path);
    assert.equal(last.status, 200, `${path} answers 200 (${what})`);
    if (done(last.body)) return { body: last.body, at: Date.now() };
    await sleep(500);
  }
  throw new Error(
    `${path}: ${what} not within ${
      timeoutMs / 1000
    } s; last errors: ${JSON.stringify(last?.body.errors)}`,
  );
}

/**
 * Every route answers 200 with its generatedAt; those that read `source`
 * name it, with the time of the last good data, from before the backend
 * saw the fault (`seenAt`: when /fleet first named it). Not before the
 * fault itself: a watched part is current until its connection drops, and
 * one built from a watch event of just before the fault is stamped when
 * built, a few hundred milliseconds later (CI-8).
 */
async function assertRoutesDuringFault(
  source: string,
  naming: string[],
  seenAt: number,
): Promise<void> {
  for (const path of routes) {
    // a VM answer is cached for 5 s: wait for the one after the fault
    const { body } = naming.includes(path)
      ? await waitForRoute(
          path,
          answer => errorsOf(answer, source).length > 0,
          VM_ANSWER_TTL_MS + 2_000,
          `an error naming ${source}`,
        )
      : await getRoute(path).then(answer => {
          assert.equal(
            answer.status,
            200,
            `${path} answers 200 while ${source} fails`,
          );
          assert.deepEqual(
            errorsOf(answer.body, source),
            [],
            `${path} does not read ${source}`,
          );
          return answer;
        });
    assert.ok(
      body.generatedAt && !Number.isNaN(Date.parse(body.generatedAt)),
      `${path} has generatedAt`,
    );
  }
  // /fleet: the last good snapshot, with its age (generatedAt is the time
  // of its oldest part, from before the fault) and the upstream's error
  // saying which data is shown.
  const { body } = await getRoute('/fleet');
  assert.deepEqual(
    body.clusters?.map(cluster => cluster.name).sort(),
    fleetClusters,
    '/fleet still lists every cluster',
  );
  const generatedAt = Date.parse(body.generatedAt ?? '');
  if (source !== 'github') {
    assert.ok(
      generatedAt <= seenAt,
      `/fleet generatedAt ${
        body.generatedAt
      } is from before the backend saw the fault (${new Date(
        seenAt,
      ).toISOString()})`,
    );
    const shown = /showing data from (\S+?)\)/.exec(
      errorsOf(body, source)[0]?.message ?? '',
    );
    assert.ok(
      shown && Date.parse(shown[1]) <= seenAt,
      `the ${source} error says which data is shown: ${JSON.stringify(
        body.errors,
      )}`,
    );
  }
  const { body: vmBody } = await getRoute(vmRoute);
  assert.deepEqual(
    vmBody.rows?.map(row => row.cluster).sort(),
    vmClusters,
    `${vmRoute} still has the VM's rows`,
  );
}

/** After clearing: the fleet snapshot has no error of `source` within one interval. */
async function assertConverges(source: string, clearedAt: number) {
  const { at } = await waitForRoute(
    '/fleet',
    body =>
      errorsOf(body, source).length === 0 &&
      Date.parse(body.generatedAt ?? '') >= clearedAt,
    FLEET_INTERVAL_MS + CONVERGE_SLACK_MS,
    `a snapshot without ${source} errors, newer than the clearing`,
  );
  return at - clearedAt;
}

/**
 * A warning naming `source` on a page whose text matches `pattern` (an
 * answer can name a source twice, e.g. the snapshot's error and the VM
 * detail's, in either order); without a match in time, every warning of
 * the source, for the assertion to show.
 */
async function waitForUpstreamWarning(
  page: Page,
  source: string,
  timeoutMs: number,
  pattern: RegExp,
): Promise<string> {
  const items = page
    .getByRole('listitem')
    .filter({ has: page.locator('strong', { hasText: source }) });
  const text = async (index: number) =>
    (await items.nth(index).innerText()).replace(/\s+/g, ' ');
  try {
    await items.filter({ hasText: pattern }).first().waitFor({
      timeout: timeoutMs,
    });
  } catch {
    const shown: string[] = [];
    for (let i = 0; i < (await items.count()); i++) shown.push(await text(i));
    return shown.join(' | ') || `no warning naming ${source}`;
  }
  await page
    .getByText(/Some sources did not answer/)
    .first()
    .waitFor({ timeout: 1_000 });
  return (await items.filter({ hasText: pattern }).first().innerText()).replace(
    /\s+/g,
    ' ',
  );
}

async function assertVmRows(page: Page, what: string): Promise<void> {
  for (const cluster of vmClusters) {
    const text = await rowText(page, cluster);
    assert.ok(text, `${what}: the VM tab still has the row of ${cluster}`);
    assert.doesNotMatch(
      text,
      /Not found on the cluster|Missing/,
      `${what}: ${cluster}`,
    );
  }
  assert.equal(
    await page.getByText(/No cluster runs|not in Git yet/).count(),
    0,
    `${what}: no empty state on the VM tab`,
  );
}

async function assertFleetClusters(page: Page, what: string): Promise<void> {
  const table = page.getByRole('table', { name: 'Managed clusters' });
  await table.waitFor({ timeout: 30_000 });
  for (const cluster of fleetClusters) {
    assert.ok(
      (await table.getByRole('row').filter({ hasText: cluster }).count()) > 0,
      `${what}: the fleet page still lists ${cluster}`,
    );
  }
}

/** The tab's warning is gone by its own polling (no reload). */
async function waitForTabRecovery(): Promise<void> {
  await tab
    .getByText(/Some sources did not answer/)
    .first()
    .waitFor({ state: 'detached', timeout: TAB_POLL_MS + 5_000 });
  await assertVmRows(tab, 'after the fault');
}

async function reloadFleet(): Promise<void> {
  await fleet.goto(fleetUrl);
  await assertFleetClusters(fleet, 'fleet page');
}

/** Opens a pull request that changes a file in the VM's folder. */
async function openPullRequest(): Promise<{
  number: number;
  title: string;
  branch: string;
}> {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${githubRepo}${path}`, {
      method,
      headers: githubHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(res.ok, `GitHub ${method} ${path}: ${res.status}`);
    return (await res.json()) as Record<string, any>;
  };
  const branch = `e2e-faults-${Date.now().toString(36)}`;
  const main = await call('GET', '/git/ref/heads/main');
  const base = await call('GET', `/git/commits/${main.object.sha}`);
  const tree = await call('POST', '/git/trees', {
    base_tree: base.tree.sha,
    tree: [
      {
        path: `applicationsets/vms/${vm}/e2e-faults.md`,
        mode: '100644',
        type: 'blob',
        content: 'A pull request the fault e2e test reads.\n',
      },
    ],
  });
  const commit = await call('POST', '/git/commits', {
    message: 'e2e faults: a pending change',
    tree: tree.sha,
    parents: [main.object.sha],
  });
  await call('POST', '/git/refs', {
    ref: `refs/heads/${branch}`,
    sha: commit.sha,
  });
  const title = `e2e faults: pending change to ${vm}`;
  const pull = await call('POST', '/pulls', {
    title,
    head: branch,
    base: 'main',
    body: 'Opened by e2e/faults.test.ts; closed when it ends.',
  });
  return { number: pull.number as number, title, branch };
}

async function closePullRequest(): Promise<void> {
  if (!pullRequest) return;
  await fetch(`${githubRepo}/pulls/${pullRequest.number}`, {
    method: 'PATCH',
    headers: githubHeaders,
    body: JSON.stringify({ state: 'closed' }),
  });
  await fetch(`${githubRepo}/git/refs/heads/${pullRequest.branch}`, {
    method: 'DELETE',
    headers: githubHeaders,
  });
}

function pullRequestTitle(page: Page) {
  return page.getByText(/^1 open pull request will change this VM/);
}

before(async () => {
  await clearFaults();
  token = await guestToken();
  pullRequest = await openPullRequest();
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1500, height: 1000 },
  });
  tab = await context.newPage();
  await signInAsGuest(tab);
  await tab.goto(tabUrl);
  await tab
    .getByRole('row')
    .filter({ hasText: vmClusters[0] })
    .first()
    .waitFor({ timeout: 60_000 });
  fleet = await context.newPage();
  await reloadFleet();
});

after(async () => {
  // whatever happened: no fault outlives this file
  await clearFaults().catch(() => undefined);
  await closePullRequest().catch(() => undefined);
  await browser?.close();
});

test('OCM hub down (connection refused): every route answers the last good snapshot naming ocm:demo-hub; the tab and the fleet page show it with its age, then recover', async () => {
  await withScreenshotOnFailure(tab, 'faults-hub', async () => {
    const source = 'ocm:demo-hub';
    try {
      await injectFaults([
        { upstream: 'hub', pathPattern: '.*', kind: 'refuse' },
      ]);
      const { at: seenAt } = await waitForRoute(
        '/fleet',
        body => errorsOf(body, source).length > 0,
        FLEET_INTERVAL_MS + CONVERGE_SLACK_MS,
        `an error naming ${source}`,
      );
      // every route reads the hub's clusters
      await assertRoutesDuringFault(source, routes, seenAt);

      await tab.reload();
      const tabWarning = await waitForUpstreamWarning(
        tab,
        source,
        30_000,
        /could not be reached .*ECONNREFUSED.*showing data from \d\d:\d\d:\d\d, \d+ (s|min) ago/,
      );
      assert.match(
        tabWarning,
        /could not be reached .*ECONNREFUSED.*showing data from \d\d:\d\d:\d\d, \d+ (s|min) ago/,
      );
      await assertVmRows(tab, 'hub down');
      await screenshot(tab, 'faults-hub-vm-tab');

      await reloadFleet();
      const fleetWarning = await waitForUpstreamWarning(
        fleet,
        source,
        30_000,
        /showing data from \d\d:\d\d:\d\d, \d+ (s|min) ago/,
      );
      assert.match(
        fleetWarning,
        /showing data from \d\d:\d\d:\d\d, \d+ (s|min) ago/,
      );
      await fleet.getByText(/snapshot of \d\d:\d\d:\d\d/).waitFor();
      await screenshot(fleet, 'faults-hub-fleet');
    } finally {
      await clearFaults();
    }
    const converged = await assertConverges(source, Date.now());
    console.log(`# hub: snapshot converged ${converged} ms after clearing`);
    await waitForTabRecovery();
    await reloadFleet();
    assert.equal(
      await fleet.getByText(/Some sources did not answer/).count(),
      0,
      'the fleet page has no warning after the fault',
    );
  });
});

test('ArgoCD answering 503: every route answers naming argocd:demo; the tab keeps its rows, the fleet page its clusters, with the age; then recover', async () => {
  await withScreenshotOnFailure(tab, 'faults-argocd', async () => {
    const source = 'argocd:demo';
    try {
      await injectFaults([
        { upstream: 'argocd', pathPattern: '.*', status: 503 },
      ]);
      const { at: seenAt } = await waitForRoute(
        '/fleet',
        body => errorsOf(body, source).length > 0,
        FLEET_INTERVAL_MS + CONVERGE_SLACK_MS,
        `an error naming ${source}`,
      );
      await assertRoutesDuringFault(
        source,
        [
          vmRoute,
          '/fleet',
          '/entities/default/system/virtualization-platform/fleet',
          '/choices',
        ],
        seenAt,
      );

      await tab.reload();
      const tabWarning = await waitForUpstreamWarning(
        tab,
        source,
        30_000,
        /answered 503.*showing data from \d\d:\d\d:\d\d, \d+ (s|min) ago/,
      );
      assert.match(
        tabWarning,
        /answered 503.*showing data from \d\d:\d\d:\d\d, \d+ (s|min) ago/,
      );
      await assertVmRows(tab, 'ArgoCD 503');
      await screenshot(tab, 'faults-argocd-vm-tab');

      await reloadFleet();
      const fleetWarning = await waitForUpstreamWarning(
        fleet,
        source,
        30_000,
        /answered 503.*showing data from \d\d:\d\d:\d\d, \d+ (s|min) ago/,
      );
      assert.match(
        fleetWarning,
        /answered 503.*showing data from \d\d:\d\d:\d\d, \d+ (s|min) ago/,
      );
      await screenshot(fleet, 'faults-argocd-fleet');
    } finally {
      await clearFaults();
    }
    const converged = await assertConverges(source, Date.now());
    console.log(`# argocd: snapshot converged ${converged} ms after clearing`);
    await waitForTabRecovery();
    for (const cluster of vmClusters) {
      assert.doesNotMatch(
        await rowText(tab, cluster),
        /detail unavailable/,
        `${cluster} has its detail again`,
      );
    }
    await reloadFleet();
    assert.equal(
      await fleet.getByText(/Some sources did not answer/).count(),
      0,
      'the fleet page has no warning after the fault',
    );
  });
});

test('GitHub answering 500: the VM route names github; the tab keeps the last pull requests it saw, with their time, then recovers', async () => {
  await withScreenshotOnFailure(tab, 'faults-github', async () => {
    const source = 'github';
    // The tab has listed the pull request (within one cache period).
    await pullRequestTitle(tab).waitFor({
      timeout: PULL_REQUEST_TTL_MS + TAB_POLL_MS,
    });
    try {
      await injectFaults([
        // the pull request list and files only: the catalog and VM
        // discovery read other paths of the repository
        { upstream: 'github', pathPattern: '/pulls', status: 500 },
      ]);
      await waitForRoute(
        vmRoute,
        body => errorsOf(body, source).length > 0,
        PULL_REQUEST_TTL_MS + CONVERGE_SLACK_MS,
        `an error naming ${source}`,
      );
      await assertRoutesDuringFault(source, [vmRoute], Date.now());

      // no reload: the tab keeps what it saw before GitHub failed
      const tabWarning = await waitForUpstreamWarning(
        tab,
        source,
        TAB_POLL_MS,
        /GitHub answered 500 while listing open pull requests/,
      );
      assert.match(
        tabWarning,
        /GitHub answered 500 while listing open pull requests/,
      );
      await pullRequestTitle(tab)
        .filter({
          hasText:
            /as GitHub listed them at \d\d:\d\d:\d\d; it has not answered since/,
        })
        .waitFor({ timeout: 5_000 });
      assert.ok(
        await tab
          .getByRole('link', {
            name: `#${pullRequest.number}: ${pullRequest.title} (opens in a new tab)`,
          })
          .isVisible(),
        'the pull request is still listed',
      );
      await assertVmRows(tab, 'GitHub 500');
      await screenshot(tab, 'faults-github-vm-tab');
    } finally {
      await clearFaults();
    }
    await waitForRoute(
      vmRoute,
      body =>
        errorsOf(body, source).length === 0 &&
        (body.pullRequests ?? []).some(pr => pr.number === pullRequest.number),
      CONVERGE_SLACK_MS + 5_000,
      'the pull requests again, without a github error',
    );
    await waitForTabRecovery();
    await tab
      .getByText(/^1 open pull request will change this VM$/)
      .waitFor({ timeout: 5_000 });
  });
});
