/*
 * The VM fields each lifecycle operation owns, and the changes that give a
 * VM the asked run strategy or size, computed against the VM as it is (so a
 * size is written where the repository holds it: `memory.guest`,
 * `resources.requests.memory` / `limits`, `cpu.cores` or `cpu.sockets`,
 * an instancetype), never leaving a second source of truth behind.
 */
import type { JsonObject, JsonValue } from '@backstage/types';
import {
  tryParseQuantity,
  type VmRunStrategy,
  type VmSize,
} from '@internal/plugin-kubevirt-gitops-common';
import type { YamlValue } from '../yamlText/YamlTextEditor';

/** A group of VM fields that one operation owns. */
export type ManagedFieldGroup = 'runStrategy' | 'size';

/** What an operation asks of the VM. */
export type FieldGoal =
  | { group: 'runStrategy'; runStrategy: VmRunStrategy }
  | { group: 'size'; size: VmSize };

export const DOMAIN = ['spec', 'template', 'spec', 'domain'];

/** The fields (paths from the VM's root) each group owns; everything below them too. */
export const OWNED_FIELDS: Record<ManagedFieldGroup, string[][]> = {
  runStrategy: [
    ['spec', 'runStrategy'],
    ['spec', 'running'],
  ],
  size: [
    ['spec', 'instancetype'],
    [...DOMAIN, 'cpu'],
    [...DOMAIN, 'memory'],
    [...DOMAIN, 'resources'],
  ],
};

/** True when `path` is one of the group's fields or below one. */
export function ownedBy(
  path: readonly string[],
  group: ManagedFieldGroup,
): boolean {
  return OWNED_FIELDS[group].some(owned =>
    owned.every((key, index) => path[index] === key),
  );
}

/** A change of one field: a value, or its removal. */
export type FieldChange =
  | { path: string[]; value: YamlValue }
  | { path: string[]; remove: true };

export function at(
  value: JsonValue | undefined,
  path: readonly string[],
): JsonValue | undefined {
  let current = value;
  for (const key of path) {
    if (
      typeof current !== 'object' ||
      current === null ||
      Array.isArray(current)
    )
      return undefined;
    current = current[key];
  }
  return current;
}

function has(vm: JsonObject, path: readonly string[]): boolean {
  return at(vm, path) !== undefined;
}

function sameQuantity(left: JsonValue | undefined, right: string): boolean {
  if (typeof left !== 'string' && typeof left !== 'number') return false;
  const a = tryParseQuantity(String(left));
  const b = tryParseQuantity(right);
  return a !== undefined && a === b;
}

const CPU = [...DOMAIN, 'cpu'];
const MEMORY_FIELDS = [
  [...DOMAIN, 'memory', 'guest'],
  [...DOMAIN, 'resources', 'requests', 'memory'],
  [...DOMAIN, 'resources', 'limits', 'memory'],
];
const CPU_RESOURCE_FIELDS = [
  [...DOMAIN, 'resources', 'requests', 'cpu'],
  [...DOMAIN, 'resources', 'limits', 'cpu'],
];
const TOPOLOGY = ['cores', 'sockets', 'threads'] as const;

function dimension(
  vm: JsonObject,
  key: (typeof TOPOLOGY)[number],
): number | undefined {
  const value = at(vm, [...CPU, key]);
  return typeof value === 'number' ? value : undefined;
}

/** vCPUs of a VM sized by its domain (cores x sockets x threads, 1 where absent). */
export function domainVcpus(vm: JsonObject): number {
  return TOPOLOGY.reduce(
    (product, key) => product * (dimension(vm, key) ?? 1),
    1,
  );
}

/** The memory of a VM sized by its domain (`memory.guest`, else `resources.requests.memory`). */
export function domainMemory(vm: JsonObject): string | undefined {
  const value = at(vm, MEMORY_FIELDS[0]) ?? at(vm, MEMORY_FIELDS[1]);
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : undefined;
}

function runStrategyChanges(
  vm: JsonObject,
  runStrategy: VmRunStrategy,
): FieldChange[] {
  const changes: FieldChange[] = [];
  if (at(vm, ['spec', 'runStrategy']) !== runStrategy)
    changes.push({ path: ['spec', 'runStrategy'], value: runStrategy });
  if (has(vm, ['spec', 'running']))
    changes.push({ path: ['spec', 'running'], remove: true });
  return changes;
}

function removals(vm: JsonObject, paths: readonly string[][]): FieldChange[] {
  return paths
    .filter(path => has(vm, path))
    .map(path => ({ path: [...path], remove: true as const }));
}

