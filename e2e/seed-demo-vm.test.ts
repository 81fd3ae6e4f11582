// The seed GitOps repository's own demo-vm, end to end: the fleet simulator
// serves ../shared/reference/seed-gitops-repo, unchanged, as the GitHub
// repository 0xFelix/gitops-demo with its ApplicationSet applied to ArgoCD
// (spec.running: false, deprecated `bases:`, a JSON6902 memory patch per
// overlay). Discovery puts demo-vm in the catalog from that adopted
// repository; every lifecycle operation opens a pull request there, and after
// the merge the tab shows what ArgoCD and the clusters did. Each test also
// asserts what must not change (the other environment, the other files).
//
// scripts/e2e.mjs runs this file only where the reference folder exists
// (CI has it beside the checkout), and says so when it does not.
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
import { mergePullRequest, pullRequestFiles } from './simulator.ts';
import {
  createAndReadPullRequest,
  openTemplate,
  waitForRows,
} from './vmTab.ts';

const demoVm = `${baseUrl}/catalog/default/resource/demo-vm/virtual-machines`;
const SEED_PULL = /\/0xFelix\/gitops-demo\/pull\/\d+$/;

let browser: Browser;
let page: Page;

before(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await signInAsGuest(page);
});

after(async () => {
  await browser?.close();
});

/** Ticks the environment checkbox whose label matches (the @backstage/ui box is drawn over the input). */
async function choose(environment: RegExp): Promise<void> {
  const box = page.getByRole('checkbox', { name: environment });
  await box.waitFor({ timeout: 30_000 });
  await page.locator('label', { has: box }).click();
  assert.equal(await box.isChecked(), true);
}

/** The files of a pull request as `status path`, sorted. */
async function changed(url: string): Promise<string[]> {
  return (await pullRequestFiles(url))
    .map(file => `${file.status} ${file.filename}`)
    .sort();
}

test("the seed's demo-vm is discovered from the adopted repository, stopped as the seed declares it (spec.running: false)", async () => {
  await withScreenshotOnFailure(page, 'seed-demo-vm-discovered', async () => {
    await page.goto(demoVm);
    await waitForRows(
      page,
      {
        'dev-cluster-1': /Stopped as declared/,
        'prod-cluster-1': /Stopped as declared/,
      },
      120_000,
    );
    await screenshot(page, 'seed-demo-vm-discovered');
  });
});

test('Start in dev only, through vm-power: the pull request in 0xFelix/gitops-demo changes only the dev overlay (runStrategy Always, spec.running removed); dev runs, prod stays stopped', async () => {
  await withScreenshotOnFailure(page, 'seed-demo-vm-start', async () => {
    await page.goto(demoVm);
    await page.getByRole('link', { name: 'Start' }).click();
    await page.waitForURL(/\/create\/templates\/default\/vm-power/);
    await page.getByText('Start (Always)').first().waitFor({ timeout: 30_000 });
    assert.equal(
      await page.locator('#root_vm').inputValue(),
      'resource:default/demo-vm',
    );
    await choose(/Development/);
    const url = await createAndReadPullRequest(page, 'seed-demo-vm-start');
    assert.match(url, SEED_PULL);
    const files = await pullRequestFiles(url);
    assert.deepEqual(
      files.map(file => `${file.status} ${file.filename}`),
      ['modified applicationsets/demo-vm/kustomize/dev/kustomization.yaml'],
    );
    assert.match(files[0].patch ?? '', /^\+.*runStrategy/m);
    assert.match(files[0].patch ?? '', /^\+.*Always/m);
    assert.match(files[0].patch ?? '', /^\+.*\/spec\/running/m);
    await mergePullRequest(url);

    await page.goto(demoVm);
    await waitForRows(
      page,
      {
        'dev-cluster-1': /Running/,
        // the seed asks 4096M in dev; dev-cluster-2 has 3Gi allocatable
        'dev-cluster-2': /ErrorUnschedulable/,
        'prod-cluster-1': /Stopped as declared/,
        'prod-cluster-2': /nreachable/,
      },
      180_000,
    );
    await screenshot(page, 'seed-demo-vm-dev-started');
  });
});

test('Stop (Halted) in dev only: the pull request sets runStrategy: Halted in the dev overlay; the dev VMs are Stopped, prod is untouched', async () => {
  await withScreenshotOnFailure(page, 'seed-demo-vm-stop', async () => {
    await page.goto(demoVm);
    await page.getByRole('link', { name: 'Stop' }).click();
    await page.waitForURL(/\/create\/templates\/default\/vm-power/);
    await page.getByText('Stop (Halted)').first().waitFor({ timeout: 30_000 });
    await choose(/Development/);
    const url = await createAndReadPullRequest(page, 'seed-demo-vm-stop');
    assert.match(url, SEED_PULL);
    const files = await pullRequestFiles(url);
    assert.deepEqual(
      files.map(file => `${file.status} ${file.filename}`),
      ['modified applicationsets/demo-vm/kustomize/dev/kustomization.yaml'],
    );
    assert.match(files[0].patch ?? '', /^\+.*Halted/m);
    await mergePullRequest(url);

    await page.goto(demoVm);
    await waitForRows(
      page,
      {
        'dev-cluster-1': /Stopped as declared/,
        'dev-cluster-2': /Stopped as declared/,
        'prod-cluster-1': /Stopped as declared/,
      },
      180_000,
    );
    await screenshot(page, 'seed-demo-vm-dev-stopped');
  });
});

test("Resize in prod only: the pull request edits only prod's overlay (its memory patch) and the VM is still there, stopped, in both environments", async () => {
  await withScreenshotOnFailure(page, 'seed-demo-vm-resize', async () => {
    await openTemplate(page, 'vm-resize', {
      vm: 'resource:default/demo-vm',
      size: 'u1.small',
      environments: ['prod'],
    });
    const url = await createAndReadPullRequest(page, 'seed-demo-vm-resize');
    assert.match(url, SEED_PULL);
    const files = await pullRequestFiles(url);
    assert.deepEqual(
      files.map(file => `${file.status} ${file.filename}`),
      ['modified applicationsets/demo-vm/kustomize/prod/kustomization.yaml'],
    );
    assert.match(files[0].patch ?? '', /\+\s+name: u1\.small/);
    await mergePullRequest(url);
    await page.goto(demoVm);
    await waitForRows(
      page,
      {
        'prod-cluster-1': /Stopped as declared/,
        'dev-cluster-1': /Stopped as declared/,
      },
      120_000,
    );
  });
});

test("Decommission: the seed's whole folder goes, ApplicationSet included, and the discovered entity leaves the catalog", async () => {
  await withScreenshotOnFailure(page, 'seed-demo-vm-decommission', async () => {
    await openTemplate(page, 'vm-decommission', {
      vm: 'resource:default/demo-vm',
      reason: 'replaced by the e2e VM',
      confirm: true,
    });
    const url = await createAndReadPullRequest(
      page,
      'seed-demo-vm-decommission',
    );
    assert.match(url, SEED_PULL);
    assert.deepEqual(await changed(url), [
      'removed applicationsets/demo-vm/applicationset-demo-vm.yaml',
      'removed applicationsets/demo-vm/kustomize/base/kustomization.yaml',
      'removed applicationsets/demo-vm/kustomize/base/virtualmachine.yaml',
      'removed applicationsets/demo-vm/kustomize/dev/kustomization.yaml',
      'removed applicationsets/demo-vm/kustomize/prod/kustomization.yaml',
    ]);
    await mergePullRequest(url);
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
