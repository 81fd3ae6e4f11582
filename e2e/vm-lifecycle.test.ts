// The product end to end, against make start's stack with the fleet
// simulator: request a VM with the request-vm template in the browser, merge
// its pull request, watch the VM come up on the clusters, stop it the GitOps
// way, and look at the card and the fleet page.
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
import {
  mergePullRequest,
  pullRequestFiles,
  pullRequestNumber,
  sshPublicKey,
} from './simulator.ts';

const vmName = `e2e-vm-${Date.now().toString(36).slice(-5)}`;
const entityPath = `${baseUrl}/catalog/default/resource/${vmName}`;

let browser: Browser;
let page: Page;
/** The request's pull request, from the first test. */
let createPullRequestUrl: string | undefined;

before(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await signInAsGuest(page);
});

after(async () => {
  await browser?.close();
});

/** Runs a template already filled in: Review, Create, and returns the PR URL. */
async function createAndReadPullRequest(name: string): Promise<string> {
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  const link = page.getByRole('link', { name: 'Pull request' });
  await link.waitFor({ timeout: 90_000 });
  await screenshot(page, `${name}-task-done`);
  const href = await link.getAttribute('href');
  assert.ok(href, 'the task output links the pull request');
  return href;
}

/** The text of the VM tab's row for a cluster. */
async function rowText(cluster: string): Promise<string> {
  const row = page.getByRole('row').filter({ hasText: cluster });
  if ((await row.count()) === 0) return '';
  return (await row.first().innerText()).replace(/\s+/g, ' ');
}

/** Polls the VM tab until every cluster's row matches, recording what it saw. */
async function waitForRows(
  expected: Record<string, RegExp>,
  timeoutMs: number,
): Promise<Map<string, Set<string>>> {
  const seen = new Map<string, Set<string>>();
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, string> = {};
  while (Date.now() < deadline) {
    last = {};
    for (const cluster of Object.keys(expected)) {
      last[cluster] = await rowText(cluster);
      const states = seen.get(cluster) ?? new Set<string>();
      states.add(last[cluster]);
      seen.set(cluster, states);
    }
    if (Object.entries(expected).every(([c, re]) => re.test(last[c]))) {
      return seen;
    }
    await page.waitForTimeout(1000);
  }
  throw new Error(
    `rows did not reach the expected states in ${
      timeoutMs / 1000
    }s; last seen: ${JSON.stringify(last, null, 1)}`,
  );
}

test('a developer requests a VM with the request-vm template and gets a pull request', async () => {
  await withScreenshotOnFailure(page, 'request-vm', async () => {
    await page.goto(`${baseUrl}/create/templates/default/request-vm`);
    // Fields by their form ids (root_<parameter>), as labels repeat words.
    await page.locator('#root_name').fill(vmName);
    const owner = page.locator('#root_owner');
    await owner.click();
    await owner.fill('Application');
    await page
      .getByRole('option')
      .filter({ hasText: /Application team|app-team/ })
      .first()
      .click();
    await page.locator('#root_purpose').fill('End-to-end test VM');
    await page.getByRole('button', { name: 'Next' }).click();

    // The environment picker lists environments from the backend, with the
    // available clusters of each.
    const prod = page.getByRole('checkbox', { name: /Production/ });
    await prod.waitFor({ timeout: 30_000 });
    await page.getByText('Production (prod)').click();
    assert.equal(await prod.isChecked(), true, 'prod is now chosen');
    assert.equal(
      await page.getByRole('checkbox', { name: /Development/ }).isChecked(),
      true,
      'dev is chosen by default',
    );
    await page
      .getByText(/2 of 2 clusters available/)
      .first()
      .waitFor();
    // u1.small (2Gi) fits every dev cluster, also dev-cluster-2's 3Gi.
    await page.locator('#root_size').click();
    await page.getByRole('option', { name: /^u1\.small/ }).click();
    await screenshot(page, 'template-form');
    await page.getByRole('button', { name: 'Next' }).click();

    // minItems: 1 shows the first key's field already.
    await page.locator('#root_sshKeys_0').fill(sshPublicKey('e2e@example.com'));
    const url = await createAndReadPullRequest('request-vm');
    assert.match(url, /\/demo-org\/gitops-demo\/pull\/\d+$/);
    createPullRequestUrl = url;
  });
});

