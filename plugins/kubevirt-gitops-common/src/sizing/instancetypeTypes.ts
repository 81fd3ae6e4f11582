/**
 * One KubeVirt common cluster instancetype (a VM size).
 *
 * @public
 */
export interface CommonInstancetype {
  /** Name, e.g. `u1.medium`. */
  name: string;
  /** Guest vCPUs (`spec.cpu.guest`). */
  vcpus: number;
  /** Guest memory as a Kubernetes quantity (`spec.memory.guest`), e.g. `4Gi`. */
  memory: string;
  /** Series class label, e.g. `general.purpose`. */
  class: string;
  /** Human name of the series, e.g. `U Series`. */
  displayName: string;
}

/**
 * One KubeVirt common cluster preference (an operating system profile).
 *
 * @public
 */
export interface CommonPreference {
  /** Name, e.g. `fedora`, `windows.11`. */
  name: string;
  /** Human name, e.g. `Fedora (amd64)`. */
  displayName: string;
  /** `linux` or `windows`. */
  osType: string;
  /** Minimum guest vCPUs the preference requires, when it sets one. */
  minVcpus?: number;
  /** Minimum guest memory (quantity) the preference requires, when it sets one. */
  minMemory?: string;
}
