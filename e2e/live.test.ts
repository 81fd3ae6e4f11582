// Live updates end to end (issue 12): with the VM tab open and the signal
// connection up, the tab does not poll at all (no poll tick, every request
// for the VM's rows follows a signal); a pull request opened from the
// template is merged in the simulated GitHub and the tab shows the VM
// Running on every targeted cluster without a page reload and without a
// poll tick (the backend signals each change of the VM's whole answer,
// its live state included); then the requester's notifications are on the
// notifications page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  baseUrl,
  launchBrowser,
  screenshot,
  signInAsGuest,
  withScreenshotOnFailure,
} from './browser.ts';
import { mergePullRequest, pullRequestOf, sshPublicKey } from './simulator.ts';
import { createAndReadPullRequest, openTemplate, rowText } from './vmTab.ts';

const vmName = `e2e-live-${Date.now().toString(36).slice(-5)}`;
const entityRef = `resource:default/${vmName}`;
const tabUrl = `${baseUrl}/catalog/default/resource/${vmName}/virtual-machines`;
const vmChannel = `kubevirt-gitops:vm:${entityRef}`;
const clusters = ['dev-cluster-1', 'dev-cluster-2'];
/** A request for the rows counts as caused by a signal that came this shortly before. */
const SIGNAL_TO_REQUEST_MS = 3000;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let startPullRequestUrl: string | undefined;

before(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 1500, height: 1000 },
  });
  page = await context.newPage();
  await signInAsGuest(page);
});

after(async () => {
  await browser?.close();
});

/** Opens the tab, reloading until the catalog has the entity (after a merge). */
async function openTabOnceCatalogued(target: Page): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    await target.goto(tabUrl);
    const shown = await target
      .getByRole('row')
      .filter({ hasText: clusters[0] })
      .first()
      .waitFor({ timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return;
    if (Date.now() > deadline) {
      throw new Error(`the VM tab of ${vmName} never showed ${clusters[0]}`);
    }
  }
}

test('set-up: a VM requested stopped (Halted) on dev is merged and Stopped as declared', async () => {
  await withScreenshotOnFailure(page, 'live-setup', async () => {
    await openTemplate(page, 'request-vm', {
      name: vmName,
      owner: 'group:default/app-team',
      purpose: 'End-to-end test of live updates',
      environments: ['dev'],
      size: 'u1.small',
      runStrategy: 'Halted',
      sshKeys: [sshPublicKey('e2e-live@example.com')],
    });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    const url = await createAndReadPullRequest(page, 'live-request');
    await mergePullRequest(url);
    // The tab is opened once the catalog has the entity; from there the
    // end of the disk import (Provisioning → Stopped while ArgoCD's health
    // stays Suspended) arrives by the VM's signal: no reload.
    await openTabOnceCatalogued(page);
    const deadline = Date.now() + 180_000;
    for (;;) {
      const texts = await Promise.all(clusters.map(c => rowText(page, c)));
      if (texts.every(t => /Stopped as declared/.test(t))) break;
      if (Date.now() > deadline) {
        throw new Error(
          `${vmName} was not Stopped as declared within 180 s of opening the tab (no reload); last: ${JSON.stringify(
            texts,
          )}`,
        );
      }
      await page.waitForTimeout(1000);
    }
  });
});

/** What page A saw: requests for the VM's rows, VM signals, navigations, visibility changes. */
interface Recording {
  rowRequests: number[];
  signals: number[];
  navigations: number;
}

function record(target: Page): Recording {
  const recording: Recording = { rowRequests: [], signals: [], navigations: 0 };
  const rowsPath = `/api/kubevirt-gitops/entities/default/resource/${vmName}/vms`;
  target.on('request', request => {
    if (
      request.method() === 'GET' &&
      new URL(request.url()).pathname === rowsPath
    ) {
      recording.rowRequests.push(Date.now());
    }
  });
  target.on('websocket', ws => {
    ws.on('framereceived', frame => {
      try {
        const data = JSON.parse(String(frame.payload)) as { channel?: string };
        if (data.channel === vmChannel) recording.signals.push(Date.now());
      } catch {
        // not a signal
      }
    });
  });
  target.on('framenavigated', frame => {
    if (frame === target.mainFrame()) recording.navigations += 1;
  });
  return recording;
}

/** Longer than two poll intervals of the tab (15 s): a poll would show. */
const QUIET_MS = 35_000;

/** The tab's status line's data attributes. */
async function refreshState(target: Page) {
  const line = target.locator('[data-refresh-mode]');
  return {
    mode: await line.getAttribute('data-refresh-mode'),
    pending: await line.getAttribute('data-pending'),
    pollTicks: Number(await line.getAttribute('data-poll-ticks')),
    text: await line.innerText(),
  };
}

/** Requests in [from, to] that no VM signal (or the tab showing again) came shortly before. */
function unexplained(
  recording: Recording,
  visible: number[],
  from: number,
  to: number,
): string[] {
  return recording.rowRequests
    .filter(at => at >= from && at <= to)
    .filter(
      at =>
        ![...recording.signals, ...visible].some(
          cause => cause <= at && at - cause <= SIGNAL_TO_REQUEST_MS,
        ),
    )
    .map(at => new Date(at).toISOString());
}

