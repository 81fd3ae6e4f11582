import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClock } from '../../clock';
import { FaultInjector, RequestLog, startUpstreamServer } from '../../server';
import type { HubObjectStore } from '../../store';
import { createObjectStore } from '../../store';
import type { Hub } from '../createHub';
import { createHub } from '../createHub';
import type { HubDefinition } from '../definition';
import { generateHubTls, writeHubTls } from '../tls';
import type { WatchOptions } from '../watch';

export const TEST_HUB_TOKEN = 'test-hub-token-0123456789';

let sharedTls: ReturnType<typeof generateHubTls> | undefined;

/** A hub on a free loopback port, for tests. */
export interface TestHub {
  url: string;
  token: string;
  caFile?: string;
  store: HubObjectStore;
  hub: Hub;
  log: RequestLog;
  close(): Promise<void>;
}

/** Starts a hub over `definition` (HTTPS with a fresh CA when `tls`). */
export async function startTestHub(options: {
  definition: HubDefinition;
  tls?: boolean;
  historyLimit?: number;
  watch?: Partial<WatchOptions>;
}): Promise<TestHub> {
  const clock = createClock({ timeScale: 1 });
  const store = createObjectStore({
    now: () => clock.now(),
    historyLimit: options.historyLimit,
  });
  const hub = createHub({
    store,
    clock,
    tokens: [TEST_HUB_TOKEN],
    definition: options.definition,
    watch: options.watch,
  });
  const log = new RequestLog();
  let caFile: string | undefined;
  let tls: { cert: string; key: string } | undefined;
  let dir: string | undefined;
  if (options.tls) {
    sharedTls ??= generateHubTls();
    const material = sharedTls;
    dir = await mkdtemp(path.join(os.tmpdir(), 'fleet-simulator-test-'));
    caFile = await writeHubTls(material, dir);
    tls = { cert: material.serverCert, key: material.serverKey };
  }
  const server = await startUpstreamServer({
    name: 'hub',
    port: 0,
    handler: hub.handler,
    tls,
    log,
    faults: new FaultInjector(1),
  });
  return {
    url: server.url,
    token: TEST_HUB_TOKEN,
    caFile,
    store,
    hub,
    log,
    async close() {
      hub.stop();
      await server.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
