// Preloaded into the fault suite's backend (node --require): every 2 s it
// appends one JSON line to $KUBEVIRT_GITOPS_PROBE_FILE with the RSS, the
// heap, the event-loop delay (max and p99 since the last line, from
// perf_hooks.monitorEventLoopDelay) and the open handles by type
// (process.getActiveResourcesInfo). Test instrumentation only: the product
// never loads it.
const { appendFileSync } = require('node:fs');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { isMainThread } = require('node:worker_threads');

const file = process.env.KUBEVIRT_GITOPS_PROBE_FILE;
// --require also runs in worker threads: sample the main thread only (the
// RSS is the process's, the heap and handles would be the worker's)
if (file && isMainThread) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const timer = setInterval(() => {
    const handles = {};
    for (const type of process.getActiveResourcesInfo()) {
      handles[type] = (handles[type] ?? 0) + 1;
    }
    const memory = process.memoryUsage();
    const line = {
      time: Date.now(),
      rssMb: Math.round((memory.rss / 1048576) * 10) / 10,
      heapUsedMb: Math.round((memory.heapUsed / 1048576) * 10) / 10,
      lagMaxMs: Math.round(delay.max / 1e5) / 10,
      lagP99Ms: Math.round(delay.percentile(99) / 1e5) / 10,
      handles: Object.values(handles).reduce((a, b) => a + b, 0),
      handleTypes: handles,
    };
    delay.reset();
    try {
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    } catch {
      // the run's folder is gone: nothing to report to
    }
  }, 2000);
  timer.unref();
}
