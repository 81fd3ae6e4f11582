/*
 * On-demand detail of one VM Application: its resource tree, then the live
 * VM, VMI and unfinished DataVolumes. Cached briefly; identical concurrent
 * requests share one set of upstream calls.
 */
import { isError } from '@backstage/errors';
import type {
  StatusCondition,
  VmConditionSummary,
  VmDataVolumeSummary,
  VmInstanceSummary,
  VmStateInput,
} from '@internal/plugin-kubevirt-gitops-common';
import type { ArgocdClient, ArgocdResourceRef } from '../argocd/ArgocdClient';
import type { SnapshotApplication } from '../fleet/snapshotTypes';
import { settle } from '../upstream/concurrency';
import { createTtlCache } from '@internal/plugin-kubevirt-gitops-node';
import {
  conditionsThatMatter,
  findVmNodes,
  mapDataVolume,
  mapTreeNodes,
  mapVmi,
  readAllConditions,
  vmStateFields,
  type TreeNode,
} from './mapVmDetail';

/** What the detail calls found out about one VM on one cluster. */
export type VmDetail =
  | { type: 'not-deployed'; message: string }
  | {
      type: 'found';
      /** Whether the VirtualMachine exists on the cluster. */
      vmExists: boolean;
      vmName?: string;
      namespace?: string;
      state: Omit<VmStateInput, 'existsOnCluster'>;
      conditions: VmConditionSummary[];
      vmi: VmInstanceSummary;
      dataVolumes: VmDataVolumeSummary[];
      /** Secondary reads that failed (the rest stands). */
      problems: string[];
    };

/** Loads VM detail. */
export interface VmDetailService {
  /** The detail of one Application's VM (cached, coalesced); throws when the tree cannot be read. */
  getDetail(client: ArgocdClient, app: SnapshotApplication): Promise<VmDetail>;
  /** Forgets cached detail (after a refresh). */
  forget(client: ArgocdClient, app: SnapshotApplication): void;
}

function refOf(node: TreeNode): ArgocdResourceRef {
  return {
    group: node.group,
    version: node.version,
    kind: node.kind,
    name: node.name,
    ...(node.namespace ? { namespace: node.namespace } : {}),
  };
}

function isNotFound(error: unknown): boolean {
  return isError(error) && error.name === 'NotFoundError';
}

async function loadDetail(
  client: ArgocdClient,
  app: SnapshotApplication,
): Promise<VmDetail> {
  let tree: unknown;
  try {
    tree = await client.getResourceTree(app);
  } catch (error) {
    if (isNotFound(error) && isError(error)) {
      return { type: 'not-deployed', message: error.message };
    }
    throw error;
  }
  const nodes = findVmNodes(mapTreeNodes(tree));
  const problems: string[] = [];
  const read = async (node: TreeNode | undefined): Promise<unknown> => {
    if (!node) return undefined;
    const result = await settle(() => client.getResource(app, refOf(node)));
    if (result.ok) return result.value;
    if (!isNotFound(result.error)) {
      problems.push(
        isError(result.error) ? result.error.message : String(result.error),
      );
    }
    return undefined;
  };
  const unfinished = nodes.dataVolumes.filter(
    node => node.health?.status !== 'Healthy',
  );
  const [vm, vmi, ...dataVolumeObjects] = await Promise.all([
    read(nodes.vm),
    read(nodes.vmi),
    ...unfinished.map(node => read(node)),
  ]);
  const dataVolumes = nodes.dataVolumes.map(node => {
    const index = unfinished.indexOf(node);
    return mapDataVolume(
      node,
      index >= 0 ? dataVolumeObjects[index] : undefined,
    );
  });
  const conditionLists: StatusCondition[][] = readAllConditions(
    vm,
    vmi,
    ...dataVolumeObjects,
  );
  const snapshotVm = app.resources.find(
    resource => resource.kind === 'VirtualMachine',
  );
  const vmName = nodes.vm?.name ?? snapshotVm?.name;
  const namespace = nodes.vm?.namespace ?? snapshotVm?.namespace;
  return {
    type: 'found',
    vmExists: nodes.vm !== undefined || vm !== undefined,
    ...(vmName ? { vmName } : {}),
    ...(namespace ? { namespace } : {}),
    state: vmStateFields(vm, vmi, nodes.vm),
    conditions: conditionsThatMatter(...conditionLists),
    vmi: mapVmi(vmi, nodes),
    dataVolumes,
    problems,
  };
}

/** Options of {@link createVmDetailService}. */
export interface VmDetailServiceOptions {
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
}

/** Creates the service. */
export function createVmDetailService(
  options: VmDetailServiceOptions,
): VmDetailService {
  const cache = createTtlCache<VmDetail>({
    ttlMs: options.ttlMs,
    maxEntries: options.maxEntries ?? 5000,
    now: options.now,
  });
  const key = (client: ArgocdClient, app: SnapshotApplication) =>
    `${client.instance.name}/${app.namespace}/${app.name}`;
  return {
    getDetail(client, app) {
      return cache.get(key(client, app), () => loadDetail(client, app));
    },
    forget(client, app) {
      cache.delete(key(client, app));
    },
  };
}
