// What the end-to-end tests do on the VM tab and in templates: run a filled
// template to its pull request, read the tab's rows until they reach a state.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { baseUrl, screenshot } from './browser.ts';

/** Runs a template already filled in: Review, Create, and returns the PR URL. */
export async function createAndReadPullRequest(
  page: Page,
  name: string,
): Promise<string> {
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  const link = page.getByRole('link', { name: 'Pull request' });
  await link.waitFor({ timeout: 90_000 });
  await screenshot(page, `${name}-task-done`);
  const href = await link.getAttribute('href');
  assert.ok(href, 'the task output links the pull request');
  return href;
}

/** The text of the VM tab's row for a cluster ('' when there is none). */
export async function rowText(page: Page, cluster: string): Promise<string> {
  const row = page.getByRole('row').filter({ hasText: cluster });
  if ((await row.count()) === 0) return '';
  return (await row.first().innerText()).replace(/\s+/g, ' ');
}

/** Polls the VM tab until every cluster's row matches, recording what it saw. */
export async function waitForRows(
  page: Page,
  expected: Record<string, RegExp>,
  timeoutMs: number,
): Promise<Map<string, Set<string>>> {
  const seen = new Map<string, Set<string>>();
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, string> = {};
  while (Date.now() < deadline) {
    last = {};
    for (const cluster of Object.keys(expected)) {
      last[cluster] = await rowText(page, cluster);
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
    }s; expected ${JSON.stringify(
      Object.fromEntries(
        Object.entries(expected).map(([c, re]) => [c, String(re)]),
      ),
    )}; last seen: ${JSON.stringify(last, null, 1)}`,
  );
}

/** Opens a template pre-filled with formData, as the VM tab's links do. */
export async function openTemplate(
  page: Page,
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
