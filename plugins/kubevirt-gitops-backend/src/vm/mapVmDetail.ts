/*
 * Pure mappers for a VM's on-demand detail: ArgoCD's resource tree (per
 * resource health; the VMI and virt-launcher Pod appear as children of the
 * VM) and the live VirtualMachine, VirtualMachineInstance and DataVolume
 * objects.
 */
import {
  readStatusConditions,
  readVmStateFields,
  type StatusCondition,
  type VmConditionSummary,
  type VmDataVolumeSummary,
  type VmInstanceSummary,
  type VmStateInput,
  vmPrintableStatuses,
} from '@internal/plugin-kubevirt-gitops-common';

/** ArgoCD's VM health message for a VM stopped as its spec asks (PR #29664). */
const STOPPED_AS_DECLARED = 'Stopped as declared';
import { asArray, asString, field, stringField } from '../upstream/json';

/** A node of ArgoCD's resource tree, reduced. */
export interface TreeNode {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  health?: { status: string; message?: string };
  /** `info` entries (e.g. `Node` of a Pod). */
  info: Record<string, string>;
  /** Kinds/names of parents. */
  parents: Array<{ kind: string; name: string }>;
}

/** Reads the nodes of a resource tree answer. */
export function mapTreeNodes(tree: unknown): TreeNode[] {
  return asArray(field(tree, 'nodes')).flatMap((node): TreeNode[] => {
    const kind = stringField(node, 'kind');
    const name = stringField(node, 'name');
    if (!kind || !name) return [];
    const info: Record<string, string> = {};
    for (const entry of asArray(field(node, 'info'))) {
      const key = stringField(entry, 'name');
      const value = stringField(entry, 'value');
      if (key && value) info[key] = value;
    }
    const healthStatus = stringField(node, 'health', 'status');
    const healthMessage = stringField(node, 'health', 'message');
    const mapped: TreeNode = {
      group: stringField(node, 'group') ?? '',
      version: stringField(node, 'version') ?? 'v1',
      kind,
      name,
      info,
      parents: asArray(field(node, 'parentRefs')).flatMap(parent => {
        const parentKind = stringField(parent, 'kind');
        const parentName = stringField(parent, 'name');
        return parentKind && parentName
          ? [{ kind: parentKind, name: parentName }]
          : [];
      }),
    };
    const namespace = stringField(node, 'namespace');
    if (namespace) mapped.namespace = namespace;
    if (healthStatus) {
      mapped.health = healthMessage
        ? { status: healthStatus, message: healthMessage }
        : { status: healthStatus };
    }
    return [mapped];
  });
}

/** The tree nodes of one VM: the VM, its VMI, its virt-launcher Pod, its DataVolumes. */
export interface VmTreeNodes {
  vm?: TreeNode;
  vmi?: TreeNode;
  launcherPod?: TreeNode;
  dataVolumes: TreeNode[];
}

/** Picks the VM's nodes out of a resource tree. */
export function findVmNodes(nodes: readonly TreeNode[]): VmTreeNodes {
  const vm = nodes.find(
    n => n.group === 'kubevirt.io' && n.kind === 'VirtualMachine',
  );
  const vmi = nodes.find(
    n => n.group === 'kubevirt.io' && n.kind === 'VirtualMachineInstance',
  );
  const launcherPod = vmi
    ? nodes.find(
        n =>
          n.kind === 'Pod' &&
          n.parents.some(
            p => p.kind === 'VirtualMachineInstance' && p.name === vmi.name,
          ),
      )
    : undefined;
  return {
    ...(vm ? { vm } : {}),
    ...(vmi ? { vmi } : {}),
    ...(launcherPod ? { launcherPod } : {}),
    dataVolumes: nodes.filter(
      n => n.group === 'cdi.kubevirt.io' && n.kind === 'DataVolume',
    ),
  };
}

/** Condition types worth showing when True, and when False. */
const SHOW_WHEN_TRUE = new Set([
  'Failure',
  'Paused',
  'RestartRequired',
  'ManualRecoveryRequired',
  'Degraded',
]);
const SHOW_WHEN_FALSE = new Set([
  'Ready',
  'DataVolumesReady',
  'PodScheduled',
  'Synchronized',
  'AgentConnected',
  'Bound',
  'Running',
]);

