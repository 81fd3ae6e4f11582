#!/usr/bin/env node
// `make test`: every check, in order, each timed. Stops at the first failure
// and prints a summary line per step and a closing 'N passed, N failed'.
//   node scripts/test.mjs [tsc|lint|unit|e2e|contracts ...]
//
// `make test` runs tsc, tsc-e2e, lint, unit, e2e and faults (`yarn test:faults`,
// scripts/faults.mjs), and needs nothing beside
// the checkout. `contracts` (`make test-contracts`, which CI runs after
// `make test`) is the deeper tier: the `*.contract.test.ts` files, which
// compare with the upstream reference material in ../shared/reference (or
// KUBEVIRT_GITOPS_REFERENCE_DIR). `unit` never runs them. Where that folder
// is absent, `contracts` prints one line saying it did not run and why, and
// exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const CONTRACT_TESTS = String.raw`\.contract\.test\.ts$`;
const referenceDir =
  process.env.KUBEVIRT_GITOPS_REFERENCE_DIR ??
  resolve(root, '../shared/reference');
const steps = {
  tsc: ['yarn', ['tsc:full']],
  'tsc-e2e': ['yarn', ['tsc', '-p', 'e2e/tsconfig.json']],
  lint: ['yarn', ['backstage-cli', 'repo', 'lint']],
  // The repository's prettier config (@backstage/cli/config/prettier) on
  // every file prettier knows (sources, scripts, YAML, JSON, Markdown), less
  // .prettierignore; `yarn prettier --write .` fixes it.
  format: ['yarn', ['prettier', '--check', '.']],
  unit: [
    'yarn',
    // 20 s per test instead of Jest's 5 s: on two cores, two workers and the
    // kubectl/simulator processes some suites start share the CPU, and a
    // test that waits on a real process must not fail for the machine's load.
    [
      'backstage-cli',
      'repo',
      'test',
      '--maxWorkers=2',
      '--testTimeout=20000',
      '--testPathIgnorePatterns',
      '/node_modules/',
      CONTRACT_TESTS,
    ],
  ],
  e2e: ['node', ['scripts/e2e.mjs']],
  // after e2e: the secrets family scans the bundle the e2e step built
  faults: ['node', ['scripts/faults.mjs']],
  contracts: [
    'yarn',
    [
      'backstage-cli',
      'repo',
      'test',
      '--maxWorkers=2',
      '--testPathPatterns',
      CONTRACT_TESTS,
    ],
  ],
};
// Steps that run only when asked for by name (not part of `make test`).
const onDemand = new Set(['contracts']);
const aliases = { tsc: ['tsc', 'tsc-e2e'], lint: ['lint', 'format'] };
const requested = process.argv.slice(2);
let order = requested.length
  ? requested.flatMap(name => aliases[name] ?? [name])
  : Object.keys(steps).filter(name => !onDemand.has(name));

if (order.includes('contracts') && !existsSync(referenceDir)) {
  console.log(
    `contracts: did not run: ${referenceDir} is absent (the contract tier compares with the upstream reference material there; make test does not need it)`,
  );
  order = order.filter(name => name !== 'contracts');
  if (order.length === 0) process.exit(0);
}

const results = [];
for (const name of order) {
  const step = steps[name];
  if (!step) {
    console.error(
      `unknown step '${name}'; known: ${Object.keys(steps).join(', ')}`,
    );
    process.exit(2);
  }
  const [command, args] = step;
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(
    command === 'node' ? process.execPath : command,
    args,
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        CI: 'true',
        // Only the contract tier reads the reference folder: every other
        // step gets one that does not exist, so `make test` passes (and
        // tests the same) on a clone without ../shared.
        KUBEVIRT_GITOPS_REFERENCE_DIR:
          name === 'contracts'
            ? referenceDir
            : resolve(root, 'test-results', 'no-reference'),
      },
    },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  results.push({ name, ok, seconds });
  console.log(
    `=== ${name}: ${
      ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`
    } in ${seconds}s`,
  );
  if (!ok) break;
}

console.log('\nmake test summary:');
for (const r of results)
  console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds}s)`);
const passed = results.filter(r => r.ok).length;
const failed = results.length - passed;
const notRun = order.length - results.length;
if (notRun) console.log(`  (${notRun} step(s) not run after the failure)`);
console.log(`steps: ${passed} passed, ${failed + notRun} failed`);
process.exit(failed + notRun === 0 ? 0 : 1);
