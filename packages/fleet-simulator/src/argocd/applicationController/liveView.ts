import type {
  HealthStatus,
  JsonObject,
  VirtualMachineHealthRule,
} from '../health';
import { resourceHealth } from '../health';
import { asObject, asString } from '../health/types';
import type { LiveContext, LiveResource } from './liveResource';
import { liveMetadata } from './liveResource';
import type { ResourceRef } from './resourceRef';
import { refOf } from './resourceRef';
import {
  dataVolumeObject,
  persistentVolumeClaimObject,
} from '../../kubevirt/dataVolumeObjects';
import type { OwnerRef } from '../../kubevirt/dataVolumeObjects';
import { uidFrom } from '../../kubevirt/identity';
import { vmStateAt } from '../../kubevirt/vmTimeline';
import { dataVolumeStateAt } from '../../kubevirt/dataVolumeTimeline';
import { virtualMachineView } from '../../kubevirt/virtualMachineObjects';

export interface ResourceRefWithUid extends ResourceRef {
  uid: string;
}

/** One live object in an application's resource tree. */
export interface LiveNode {
  object: JsonObject;
  ref: ResourceRefWithUid;
  parentRefs: ResourceRefWithUid[];
  health?: HealthStatus;
  /** True for the resources the application manages (top of the tree). */
  managed: boolean;
}

function nodeOf(
  object: JsonObject,
  parents: ResourceRefWithUid[],
  managed: boolean,
  vmRule: VirtualMachineHealthRule,
): LiveNode {
  const metadata = asObject(object.metadata) ?? {};
  const ref = {
    ...refOf(object, asString(metadata.namespace) ?? ''),
    uid: asString(metadata.uid) ?? '',
  };
  return {
    object,
    ref,
    parentRefs: parents,
    health: resourceHealth(object, vmRule),
    managed,
  };
}

function ownerOf(node: LiveNode): OwnerRef {
  const { group, version, kind, name, uid } = node.ref;
  return {
    apiVersion: group ? `${group}/${version}` : version,
    kind,
    name,
    uid,
  };
}

function dataVolumeNodes(options: {
  template: JsonObject;
  name: string;
  namespace: string;
  uid: string;
  createdAt: number;
  context: LiveContext;
  parent?: LiveNode;
  managedLive?: LiveResource;
  vmRule: VirtualMachineHealthRule;
}): LiveNode[] {
  const { parent, managedLive, context, vmRule } = options;
  const { object, state } = dataVolumeObject({
    template: options.template,
    name: options.name,
    namespace: options.namespace,
    uid: options.uid,
    createdAt: options.createdAt,
    now: context.now,
    owner: parent && ownerOf(parent),
    extraMetadata: managedLive
      ? liveMetadata(managedLive, context, 0)
      : undefined,
  });
  const dataVolume = nodeOf(
    object,
    parent ? [parent.ref] : [],
    parent === undefined,
    vmRule,
  );
  const pvc = persistentVolumeClaimObject({
    dataVolume: object,
    state,
    uid: uidFrom(`pvc:${options.uid}`),
  });
  return [dataVolume, nodeOf(pvc, [dataVolume.ref], false, vmRule)];
}

/**
 * The live objects of one managed resource at `context.now`: the resource
 * itself first, then what controllers made for it (a VM's DataVolumes, PVCs,
 * VMI and virt-launcher Pod; a DataVolume's PVC).
 */
export function liveNodes(
  live: LiveResource,
  context: LiveContext,
  vmRule: VirtualMachineHealthRule,
): LiveNode[] {
  if (live.vm) {
    const view = virtualMachineView(live, context);
    const vmNode = nodeOf(view.vm, [], true, vmRule);
    const nodes = [vmNode];
    for (const template of view.facts.dataVolumeTemplates) {
      const name =
        asString(asObject(template.metadata)?.name) ?? `${live.ref.name}-disk`;
      nodes.push(
        ...dataVolumeNodes({
          template,
          name,
          namespace: live.ref.namespace,
          uid: uidFrom(`dv:${live.uid}:${name}`),
          createdAt: live.createdAt,
          context,
          parent: vmNode,
          vmRule,
        }),
      );
    }
    if (view.vmi) {
      const vmiNode = nodeOf(view.vmi, [vmNode.ref], false, vmRule);
      nodes.push(vmiNode);
      if (view.pod) nodes.push(nodeOf(view.pod, [vmiNode.ref], false, vmRule));
    }
    return nodes;
  }
  if (live.dataVolumeKind) {
    return dataVolumeNodes({
      template: live.manifest,
      name: live.ref.name,
      namespace: live.ref.namespace,
      uid: live.uid,
      createdAt: live.createdAt,
      context,
      managedLive: live,
      vmRule,
    });
  }
  const object: JsonObject = {
    ...live.manifest,
    metadata: liveMetadata(live, context, live.createdAt),
    ...(live.ref.kind === 'Namespace' && live.ref.group === ''
      ? { status: { phase: 'Active' } }
      : {}),
  };
  return [nodeOf(object, [], true, vmRule)];
}

/** The live managed object alone (cheaper than {@link liveNodes} for health). */
export function managedNode(
  live: LiveResource,
  context: LiveContext,
  vmRule: VirtualMachineHealthRule,
): LiveNode {
  if (live.vm) {
    return nodeOf(
      virtualMachineView(live, context, false).vm,
      [],
      true,
      vmRule,
    );
  }
  return liveNodes(live, context, vmRule)[0];
}

/** When the managed resource's health may change next by itself (simulated ms). */
export function nextChangeAt(
  live: LiveResource,
  context: LiveContext,
): number | undefined {
  if (live.vm) {
    return vmStateAt(
      live.vm,
      context.now,
      context.cluster.allocatableMemoryBytes,
    ).nextChangeAt;
  }
  if (live.dataVolumeKind) {
    return dataVolumeStateAt(live.dataVolumeKind, live.createdAt, context.now)
      .nextChangeAt;
  }
  return undefined;
}
