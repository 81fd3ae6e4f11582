import type { ClusterRuntime } from '../clusters/types';
import type {
  HealthStatusCode,
  ManagedResourceHealth,
  VirtualMachineHealthRule,
} from '../health';
import { applicationHealth } from '../health';
import type {
  ApplicationCondition,
  ApplicationStatus,
  ResourceStatus,
  SyncStatusCode,
} from '../types';
import type { AppRuntime } from './appRuntime';
import { isInSync } from './appSync';
import type { LiveContext } from './liveResource';
import { timestamp } from './liveResource';
import { managedNode, nextChangeAt } from './liveView';
import type { ResourceRef } from './resourceRef';

export interface StatusContext {
  now: number;
  /** The destination cluster, if ArgoCD knows it. */
  cluster?: ClusterRuntime;
  controllerNamespace: string;
  vmRule: VirtualMachineHealthRule;
}

export interface ComputedStatus {
  status: ApplicationStatus;
  healthCode: HealthStatusCode;
  /** When the health may change by itself next (simulated ms). */
  nextChangeAt?: number;
}

function destinationLabel(runtime: AppRuntime): string {
  const destination = runtime.desired.spec.destination;
  return destination.server ?? destination.name ?? '';
}

function resourceStatus(
  ref: ResourceRef,
  status: SyncStatusCode,
  requiresPruning = false,
): ResourceStatus {
  return {
    ...(ref.group ? { group: ref.group } : {}),
    version: ref.version,
    kind: ref.kind,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    name: ref.name,
    status,
    ...(requiresPruning ? { requiresPruning: true } : {}),
  };
}

/** The resources list and the health inputs of a reachable application. */
function compareResources(
  runtime: AppRuntime,
  context: LiveContext,
  vmRule: VirtualMachineHealthRule,
) {
  const resources: ResourceStatus[] = [];
  const healths: ManagedResourceHealth[] = [];
  let next: number | undefined;
  const seen = new Set<string>();
  const consider = (key: string) => {
    const live = runtime.live.get(key);
    if (!live) {
      healths.push({ live: false });
      return;
    }
    healths.push({
      live: true,
      health: managedNode(live, context, vmRule).health?.status,
    });
    const change = nextChangeAt(live, context);
    if (change !== undefined && (next === undefined || change < next))
      next = change;
  };
  for (const [key, target] of runtime.target?.manifests ?? []) {
    seen.add(key);
    const inSync = runtime.live.get(key)?.manifestJson === target.json;
    resources.push(resourceStatus(target.ref, inSync ? 'Synced' : 'OutOfSync'));
    consider(key);
  }
  for (const [key, live] of runtime.live) {
    if (seen.has(key)) continue;
    resources.push(
      resourceStatus(
        live.ref,
        runtime.target?.outcome.ok ? 'OutOfSync' : 'Synced',
        runtime.target?.outcome.ok,
      ),
    );
    consider(key);
  }
  return { resources, healths, next };
}

/** The Application status ArgoCD's controller would write now. */
export function computeStatus(
  runtime: AppRuntime,
  context: StatusContext,
): ComputedStatus {
  const spec = runtime.desired.spec;
  const source = spec.source ?? { repoURL: '' };
  const comparedTo = { source, destination: spec.destination };
  const conditions: ApplicationCondition[] = [];
  const at = timestamp(runtime.reconciledAt ?? runtime.createdAt);
  const target = runtime.target;
  const cluster = context.cluster;
  let syncStatus: SyncStatusCode = 'Unknown';
  let healthCode: HealthStatusCode = 'Unknown';
  let healthMessage: string | undefined;
  let resources: ResourceStatus[] | undefined;
  let next: number | undefined;

  if (!cluster) {
    conditions.push({
      type: 'InvalidSpecError',
      message: `Application destination spec for ${
        runtime.name
      } is invalid: unable to find destination server: there are no clusters with this URL: ${destinationLabel(
        runtime,
      )}`,
      lastTransitionTime: at,
    });
  } else if (!cluster.available) {
    healthMessage = cluster.unavailableMessage;
    conditions.push({
      type: 'ComparisonError',
      message: `Failed to load live state: failed to get cluster info for "${
        cluster.server
      }": error synchronizing cache state : ${
        cluster.unavailableMessage ?? 'cluster is unreachable'
      }`,
      lastTransitionTime: timestamp(
        runtime.health.status === 'Unknown'
          ? runtime.health.since
          : context.now,
      ),
    });
  } else {
    const compared = compareResources(
      runtime,
      { now: context.now, appName: runtime.name, cluster },
      context.vmRule,
    );
    resources = compared.resources;
    next = compared.next;
    healthCode = applicationHealth(compared.healths);
    if (target && !target.outcome.ok) {
      conditions.push({
        type: 'ComparisonError',
        message: target.outcome.message,
        lastTransitionTime: at,
      });
    } else if (target) {
      syncStatus = isInSync(runtime) ? 'Synced' : 'OutOfSync';
    }
  }

  const status: ApplicationStatus = {
    ...(resources ? { resources } : {}),
    sync: {
      status: syncStatus,
      comparedTo,
      ...(target?.revision ? { revision: target.revision } : {}),
    },
    health: {
      status: healthCode,
      ...(healthMessage ? { message: healthMessage } : {}),
      lastTransitionTime: timestamp(
        runtime.health.status === healthCode
          ? runtime.health.since
          : context.now,
      ),
    },
    ...(runtime.history.length > 0 ? { history: runtime.history } : {}),
    ...(runtime.reconciledAt !== undefined
      ? { reconciledAt: timestamp(runtime.reconciledAt) }
      : {}),
    ...(runtime.operationState
      ? { operationState: runtime.operationState }
      : {}),
    ...(target?.outcome.ok
      ? { sourceType: target.outcome.source.sourceType }
      : {}),
    summary: {},
    ...(conditions.length > 0 ? { conditions } : {}),
    controllerNamespace: context.controllerNamespace,
    resourceHealthSource: 'appTree',
  };
  return { status, healthCode, nextChangeAt: next };
}
