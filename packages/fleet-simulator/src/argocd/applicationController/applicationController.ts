import type { Clock } from '../../contracts';
import type { ApplicationStore } from '../applicationStore';
import type { ClusterRuntime } from '../clusters/types';
import type { VirtualMachineHealthRule } from '../health';
import { buildApplication } from './applicationObject';
import type { AppRuntime } from './appRuntime';
import { computeStatus } from './appStatus';
import { isInSync, syncApplication } from './appSync';

/**
 * The simulated application controller for one application at a time:
 * auto-sync, status, and a timer for the next moment its health can change
 * by itself (a VM finishing provisioning, starting or stopping).
 */
export function createApplicationController(options: {
  clock: Clock;
  applications: ApplicationStore;
  namespace: string;
  vmRule: VirtualMachineHealthRule;
  clusterOf: (runtime: AppRuntime) => ClusterRuntime | undefined;
  /** False once the runtime was deleted or the simulator stopped. */
  isActive: (runtime: AppRuntime) => boolean;
}) {
  const { clock, applications, namespace, vmRule, clusterOf, isActive } =
    options;
  const now = () => clock.now().getTime();

  /** Recomputes an application's status, stores it if it changed, and schedules the next look. */
  function publish(runtime: AppRuntime): void {
    if (!isActive(runtime)) return;
    const at = now();
    const computed = computeStatus(runtime, {
      now: at,
      cluster: clusterOf(runtime),
      controllerNamespace: namespace,
      vmRule,
    });
    if (computed.healthCode !== runtime.health.status) {
      runtime.health = { status: computed.healthCode, since: at };
    }
    const application = buildApplication(runtime, computed.status);
    const previous = applications.get(runtime.name);
    const unchanged =
      previous !== undefined &&
      JSON.stringify({
        ...application,
        metadata: {
          ...application.metadata,
          resourceVersion: previous.metadata.resourceVersion,
        },
      }) === applications.json(runtime.name);
    if (!unchanged) {
      applications.put(application);
    }
    runtime.cancelTimer?.();
    runtime.cancelTimer = undefined;
    if (computed.nextChangeAt !== undefined) {
      runtime.cancelTimer = clock.setTimeout(() => {
        runtime.cancelTimer = undefined;
        publish(runtime);
      }, Math.max(1, computed.nextChangeAt - at + 1));
    }
  }

  /** Syncs the application when automated (or `force`d) and its cluster is reachable, then publishes it. */
  function settle(runtime: AppRuntime, force = false): void {
    const cluster = clusterOf(runtime);
    const automated = runtime.desired.spec.syncPolicy?.automated !== undefined;
    if (
      cluster?.available &&
      runtime.target?.outcome.ok &&
      (automated || force) &&
      !isInSync(runtime)
    ) {
      syncApplication(runtime, cluster, now());
    }
    publish(runtime);
  }

  return { publish, settle };
}
