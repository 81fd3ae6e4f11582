#!/usr/bin/env node
/*
 * Time to interactive of the "Virtual machines" tab with 200 VM rows, in
 * Debian Chromium (playwright-core). Builds bench/tti/page.tsx with esbuild
 * (minified, production React), serves it and a fake 200-row backend answer
 * on 127.0.0.1, and for each run (fresh browser context):
 *
 *  - cold load: navigation start → the host app is interactive (its button is
 *    rendered and no long task is running);
 *  - tab: press "Open the Virtual machines tab" → the 200 rows are in the
 *    DOM and the main thread is free (end of the last long task, 1 s quiet).
 *
 * Usage: node bench/tti/run.mjs [--rows 200] [--runs 5]
 * Prints one line per run and a JSON summary (medians) on the last line.
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const argValue = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const ROWS = argValue('rows', 200);
const RUNS = argValue('runs', 5);
const QUIET_MS = 1000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function buildPage() {
  const result = await build({
    entryPoints: [join(here, 'page.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'chrome120',
    jsx: 'automatic',
    outdir: 'out',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: {
      '.svg': 'dataurl',
      '.png': 'dataurl',
      '.woff': 'dataurl',
      '.woff2': 'dataurl',
    },
    logLevel: 'error',
  });
  const js = result.outputFiles.find(f => f.path.endsWith('.js'));
  // The app imports the BUI stylesheet once (packages/app/src/index.tsx).
  const require = createRequire(import.meta.url);
  const css = await readFile(require.resolve('@backstage/ui/css/styles.css'));
  return { js: js?.contents ?? new Uint8Array(), css };
}

async function buildFixture(dir) {
  const result = await build({
    entryPoints: [join(here, 'fixture.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'error',
  });
  const file = join(dir, 'fixture.mjs');
  await writeFile(file, result.outputFiles[0].contents);
  return import(pathToFileURL(file).href);
}

function serve(page, answer) {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>TTI bench</title>
<link rel="stylesheet" href="/page.css"></head><body><div id="root"></div>
<script type="module" src="/page.js"></script></body></html>`;
  const routes = {
    '/': ['text/html', html],
    '/page.js': ['text/javascript', page.js],
    '/page.css': ['text/css', page.css],
    '/api/kubevirt-gitops/entities/default/resource/demo-vm/vms': [
      'application/json',
      answer,
    ],
  };
  const server = http.createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route) {
      res.writeHead(200, {
        'content-type': route[0],
        'cache-control': 'no-store',
      });
      res.end(route[1]);
    } else {
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    }
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

/** Collects long tasks from the start of the page. */
const OBSERVE_LONG_TASKS = () => {
  window.__longTasks = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      window.__longTasks.push({
        start: entry.startTime,
        end: entry.startTime + entry.duration,
      });
    }
  }).observe({ type: 'longtask', buffered: true });
};

/** Waits until no long task ended in the last QUIET_MS; returns the last end after `since`. */
async function settle(page, since) {
  for (;;) {
    await page.waitForTimeout(QUIET_MS);
    const { lastEnd, now } = await page.evaluate(from => {
      const ends = window.__longTasks.filter(t => t.end > from).map(t => t.end);
      return {
        lastEnd: ends.length ? Math.max(...ends) : from,
        now: performance.now(),
      };
    }, since);
    if (now - lastEnd >= QUIET_MS) return lastEnd;
  }
}

async function measure(browser, url) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', error => errors.push(error.message));
  page.on('console', message => {
    if (message.type() === 'error' && !message.text().includes('favicon')) {
      errors.push(message.text());
    }
  });
  await page.addInitScript(OBSERVE_LONG_TASKS);
  await page.goto(url);
  const button = page.getByRole('button', {
    name: 'Open the Virtual machines tab',
  });
  await button.waitFor({ timeout: 15_000 }).catch(error => {
    throw new Error(`${error.message}\npage errors: ${errors.join('\n')}`);
  });
  const buttonAt = await page.evaluate(() => performance.now());
  const coldLastTask = await settle(page, 0);
  const coldTti = Math.max(buttonAt, coldLastTask);

  await button.click();
  await page.waitForFunction(
    rows => {
      // Body rows of the environment tables (the skeleton has 3).
      const count = document.querySelectorAll('table tbody tr').length;
      if (count >= rows && window.__rowsAt === undefined) {
        window.__rowsAt = performance.now();
      }
      return count >= rows;
    },
    ROWS,
    { polling: 'raf', timeout: 30_000 },
  );
  const { openAt, rowsAt } = await page.evaluate(() => ({
    openAt: performance.getEntriesByName('tab-open')[0]?.startTime ?? 0,
    rowsAt: window.__rowsAt,
  }));
  const tabLastTask = await settle(page, openAt);
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return {
    coldTtiMs: Math.round(coldTti),
    tabRowsVisibleMs: Math.round(rowsAt - openAt),
    tabTtiMs: Math.round(Math.max(rowsAt, tabLastTask) - openAt),
  };
}

const print = line => process.stdout.write(`${line}\n`);

const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const dir = await mkdtemp(join(tmpdir(), 'kg-tti-'));
let server;
let browser;
try {
  const [page, fixture] = await Promise.all([buildPage(), buildFixture(dir)]);
  const answer = JSON.stringify(fixture.benchStatus(ROWS));
  server = await serve(page, answer);
  const url = `http://127.0.0.1:${server.address().port}/`;
  print(
    `page bundle ${(page.js.length / 1024).toFixed(0)} KiB js + ${(
      page.css.length / 1024
    ).toFixed(0)} KiB css (minified); answer ${(answer.length / 1024).toFixed(
      0,
    )} KiB for ${ROWS} rows`,
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
  print(`chromium ${browser.version()}`);
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) {
    const run = await measure(browser, url);
    runs.push(run);
    print(
      `run ${i + 1}: cold load ${run.coldTtiMs} ms · tab: rows visible ${
        run.tabRowsVisibleMs
      } ms, interactive ${run.tabTtiMs} ms`,
    );
  }
  const summary = {
    rows: ROWS,
    runs: RUNS,
    coldTtiMs: median(runs.map(r => r.coldTtiMs)),
    tabRowsVisibleMs: median(runs.map(r => r.tabRowsVisibleMs)),
    tabTtiMs: median(runs.map(r => r.tabTtiMs)),
  };
  print(
    `median: tab interactive ${summary.tabTtiMs} ms (rows visible ${summary.tabRowsVisibleMs} ms); cold page load ${summary.coldTtiMs} ms`,
  );
  print(JSON.stringify(summary));
} finally {
  await browser?.close();
  server?.close();
  await rm(dir, { recursive: true, force: true });
}
