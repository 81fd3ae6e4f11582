import type { Clock } from '../../../contracts';
import type { GitopsLoop } from '../../gitopsLoop';
import type { ApplicationStore } from '../../applicationStore';
import type { Sessions } from '../auth/sessions';
import type { GitopsClusterController } from '../../clusters/gitopsClusterController';
import type { VirtualMachineHealthRule } from '../../health';
import type { AppLiveAccess } from '../views/liveAccess';
import type { StreamRegistry } from './streamRoute';

/** What the ArgoCD API routes read. */
export interface ArgocdServerContext {
  applications: ApplicationStore;
  loop: GitopsLoop;
  clusters: GitopsClusterController;
  sessions: Sessions;
  namespace: string;
  /** The URL users reach this ArgoCD at (`settings.url`). */
  publicUrl: string;
  clock: Clock;
  vmRule: VirtualMachineHealthRule;
  /** The open `stream/applications` answers. */
  streams: StreamRegistry;
}

/** The live view of one application now, or undefined when it does not exist. */
export function liveAccess(
  context: ArgocdServerContext,
  name: string,
): AppLiveAccess | undefined {
  const runtime = context.loop.runtime(name);
  if (!runtime) return undefined;
  return {
    runtime,
    cluster: context.loop.clusterOf(runtime),
    now: context.clock.now().getTime(),
    vmRule: context.vmRule,
  };
}
