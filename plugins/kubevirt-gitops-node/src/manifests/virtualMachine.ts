/*
 * The VirtualMachine of a VM request: instancetype or custom size,
 * preference, a root disk imported from a DataSource or a container image,
 * cloud-init with SSH keys, `runStrategy` (never the deprecated `running`).
 */
import type { JsonObject } from '@backstage/types';
import {
  VM_LABEL,
  type ImageCatalogEntry,
  type ImageSource,
  type ValidatedVmRequest,
  type VmRunStrategy,
  type VmSize,
} from '@internal/plugin-kubevirt-gitops-common';
import { cloudInitUserData } from './cloudInit';

/** The root disk's DataVolume (and volume) name. */
export function rootDiskName(vm: string): string {
  return `${vm}-rootdisk`;
}

/** Where the root disk comes from, from the request's boot source. */
export function resolveImageSource(
  request: Pick<ValidatedVmRequest, 'bootSource'>,
  images: readonly ImageCatalogEntry[],
): ImageSource {
  const { bootSource } = request;
  if ('containerDisk' in bootSource) {
    return { kind: 'containerDisk', image: bootSource.containerDisk };
  }
  const entry = images.find(image => image.id === bootSource.image);
  if (!entry) {
    throw new Error(
      `Unknown image "${bootSource.image}"; validate the request first`,
    );
  }
  return entry.source;
}

function dataVolumeSource(source: ImageSource): JsonObject {
  return source.kind === 'dataSource'
    ? {
        sourceRef: {
          kind: 'DataSource',
          name: source.name,
          namespace: source.namespace,
        },
      }
    : { source: { registry: { url: `docker://${source.image}` } } };
}

/** The fields a size sets on a VM: an instancetype, or domain cpu and memory. */
export function sizeFields(size: VmSize): {
  instancetype?: JsonObject;
  domain?: JsonObject;
} {
  if ('instancetype' in size) {
    return {
      instancetype: {
        kind: 'VirtualMachineClusterInstancetype',
        name: size.instancetype,
      },
    };
  }
  return {
    domain: { cpu: { cores: size.vcpus }, memory: { guest: size.memory } },
  };
}

/** What the base VirtualMachine is built from. */
export interface VirtualMachineInput {
  name: string;
  size: VmSize;
  preference: string;
  source: ImageSource;
  rootDiskSize: string;
  runStrategy: VmRunStrategy;
  sshKeys: readonly string[];
}

/** The base VirtualMachine object (no namespace: the base kustomization sets it). */
export function virtualMachineObject(input: VirtualMachineInput): JsonObject {
  const disk = rootDiskName(input.name);
  const size = sizeFields(input.size);
  const labels = { [VM_LABEL]: input.name };
  const spec: JsonObject = { runStrategy: input.runStrategy };
  if (size.instancetype) {
    spec.instancetype = size.instancetype;
  }
  spec.preference = {
    kind: 'VirtualMachineClusterPreference',
    name: input.preference,
  };
  spec.dataVolumeTemplates = [
    {
      metadata: { name: disk },
      spec: {
        ...dataVolumeSource(input.source),
        storage: { resources: { requests: { storage: input.rootDiskSize } } },
      },
    },
  ];
  spec.template = {
    metadata: { labels },
    spec: {
      domain: { ...(size.domain ?? {}), devices: {} },
      volumes: [
        { name: 'rootdisk', dataVolume: { name: disk } },
        {
          name: 'cloudinitdisk',
          cloudInitNoCloud: { userData: cloudInitUserData(input.sshKeys) },
        },
      ],
    },
  };
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: {
      name: input.name,
      labels: { ...labels, 'app.kubernetes.io/managed-by': 'kubevirt-gitops' },
    },
    spec,
  };
}