test('with the tab open and live, nothing polls; merging a Start pull request shows Running on every targeted cluster with no page reload and no poll tick', async () => {
  await withScreenshotOnFailure(page, 'live-running', async () => {
    const recording = record(page);
    await page.addInitScript(() => {
      const w = window as unknown as { kvVisible: number[] };
      w.kvVisible = [];
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible')
          w.kvVisible.push(Date.now());
      });
    });
    await page.goto(tabUrl);
    await page
      .locator('[data-refresh-mode="live"][data-pending="false"]')
      .waitFor({ timeout: 90_000 });
    const settledAt = Date.now();
    const settled = await refreshState(page);
    assert.match(settled.text, /live updates/);
    const navigationsBefore = recording.navigations;

    // the Start pull request, from the template in a second page
    const other = await context.newPage();
    await openTemplate(other, 'vm-power', {
      vm: entityRef,
      runStrategy: 'Always',
    });
    const url = await createAndReadPullRequest(other, 'live-start');
    startPullRequestUrl = url;
    await other.close();
    await page.bringToFront();
    await page.waitForTimeout(Math.max(0, settledAt + QUIET_MS - Date.now()));

    // settled and live: no poll tick and no request without a signal
    const beforeMerge = await refreshState(page);
    const visible = () =>
      page.evaluate(
        () => (window as unknown as { kvVisible: number[] }).kvVisible,
      );
    const mergedAt = Date.now();
    assert.equal(beforeMerge.mode, 'live');
    assert.equal(
      beforeMerge.pollTicks,
      settled.pollTicks,
      `no poll tick in the ${QUIET_MS / 1000} s the settled tab was open`,
    );
    assert.deepEqual(
      unexplained(recording, await visible(), settledAt, mergedAt),
      [],
      'no request for the rows without a signal while settled',
    );

    await mergePullRequest(url);
    const deadline = mergedAt + 150_000;
    const seen = new Map<string, Set<string>>();
    for (;;) {
      const texts = await Promise.all(clusters.map(c => rowText(page, c)));
      texts.forEach((text, i) => {
        const states = seen.get(clusters[i]) ?? new Set<string>();
        states.add(text);
        seen.set(clusters[i], states);
      });
      if (texts.every(t => /Running/.test(t) && !/Stopped/.test(t))) break;
      if (Date.now() > deadline) {
        throw new Error(
          `the tab did not show Running on ${clusters.join(
            ', ',
          )} within 150 s of the merge; last: ${JSON.stringify(texts)}`,
        );
      }
      await page.waitForTimeout(250);
    }
    const runningAt = Date.now();
    const running = await refreshState(page);
    await screenshot(page, 'live-tab-running');
    assert.equal(
      recording.navigations,
      navigationsBefore,
      'the page was not reloaded or navigated',
    );
    console.log(
      `live e2e: merge → Running on ${clusters.join(', ')}: ${
        Math.round((runningAt - mergedAt) / 100) / 10
      } s, ${running.pollTicks - beforeMerge.pollTicks} poll ticks, ${
        recording.navigations - navigationsBefore
      } navigations, mode ${running.mode}`,
    );
    assert.equal(running.mode, 'live', 'still live');
    assert.equal(
      running.pollTicks,
      beforeMerge.pollTicks,
      `no poll tick from the merge to Running on ${clusters.join(', ')}`,
    );
    assert.deepEqual(
      unexplained(recording, await visible(), mergedAt, runningAt),
      [],
      'no request for the rows without a signal from the merge to Running',
    );

    // settled again (data-pending is information only): still no tick
    await page
      .locator('[data-refresh-mode="live"][data-pending="false"]')
      .waitFor({ timeout: 60_000 });
    const resettledAt = Date.now();
    const resettled = await refreshState(page);
    await page.waitForTimeout(20_000);
    const end = await refreshState(page);
    assert.equal(
      end.pollTicks,
      resettled.pollTicks,
      'no poll tick once Running is settled',
    );
    assert.deepEqual(
      unexplained(recording, await visible(), resettledAt, Date.now()),
      [],
      'no request for the rows without a signal once settled again',
    );
    assert.ok(recording.signals.length > 0, 'the tab received VM signals');
    console.log(
      `live e2e: Running on ${clusters.join(', ')} ${
        Math.round((runningAt - mergedAt) / 100) / 10
      } s after the merge; ${
        recording.rowRequests.length
      } requests for the rows, ${
        recording.signals.length
      } VM signals; poll ticks: ${
        beforeMerge.pollTicks - settled.pollTicks
      } in the ${Math.round(
        (mergedAt - settledAt) / 1000,
      )} s settled before the merge, ${
        running.pollTicks - beforeMerge.pollTicks
      } from the merge to Running, ${
        resettled.pollTicks - beforeMerge.pollTicks
      } from the merge to settled (${Math.round(
        (resettledAt - mergedAt) / 1000,
      )} s), ${
        end.pollTicks - resettled.pollTicks
      } in the 20 s after; states seen: ${JSON.stringify(
        Object.fromEntries([...seen].map(([c, s]) => [c, [...s]])),
      )}`,
    );
  });
});

test('the requester finds the notifications of the Start pull request on the notifications page', async () => {
  await withScreenshotOnFailure(page, 'live-notifications', async () => {
    const url = startPullRequestUrl;
    assert.ok(url, 'the live test opened the Start pull request');
    const { number } = pullRequestOf(url);
    await page.goto(`${baseUrl}/notifications`);
    const titles = [
      `VM ${vmName}: pull request #${number} opened`,
      `VM ${vmName}: pull request #${number} merged`,
      `VM ${vmName}: Running on every targeted cluster`,
    ];
    for (const title of titles) {
      await page
        .getByText(title, { exact: true })
        .first()
        .waitFor({ timeout: 60_000 });
    }
    // the sidebar item is there with the unread count
    await page
      .getByRole('link', { name: /Notifications/ })
      .first()
      .waitFor({ timeout: 10_000 });
    await screenshot(page, 'live-notifications');
  });
});
