// Signs in as guest and finds the example entities in the catalog.
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

let browser: Browser;
let page: Page;

before(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

after(async () => {
  await browser?.close();
});

test('a guest signs in and sees the repository components in the catalog', async () => {
  await withScreenshotOnFailure(page, 'catalog', async () => {
    await signInAsGuest(page);
    // The catalog is the landing page; show all components, not only owned ones.
    await page.goto(
      `${baseUrl}/?filters%5Bkind%5D=component&filters%5Buser%5D=all`,
    );
    const table = page.getByRole('table');
    await table
      .getByText('Backstage app', { exact: true })
      .waitFor({ timeout: 60_000 });
    assert.ok(
      await table.getByText('Backstage backend', { exact: true }).isVisible(),
    );
    await screenshot(page, 'catalog');
  });
});

test('the demo teams and users come from examples/org.yaml', async () => {
  await withScreenshotOnFailure(page, 'org', async () => {
    await page.goto(`${baseUrl}/catalog/default/group/platform-team`);
    await page.getByText('Platform team').first().waitFor({ timeout: 30_000 });
    await page.goto(`${baseUrl}/catalog/default/user/priya`);
    await page
      .getByText('Priya (platform engineer)')
      .first()
      .waitFor({ timeout: 30_000 });
    // Her profile card links her e-mail and her team. The team link's text
    // starts as the entity ref and becomes the group's title once the entity
    // presentation API has loaded it, so find the link by where it goes.
    await page
      .getByText('priya@example.com')
      .last()
      .waitFor({ timeout: 30_000 });
    const team = page.locator(
      'a[href="/catalog/default/group/platform-team"]',
      {
        hasText: /platform-team|Platform team/,
      },
    );
    await team.first().waitFor({ timeout: 30_000 });
    assert.ok((await team.count()) >= 1, 'a link to her team on her profile');
    await screenshot(page, 'user-priya');
  });
});
