// Shared browser set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core (no browser download), with the flags this machine needs.
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const baseUrl = process.env.E2E_BASE_URL ?? 'http://localhost:7007';
export const resultsDir = process.env.E2E_RESULTS_DIR ?? 'test-results';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(join(resultsDir, 'screenshots'), { recursive: true });
  const file = join(resultsDir, 'screenshots', `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('link', { name: 'Catalog', exact: true })
    .first()
    .waitFor({ timeout: 60_000 });
}

/** Runs a test body; on failure saves a screenshot named after the test, then rethrows. */
export async function withScreenshotOnFailure(
  page: Page,
  name: string,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    const file = await screenshot(page, `FAILED-${name}`).catch(() => 'none');
    throw new Error(`${(error as Error).message}\n(screenshot: ${file})`, {
      cause: error,
    });
  }
}
