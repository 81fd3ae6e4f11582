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
import { createAndReadPullRequest, waitForRows } from './vmTab.ts';
import {
  mergePullRequest,
  pullRequestFiles,
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
    const url = await createAndReadPullRequest(page, 'request-vm');
    assert.match(url, /\/demo-org\/gitops-demo\/pull\/\d+$/);
    createPullRequestUrl = url;
  });
});

test('once merged, the VM goes from Pending to Running on every dev cluster; the unreachable prod cluster is flagged', async () => {
  await withScreenshotOnFailure(page, 'vm-running', async () => {
    const url = createPullRequestUrl;
    assert.ok(url, 'the request test opened a pull request');
    await mergePullRequest(url);

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
      page,
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
    const url = await createAndReadPullRequest(page, 'vm-stop');
    // only this VM's files change: no other VM, no other folder
    const outside = (await pullRequestFiles(url))
      .map(file => file.filename)
      .filter(file => !file.startsWith(`applicationsets/vms/${vmName}/`));
    assert.deepEqual(outside, []);
    await mergePullRequest(url);

    await page.goto(`${entityPath}/virtual-machines`);
    await waitForRows(
      page,
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
    // At 1500 px nothing of the table is cut off: every column header is
    // shown whole, and the table ends inside the page.
    const layout = await page
      .getByRole('table', { name: 'Managed clusters' })
      .evaluate(table => ({
        cut: [...table.querySelectorAll('thead th')]
          .filter(th => th.scrollWidth > th.clientWidth)
          .map(th => th.textContent),
        right: table.getBoundingClientRect().right,
        viewport: document.documentElement.clientWidth,
      }));
    assert.deepEqual(layout.cut, []);
    assert.ok(
      layout.right <= layout.viewport,
      `the table ends at ${layout.right} px, past the ${layout.viewport} px page`,
    );
    await screenshot(page, 'fleet-page');
  });
});