/** The conditions that matter, from several objects, one per type. */
export function conditionsThatMatter(
  ...lists: ReadonlyArray<readonly StatusCondition[]>
): VmConditionSummary[] {
  const byType = new Map<string, VmConditionSummary>();
  for (const condition of lists.flat()) {
    const matters =
      (condition.status === 'True' && SHOW_WHEN_TRUE.has(condition.type)) ||
      (condition.status === 'False' &&
        SHOW_WHEN_FALSE.has(condition.type) &&
        (condition.reason !== undefined || condition.message !== undefined));
    if (!matters || byType.has(condition.type)) continue;
    byType.set(condition.type, {
      type: condition.type,
      status: condition.status,
      ...(condition.reason ? { reason: condition.reason } : {}),
      ...(condition.message ? { message: condition.message } : {}),
    });
  }
  return [...byType.values()];
}

/** What the VMI reports (phase, node, IP addresses, guest OS). */
export function mapVmi(vmi: unknown, nodes: VmTreeNodes): VmInstanceSummary {
  const status = field(vmi, 'status');
  const ipAddresses = new Set<string>();
  for (const entry of asArray(field(status, 'interfaces'))) {
    const single = stringField(entry, 'ipAddress');
    if (single) ipAddresses.add(single);
    for (const address of asArray(field(entry, 'ipAddresses'))) {
      const text = asString(address);
      if (text) ipAddresses.add(text);
    }
  }
  const summary: VmInstanceSummary = { ipAddresses: [...ipAddresses] };
  const phase = stringField(status, 'phase') ?? nodes.vmi?.health?.message;
  const node = stringField(status, 'nodeName') ?? nodes.launcherPod?.info.Node;
  const guestOs =
    stringField(status, 'guestOSInfo', 'prettyName') ??
    [
      stringField(status, 'guestOSInfo', 'name'),
      stringField(status, 'guestOSInfo', 'version'),
    ]
      .filter(Boolean)
      .join(' ');
  if (phase) summary.phase = phase;
  if (node) summary.node = node;
  if (guestOs) summary.guestOs = guestOs;
  if (nodes.vmi?.health) summary.health = nodes.vmi.health;
  return summary;
}

/** A DataVolume's phase and import progress (live object, else its tree health). */
export function mapDataVolume(
  node: TreeNode,
  object: unknown,
): VmDataVolumeSummary {
  // ArgoCD's DataVolume health message is the phase, except when it is
  // Degraded by a `Running` False/Error condition: then it is that
  // condition's message (cdi.kubevirt.io/DataVolume/health.lua).
  const treePhase =
    node.health?.status === 'Degraded' ? undefined : node.health?.message;
  const phase =
    stringField(object, 'status', 'phase') ?? treePhase ?? 'Unknown';
  const progress = stringField(object, 'status', 'progress');
  return {
    name: node.name,
    phase,
    ...(progress && progress !== 'N/A' ? { progress } : {}),
    ...(node.health ? { health: node.health } : {}),
  };
}

/** deriveVmState inputs from the live VM and VMI objects. */
export function vmStateFields(
  vm: unknown,
  vmi: unknown,
  treeVm: TreeNode | undefined,
): Omit<VmStateInput, 'existsOnCluster'> {
  const fields = readVmStateFields(vm);
  const treeStatus = treeVm?.health?.message;
  if (!fields.printableStatus && vm === undefined) {
    // Without the live VM, ArgoCD's health message stands in for it, but
    // only where it is KubeVirt's printableStatus (health.lua sets the
    // message to it whenever KubeVirt did). Its own words ("No status
    // available", and "Stopped as declared" since PR #29664) are not.
    const printable = vmPrintableStatuses.find(value => value === treeStatus);
    if (printable) {
      fields.printableStatus = printable;
    } else if (
      treeStatus === STOPPED_AS_DECLARED &&
      treeVm?.health?.status === 'Healthy'
    ) {
      // ArgoCD saw runStrategy Halted (or running: false) and no VMI.
      fields.printableStatus = 'Stopped';
      if (!fields.runStrategy && fields.running === undefined) {
        fields.runStrategy = 'Halted';
      }
    }
  }
  const vmiPhase = stringField(vmi, 'status', 'phase');
  if (vmiPhase) fields.vmiPhase = vmiPhase;
  return fields;
}

/** Conditions of the VM, the VMI and the DataVolumes. */
export function readAllConditions(...objects: unknown[]): StatusCondition[][] {
  return objects.map(object => readStatusConditions(field(object, 'status')));
}
