import type { JsonObject } from '../argocd/health';
import type {
  LiveContext,
  LiveResource,
} from '../argocd/applicationController/liveResource';
import { liveMetadata } from '../argocd/applicationController/liveResource';
import { toCondition, vmConditions } from './kubevirtConditions';
import { virtualMachineInstanceObject } from './virtualMachineInstanceObject';
import { virtLauncherPodObject } from './virtLauncherPod';
import type { VmState } from './vmTimeline';
import { vmStateAt } from './vmTimeline';
import type { VmFacts } from './vmFacts';
import { readVmFacts } from './vmFacts';

/** A VM's derived runtime objects and where they hang in ArgoCD's resource tree. */
export interface VmLiveView {
  vm: JsonObject;
  state: VmState;
  facts: VmFacts;
  vmi?: JsonObject;
  pod?: JsonObject;
}

/** The live VirtualMachine (and its VMI and virt-launcher Pod) of a managed resource at `context.now`. */
export function virtualMachineView(
  live: LiveResource,
  context: LiveContext,
  includeChildren = true,
): VmLiveView {
  const facts = readVmFacts(live.manifest);
  const anchors = live.vm;
  if (!anchors) throw new Error(`${live.key} is not a VirtualMachine`);
  const state = vmStateAt(
    anchors,
    context.now,
    context.cluster.allocatableMemoryBytes,
  );
  const nodeCount = context.cluster.nodeNames.length;
  const vm: JsonObject = {
    ...live.manifest,
    metadata: {
      ...liveMetadata(live, context, state.since, {
        'kubevirt.io/latest-observed-api-version': 'v1',
        'kubevirt.io/storage-observed-api-version': 'v1',
      }),
      finalizers: ['kubevirt.io/virtualMachineControllerFinalize'],
    },
    status: {
      printableStatus: state.printableStatus,
      ...(state.created ? { created: true } : {}),
      ...(state.vmi?.ready ? { ready: true } : {}),
      conditions: vmConditions(live, state, nodeCount).map(toCondition),
      runStrategy: facts.runStrategy,
      desiredGeneration: live.generation,
      observedGeneration: live.generation,
    },
  };
  if (!includeChildren) {
    return { vm, state, facts };
  }
  const vmi = virtualMachineInstanceObject(live, state, context, facts);
  return {
    vm,
    state,
    facts,
    vmi,
    pod: vmi && virtLauncherPodObject(vmi, state, context),
  };
}
