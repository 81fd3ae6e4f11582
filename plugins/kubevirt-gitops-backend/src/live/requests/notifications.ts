/*
 * The notifications of the request tracker: what they say, where they
 * link (the VM entity's "Virtual machines" tab, path `virtual-machines` in
 * plugins/kubevirt-gitops/src/alpha.tsx), and their `topic` and `scope`.
 * The scope is unique per state change (request and step, or cluster and
 * transition time), so Backstage's own dedupe (same scope → the one
 * notification is updated, not doubled) holds even if a step were sent twice.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { TrackedRequest } from './RequestStore';

/** The topic of the notifications about a VM request. */
export const REQUEST_NOTIFICATION_TOPIC = 'kubevirt-gitops.vm-request';
/** The topic of the notifications about an unreachable cluster. */
export const CLUSTER_NOTIFICATION_TOPIC = 'kubevirt-gitops.cluster-unreachable';

/** The tab of a VM entity: `/catalog/<namespace>/<kind>/<name>/virtual-machines`. */
/** A payload with its scope (the outbox's key). */
export type ScopedPayload = NotificationPayload & { scope: string };

export function vmTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/virtual-machines`;
}

const operationWords: Record<string, string> = {
  create: 'create',
  'set-run-strategy': 'start/stop',
  resize: 'resize',
  decommission: 'decommission',
};

function environmentsText(request: TrackedRequest): string {
  return request.environments.length
    ? request.environments.join(', ')
    : 'every environment';
}

/** A notification of a request's step. */
export type RequestNotice =
  | { step: 'opened' }
  | { step: 'merged' }
  | { step: 'closed' }
  | { step: 'completed'; clusters: string[] }
  | { step: 'failed'; cluster: string; reason: string };

/** The payload of a request step's notification. */
export function requestNotification(
  request: TrackedRequest,
  notice: RequestNotice,
): ScopedPayload {
  const vm = request.vmName;
  const pr = `#${request.pullRequest.number}`;
  const base = {
    link: vmTabLink(request.entityRef),
    topic: REQUEST_NOTIFICATION_TOPIC,
    scope: `kubevirt-gitops:${request.id}:${notice.step}${
      notice.step === 'failed' ? `:${notice.cluster}` : ''
    }`,
  };
  switch (notice.step) {
    case 'opened':
      return {
        ...base,
        title: `VM ${vm}: pull request ${pr} opened`,
        description: `${request.pullRequest.title} (${
          operationWords[request.operation] ?? request.operation
        } in ${environmentsText(request)}), waiting for review: ${
          request.pullRequest.url
        }`,
        severity: 'normal',
      };
    case 'merged':
      return {
        ...base,
        title: `VM ${vm}: pull request ${pr} merged`,
        description: `ArgoCD rolls it out to ${environmentsText(
          request,
        )}; you are told when the VM is ${
          request.declaredState ?? 'in its declared state'
        } everywhere.`,
        severity: 'normal',
      };
    case 'closed':
      return {
        ...base,
        title: `VM ${vm}: pull request ${pr} closed without merge`,
        description: `${request.pullRequest.title}: nothing changes on the clusters.`,
        severity: 'normal',
      };
    case 'completed':
      return {
        ...base,
        title: `VM ${vm}: ${
          request.declaredState ?? 'in its declared state'
        } on every targeted cluster`,
        description: `Pull request ${pr} reached ${notice.clusters.join(
          ', ',
        )}.`,
        severity: 'low',
      };
    case 'failed':
    default:
      return {
        ...base,
        title: `VM ${vm} failed on ${notice.cluster}: ${notice.reason}`,
        description: `Pull request ${pr} is merged, but the VM cannot reach ${
          request.declaredState ?? 'its declared state'
        } on ${notice.cluster}: ${notice.reason}`,
        severity: 'high',
      };
  }
}

/** The fleet page (path `/kubevirt-gitops` in plugins/kubevirt-gitops/src/alpha.tsx). */
export const FLEET_PAGE_LINK = '/kubevirt-gitops';

/**
 * The payload of a cluster's "became unreachable" notification to one
 * owner: the owner's VMs on it, linked to the VM's tab (one VM) or the
 * fleet page (several).
 */
export function clusterUnreachableNotification(options: {
  cluster: string;
  availability: string;
  reason?: string;
  /** The owner's VM entities on the cluster, with their VM names. */
  vms: Array<{ entityRef: string; vmName: string }>;
  owner: string;
  /** When the transition was seen (part of the scope: once per transition). */
  at: string;
}): ScopedPayload {
  const names = [...new Set(options.vms.map(vm => vm.vmName))].sort();
  return {
    title: `Cluster ${options.cluster} is ${options.availability}`,
    description: `Your VMs on it: ${names.join(', ')}${
      options.reason ? ` (OCM: ${options.reason})` : ''
    }. ArgoCD cannot reach them there until it is back.`,
    severity: 'high',
    topic: CLUSTER_NOTIFICATION_TOPIC,
    scope: `kubevirt-gitops:cluster:${options.cluster}:${options.at}:${options.owner}`,
    link:
      options.vms.length === 1
        ? vmTabLink(options.vms[0].entityRef)
        : FLEET_PAGE_LINK,
  };
}
