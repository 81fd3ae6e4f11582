#!/usr/bin/env node
// `make test`: every check, in order, each timed. Stops at the first failure
// and prints a summary line per step and a closing 'N passed, N failed'.
//   node scripts/test.mjs [tsc|lint|unit|e2e ...]
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const steps = {
  tsc: ['yarn', ['tsc:full']],
  'tsc-e2e': ['yarn', ['tsc', '-p', 'e2e/tsconfig.json']],
  lint: ['yarn', ['backstage-cli', 'repo', 'lint']],
  unit: ['yarn', ['backstage-cli', 'repo', 'test', '--maxWorkers=2']],
  e2e: ['node', ['scripts/e2e.mjs']],
};
const aliases = { tsc: ['tsc', 'tsc-e2e'] };
const requested = process.argv.slice(2);
const order = requested.length
  ? requested.flatMap(name => aliases[name] ?? [name])
  : Object.keys(steps);

const results = [];
for (const name of order) {
  const step = steps[name];
  if (!step) {
    console.error(`unknown step '${name}'; known: ${Object.keys(steps).join(', ')}`);
    process.exit(2);
  }
  const [command, args] = step;
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command === 'node' ? process.execPath : command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CI: 'true' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  results.push({ name, ok, seconds });
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds}s`);
  if (!ok) break;
}

console.log('\nmake test summary:');
for (const r of results) console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds}s)`);
const passed = results.filter(r => r.ok).length;
const failed = results.length - passed;
const notRun = order.length - results.length;
if (notRun) console.log(`  (${notRun} step(s) not run after the failure)`);
console.log(`steps: ${passed} passed, ${failed + notRun} failed`);
process.exit(failed + notRun === 0 ? 0 : 1);