test('once merged, the VM goes from Pending to Running on every dev cluster; the unreachable prod cluster is flagged', async () => {
  await withScreenshotOnFailure(page, 'vm-running', async () => {
    const url = createPullRequestUrl;
    assert.ok(url, 'the request test opened a pull request');
    await mergePullRequest(pullRequestNumber(url));

    // The catalog reads the VM's catalog-info.yaml from the base branch
    // within a few seconds (catalog.processingInterval); until then the
    // entity page says it is missing, so reload until the tab shows rows.
    const deadline = Date.now() + 120_000;
    for (;;) {
      await page.goto(`${entityPath}/virtual-machines`);
      const row = page.getByRole('row').filter({ hasText: 'dev-cluster-1' });
      const shown = await row
        .first()
        .waitFor({ timeout: 15_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      if (Date.now() > deadline)
        throw new Error('the VM tab never showed dev-cluster-1');
    }
    const seen = await waitForRows(
      {
        'dev-cluster-1': /Running/,
        'dev-cluster-2': /Running/,
        'prod-cluster-1': /Running/,
        'prod-cluster-2': /nreachable/,
      },
      120_000,
    );
    const before = [...(seen.get('dev-cluster-1') ?? [])].filter(
      s => !/Running/.test(s),
    );
    assert.ok(
      before.length > 0,
      `dev-cluster-1 was seen in a state before Running (e.g. Pending, Provisioning, Starting); saw only ${[
        ...(seen.get('dev-cluster-1') ?? []),
      ].join(' | ')}`,
    );
    await screenshot(page, 'vm-tab-running');
  });
});

test('the overview card summarises the VM', async () => {
  await withScreenshotOnFailure(page, 'vm-card', async () => {
    await page.goto(entityPath);
    await page
      .getByText(/of \d+ clusters/)
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'vm-card');
  });
});

test('Stop opens vm-power pre-filled; once merged the VM is Stopped as declared', async () => {
  await withScreenshotOnFailure(page, 'vm-stop', async () => {
    await page.goto(`${entityPath}/virtual-machines`);
    await page.getByRole('link', { name: 'Stop' }).click();
    await page.waitForURL(/\/create\/templates\/default\/vm-power/);
    // Pre-filled for this VM, with the run strategy that stops it.
    await page.getByText('Stop (Halted)').first().waitFor({ timeout: 30_000 });
    assert.equal(
      await page.locator('#root_vm').inputValue(),
      `resource:default/${vmName}`,
    );
    const url = await createAndReadPullRequest('vm-stop');
    await mergePullRequest(pullRequestNumber(url));

    await page.goto(`${entityPath}/virtual-machines`);
    await waitForRows(
      {
        'dev-cluster-1': /Stopped as declared/,
        'dev-cluster-2': /Stopped as declared/,
        'prod-cluster-1': /Stopped as declared/,
      },
      120_000,
    );
    await screenshot(page, 'vm-tab-stopped');
  });
});

test('the fleet page shows every managed cluster', async () => {
  await withScreenshotOnFailure(page, 'fleet', async () => {
    await page.goto(`${baseUrl}/kubevirt-gitops`);
    for (const cluster of [
      'dev-cluster-1',
      'dev-cluster-2',
      'prod-cluster-1',
      'prod-cluster-2',
    ]) {
      await page.getByText(cluster).first().waitFor({ timeout: 30_000 });
    }
    await screenshot(page, 'fleet-page');
  });
});

test("the seed's demo-vm, in the seed's own layout, is stopped in dev only through vm-power", async () => {
  await withScreenshotOnFailure(page, 'seed-demo-vm-stop', async () => {
    const demoVm = `${baseUrl}/catalog/default/resource/demo-vm/virtual-machines`;
    await page.goto(demoVm);
    await waitForRows(
      { 'dev-cluster-1': /Running/, 'prod-cluster-1': /Running/ },
      120_000,
    );
    await page.getByRole('link', { name: 'Stop' }).click();
    await page.waitForURL(/\/create\/templates\/default\/vm-power/);
    await page.getByText('Stop (Halted)').first().waitFor({ timeout: 30_000 });
    assert.equal(
      await page.locator('#root_vm').inputValue(),
      'resource:default/demo-vm',
    );
    // @backstage/ui draws its own box over the visually hidden input, so the
    // label is what a user clicks; the input says whether it took.
    const development = page.getByRole('checkbox', { name: /Development/ });
    await page.locator('label', { has: development }).click();
    assert.equal(await development.isChecked(), true);
    const url = await createAndReadPullRequest('seed-demo-vm-stop');
    await mergePullRequest(pullRequestNumber(url));

    await page.goto(demoVm);
    await waitForRows(
      {
        'dev-cluster-1': /Stopped as declared/,
        'dev-cluster-2': /Stopped as declared/,
        'prod-cluster-1': /Running/,
      },
      120_000,
    );
    await screenshot(page, 'seed-demo-vm-dev-stopped');
  });
});

/** Opens a template pre-filled with formData, as the VM tab's links do. */
async function openTemplate(
  template: string,
  formData: Record<string, unknown>,
): Promise<void> {
  await page.goto(
    `${baseUrl}/create/templates/default/${template}?${new URLSearchParams({
      formData: JSON.stringify(formData),
    })}`,
  );
  await page
    .getByRole('button', { name: 'Next' })
    .or(page.getByRole('button', { name: 'Review' }))
    .first()
    .waitFor({ timeout: 30_000 });
}

test("the seed's demo-vm is resized in prod only: the pull request changes only prod's overlay", async () => {
  await withScreenshotOnFailure(page, 'seed-demo-vm-resize', async () => {
    await openTemplate('vm-resize', {
      vm: 'resource:default/demo-vm',
      size: 'u1.small',
      environments: ['prod'],
    });
    const url = await createAndReadPullRequest('seed-demo-vm-resize');
    const files = await pullRequestFiles(pullRequestNumber(url));
    assert.deepEqual(
      files.map(file => `${file.status} ${file.filename}`),
      ['modified applicationsets/demo-vm/kustomize/prod/kustomization.yaml'],
    );
    assert.match(files[0].patch ?? '', /\+\s+name: u1\.small/);
    await mergePullRequest(pullRequestNumber(url));
    await page.goto(
      `${baseUrl}/catalog/default/resource/demo-vm/virtual-machines`,
    );
    await waitForRows(
      { 'prod-cluster-1': /Running/, 'dev-cluster-1': /Stopped as declared/ },
      120_000,
    );
  });
});

test("the seed's demo-vm is decommissioned: its whole folder goes, ApplicationSet included, and the discovered entity leaves the catalog", async () => {
  await withScreenshotOnFailure(page, 'seed-demo-vm-decommission', async () => {
    await openTemplate('vm-decommission', {
      vm: 'resource:default/demo-vm',
      reason: 'replaced by the e2e VM',
      confirm: true,
    });
    const url = await createAndReadPullRequest('seed-demo-vm-decommission');
    const files = await pullRequestFiles(pullRequestNumber(url));
    assert.deepEqual(
      files.map(file => `${file.status} ${file.filename}`).sort(),
      [
        'removed applicationsets/demo-vm/applicationset-demo-vm.yaml',
        'removed applicationsets/demo-vm/kustomize/base/kustomization.yaml',
        'removed applicationsets/demo-vm/kustomize/base/virtualmachine.yaml',
        'removed applicationsets/demo-vm/kustomize/dev/kustomization.yaml',
        'removed applicationsets/demo-vm/kustomize/prod/kustomization.yaml',
      ],
    );
    await mergePullRequest(pullRequestNumber(url));
    // demo-vm has no catalog-info.yaml: the catalog's kubevirt-gitops provider
    // discovered it in the repository, and drops it once its folder is gone.
    const deadline = Date.now() + 120_000;
    for (;;) {
      await page.goto(`${baseUrl}/catalog/default/resource/demo-vm`);
      const gone = await page
        .getByText(/There is no Resource with the requested|Entity not found/i)
        .first()
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (gone) break;
      if (Date.now() > deadline)
        throw new Error(
          'demo-vm is still in the catalog 120 s after its decommission was merged',
        );
    }
    await screenshot(page, 'seed-demo-vm-decommissioned');
  });
});