function instancetypeChanges(vm: JsonObject, name: string): FieldChange[] {
  const current = at(vm, ['spec', 'instancetype']);
  const same =
    at(current, ['name']) === name &&
    at(current, ['kind']) === 'VirtualMachineClusterInstancetype';
  return [
    ...(same
      ? []
      : [
          {
            path: ['spec', 'instancetype'],
            value: { kind: 'VirtualMachineClusterInstancetype', name },
          },
        ]),
    ...removals(vm, [
      CPU,
      [...DOMAIN, 'memory'],
      ...MEMORY_FIELDS.slice(1),
      ...CPU_RESOURCE_FIELDS,
    ]),
  ];
}

/** The topology dimension that carries the vCPU count in this VM. */
function countingDimension(vm: JsonObject): (typeof TOPOLOGY)[number] {
  const varied = TOPOLOGY.filter(key => (dimension(vm, key) ?? 1) !== 1);
  if (varied.length === 1) return varied[0];
  if (varied.length === 0)
    return TOPOLOGY.find(key => dimension(vm, key) !== undefined) ?? 'cores';
  return 'cores';
}

function customSizeChanges(
  vm: JsonObject,
  vcpus: number,
  memory: string,
): FieldChange[] {
  const changes: FieldChange[] = removals(vm, [['spec', 'instancetype']]);
  if (domainVcpus(vm) !== vcpus || has(vm, ['spec', 'instancetype'])) {
    const counting = countingDimension(vm);
    changes.push({ path: [...CPU, counting], value: vcpus });
    for (const key of TOPOLOGY) {
      if (key !== counting && (dimension(vm, key) ?? 1) !== 1)
        changes.push({ path: [...CPU, key], value: 1 });
    }
  }
  for (const field of CPU_RESOURCE_FIELDS) {
    const value = at(vm, field);
    if (value !== undefined && Number(value) !== vcpus)
      changes.push({
        path: field,
        value: typeof value === 'string' ? String(vcpus) : vcpus,
      });
  }
  const held = MEMORY_FIELDS.filter(field => has(vm, field));
  for (const field of held.length > 0 ? held : [MEMORY_FIELDS[0]]) {
    if (!sameQuantity(at(vm, field), memory))
      changes.push({ path: field, value: memory });
  }
  return changes;
}

/** The changes that give `vm` what `goal` asks (empty when it already has it). */
export function changesFor(vm: JsonObject, goal: FieldGoal): FieldChange[] {
  if (goal.group === 'runStrategy')
    return runStrategyChanges(vm, goal.runStrategy);
  return 'instancetype' in goal.size
    ? instancetypeChanges(vm, goal.size.instancetype)
    : customSizeChanges(vm, goal.size.vcpus, goal.size.memory);
}

/** Why a rendered VM does not have what `goal` asks, or undefined when it does. */
export function goalMissed(
  vm: JsonObject,
  goal: FieldGoal,
): string | undefined {
  if (goal.group === 'runStrategy') {
    if (at(vm, ['spec', 'runStrategy']) !== goal.runStrategy)
      return `spec.runStrategy is ${JSON.stringify(
        at(vm, ['spec', 'runStrategy']) ?? null,
      )}, not ${goal.runStrategy}`;
    if (has(vm, ['spec', 'running']))
      return 'spec.running is still set next to spec.runStrategy';
    return undefined;
  }
  if ('instancetype' in goal.size) {
    const name = at(vm, ['spec', 'instancetype', 'name']);
    return name === goal.size.instancetype
      ? undefined
      : `spec.instancetype.name is ${JSON.stringify(name ?? null)}, not ${
          goal.size.instancetype
        }`;
  }
  if (has(vm, ['spec', 'instancetype']))
    return 'spec.instancetype is still set';
  if (domainVcpus(vm) !== goal.size.vcpus)
    return `the VM has ${domainVcpus(vm)} vCPUs, not ${goal.size.vcpus}`;
  const memory = domainMemory(vm);
  return memory !== undefined && sameQuantity(memory, goal.size.memory)
    ? undefined
    : `the VM's memory is ${memory ?? 'not set'}, not ${goal.size.memory}`;
}

/** A readable description of the goal: `run strategy Halted`, `size u1.small`. */
export function describeGoal(goal: FieldGoal): string {
  if (goal.group === 'runStrategy') return `run strategy ${goal.runStrategy}`;
  return 'instancetype' in goal.size
    ? `size ${goal.size.instancetype}`
    : `size ${goal.size.vcpus} vCPUs, ${goal.size.memory}`;
}
