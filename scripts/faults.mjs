#!/usr/bin/env node
// `yarn test:faults` (run by `make test`): the whole product against a
// hostile world, counting what was lost. Starts the fleet simulator and a
// backend on free loopback ports (scripts/faults/stack.mjs), then runs the
// families below, each printing one summary line, and exits non-zero on any
// loss:
//
//   upstream-faults  faults injected into ArgoCD, the OCM hub and GitHub,
//                    one and two at a time (scripts/faults/upstreamFaults.mjs)
//   bad-input        bad input through the scaffolder's API: 0 branches,
//                    commits or pull requests (scripts/faults/badInput.mjs)
//   authorization    denials answer 403 with 0 upstream calls; unreadable
//                    entities are 404 (scripts/faults/authorization.mjs)
//   secrets          no configured credential in any response, log line,
//                    the frontend bundle or a PR body (scripts/faults/secrets.mjs)
//   soak             mixed load with faults toggling; RSS, event-loop lag and
//                    handles sampled (scripts/faults/soak.mjs;
//                    FAULTS_SOAK_MINUTES, default 2; CI runs 20)
//
//   node scripts/faults.mjs [family ...]
// Logs and the run's files: test-results/faults/.
import { stopAll } from './lib/processes.mjs';
import { resultsDir, startStack } from './faults/stack.mjs';

const FAMILIES = {
  'upstream-faults': () => import('./faults/upstreamFaults.mjs'),
  'bad-input': () => import('./faults/badInput.mjs'),
  authorization: () => import('./faults/authorization.mjs'),
  // after the others: it scans the responses and logs they produced
  secrets: () => import('./faults/secrets.mjs'),
  soak: () => import('./faults/soak.mjs'),
};

const requested = process.argv.slice(2);
const unknown = requested.filter(name => !(name in FAMILIES));
if (unknown.length > 0) {
  console.error(
    `test:faults: unknown famil${
      unknown.length > 1 ? 'ies' : 'y'
    } ${unknown.join(', ')}; known: ${Object.keys(FAMILIES).join(', ')}`,
  );
  process.exit(2);
}
const order = requested.length ? requested : Object.keys(FAMILIES);

const summaries = [];
let exitCode = 1;
const started = Date.now();
try {
  console.log('test:faults: starting the fleet simulator and the backend');
  const stack = await startStack();
  console.log(
    `test:faults: backend ${stack.backendUrl}, simulator control ${
      stack.controlUrl
    } (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  // what every family saw: response bodies, PR bodies (the secrets scan reads them)
  const seen = { bodies: [] };
  for (const name of order) {
    const familyStarted = Date.now();
    const family = await FAMILIES[name]();
    let result;
    try {
      result = await family.run(stack, {
        seen,
        log: line => console.log(`  ${line}`),
      });
    } catch (error) {
      result = { ok: false, summary: `aborted: ${error.stack ?? error}` };
    }
    const seconds = ((Date.now() - familyStarted) / 1000).toFixed(0);
    const line = `${result.ok ? 'ok  ' : 'FAIL'}  ${name}: ${
      result.summary
    } (${seconds} s)`;
    summaries.push({ name, ok: result.ok, line });
    console.log(line);
    for (const failure of (result.failures ?? []).slice(0, 20)) {
      console.log(`        - ${failure}`);
    }
  }
  exitCode = summaries.every(s => s.ok) ? 0 : 1;
} catch (error) {
  console.error(`test:faults: ${error.stack ?? error.message}`);
} finally {
  await stopAll();
}
console.log('test:faults: summary');
for (const s of summaries) console.log(`  ${s.line}`);
console.log(
  `test:faults: ${summaries.filter(s => s.ok).length} passed, ${
    summaries.filter(s => !s.ok).length
  } failed in ${((Date.now() - started) / 1000).toFixed(
    0,
  )} s (logs: ${resultsDir}/faults-${process.pid}/logs)`,
);
process.exit(exitCode);
