/*
 * `create`: every file of a new VM, from a validated request.
 */
import {
  planVmEnvironments,
  resolveVmSize,
  type CreateVmOperation,
  type GitopsConfig,
} from '@internal/plugin-kubevirt-gitops-common';
import type { VmPaths } from '@internal/plugin-kubevirt-gitops-common';
import { vmApplicationSetText } from '../manifests/applicationSet';
import { catalogInfoText } from '../manifests/catalogInfo';
import {
  baseKustomizationText,
  environmentKustomizationText,
  type EnvironmentOverride,
} from '../manifests/kustomizations';
import {
  resolveImageSource,
  virtualMachineObject,
} from '../manifests/virtualMachine';
import {
  createYamlDocument,
  GENERATED_COMMENT,
  yamlText,
} from '../manifests/yamlDocument';
import type { FileChange, PlanContext } from './types';

function sameSize(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function overrideOf(
  plan: ReturnType<typeof planVmEnvironments>[number],
  operation: CreateVmOperation,
): EnvironmentOverride | undefined {
  const { request } = operation;
  const override: EnvironmentOverride = {};
  if (!sameSize(plan.size, request.size)) override.size = plan.size;
  if (plan.runStrategy !== request.runStrategy)
    override.runStrategy = plan.runStrategy;
  return override.size || override.runStrategy ? override : undefined;
}

function environmentsOf(config: GitopsConfig, names: readonly string[]) {
  return names.flatMap(name =>
    config.environments.filter(env => env.name === name),
  );
}

/** The files of a new VM. The request must have passed validateVmOperation. */
export function planCreateFiles(
  operation: CreateVmOperation,
  context: PlanContext,
  paths: VmPaths,
): { paths: VmPaths; files: FileChange[] } {
  const { request } = operation;
  const { config } = context;
  if (!resolveVmSize(request.size) || !request.preference) {
    throw new Error('The request must be validated before planning');
  }
  const vm = virtualMachineObject({
    name: request.name,
    size: request.size,
    preference: request.preference,
    source: resolveImageSource(request, config.images),
    rootDiskSize: request.rootDiskSize,
    runStrategy: request.runStrategy,
    sshKeys: request.sshKeys,
  });
  const plans = planVmEnvironments(request, config);
  const environments = environmentsOf(config, request.environments);
  const planOf = (environment: string) => {
    const plan = plans.find(candidate => candidate.environment === environment);
    if (!plan) {
      throw new Error(
        `No plan for environment "${environment}"; validate the request first`,
      );
    }
    return plan;
  };
  const files: FileChange[] = [
    {
      path: paths.virtualMachineFile,
      content: yamlText(createYamlDocument(vm, GENERATED_COMMENT)),
    },
    {
      path: paths.baseKustomizationFile,
      content: baseKustomizationText(request.namespace),
    },
    ...environments.map(environment => ({
      path: paths.environmentKustomizationFile(environment.name),
      content: environmentKustomizationText({
        vm: request.name,
        environment: environment.name,
        namePrefix: environment.namePrefix,
        override: overrideOf(planOf(environment.name), operation),
      }),
    })),
    {
      path: paths.catalogInfoFile,
      content: catalogInfoText({
        vm: request.name,
        owner: request.owner,
        purpose: request.purpose,
        description: request.description,
        environments: request.environments,
        layout: config.layout,
        vmDir: paths.vmDir,
      }),
    },
  ];
  if (paths.applicationSetFile) {
    files.push({
      path: paths.applicationSetFile,
      content: vmApplicationSetText({
        vm: request.name,
        namespace: request.namespace,
        environments,
        kustomizeRoot: paths.kustomizeRoot,
        argocd: context.argocd,
      }),
    });
  }
  return { paths, files };
}
