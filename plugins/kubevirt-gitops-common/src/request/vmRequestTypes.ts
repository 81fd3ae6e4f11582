/*
 * The VM request: what a user asks for in the "Request a virtual machine"
 * template, and what the scaffolder action turns into a pull request.
 */
import type { GitopsConfig } from '../config/configTypes';
import type { VmRunStrategy } from '../state/kubevirt';

/**
 * A VM size: a common instancetype, or custom vCPUs and memory.
 *
 * @public
 */
export type VmSize =
  | { instancetype: string }
  | { vcpus: number; memory: string };

/**
 * Where the VM boots from: an image id of the configured catalog, or a
 * container disk image reference.
 *
 * @public
 */
export type VmBootSource = { image: string } | { containerDisk: string };

/**
 * What one environment does differently from the request's defaults.
 *
 * @public
 */
export interface VmEnvironmentOverride {
  size?: VmSize;
  runStrategy?: VmRunStrategy;
}

/**
 * A request for one VM, deployed to every cluster of each chosen environment.
 *
 * @public
 */
export interface VmRequest {
  /** Base name (a DNS label); each environment renders `<namePrefix><name>`. */
  name: string;
  /** Namespace on the managed clusters (a DNS label). */
  namespace: string;
  /** Entity ref of the owning user or group, e.g. `group:default/team-a`. */
  owner: string;
  /** Names of configured environments (at least one). */
  environments: string[];
  size: VmSize;
  /** KubeVirt preference (OS); defaults to the catalog image's preference. */
  preference?: string;
  bootSource: VmBootSource;
  /** Root disk size, a quantity such as `30Gi`. */
  rootDiskSize: string;
  runStrategy: VmRunStrategy;
  /** SSH public keys in OpenSSH one-line format (1 to 20). */
  sshKeys: string[];
  /** One line saying what the VM is for. */
  purpose: string;
  /** Longer free text (multi-line, at most 2,000 characters). */
  description?: string;
  /** Per-environment size or run strategy, keyed by environment name. */
  overrides?: Record<string, VmEnvironmentOverride>;
}

/**
 * A request that passed {@link validateVmRequest}: the preference is
 * resolved (from the catalog image when the user gave none) and strings are
 * trimmed.
 *
 * @public
 */
export interface ValidatedVmRequest extends VmRequest {
  preference: string;
}

/**
 * The configuration a request is checked against.
 *
 * @public
 */
export type VmRequestContext = Pick<GitopsConfig, 'environments' | 'images'>;

/**
 * One resource of one environment compared with its limit.
 *
 * @public
 */
export interface VmLimitCheck {
  resource: 'vcpus' | 'memory' | 'rootDisk';
  /** What the request asks for, e.g. `4`, `8Gi`. */
  requested: string;
  /** The environment's limit, e.g. `16`, `64Gi`. */
  limit: string;
  withinLimit: boolean;
}

/**
 * What a valid request becomes in one environment: the rendered name, the
 * effective size and run strategy (overrides applied) and the limit checks
 * (for the pull request body).
 *
 * @public
 */
export interface VmEnvironmentPlan {
  environment: string;
  /** `<namePrefix><name>`, the VM's name on that environment's clusters. */
  vmName: string;
  size: VmSize;
  vcpus: number;
  /** Memory as a quantity (the instancetype's, or the custom value). */
  memory: string;
  memoryBytes: number;
  runStrategy: VmRunStrategy;
  limitChecks: VmLimitCheck[];
}
