/*
 * Entity annotations and Application labels, and the pure reader that turns
 * an entity's annotations into what the backend queries (or into a list of
 * problems that say exactly what to add).
 */
import type { Entity } from '@backstage/catalog-model';
import { parseGitopsRepoUrl } from '../config/config';
import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkSingleLineText,
} from '../request/textRules';

/**
 * The VM's base name in the GitOps repository.
 *
 * @public
 */
export const VM_NAME_ANNOTATION = 'kubevirt-gitops.io/vm-name';
/**
 * The ApplicationSet that generates the VM's Applications (seed style).
 *
 * @public
 */
export const APPLICATIONSET_ANNOTATION = 'kubevirt-gitops.io/applicationset';
/**
 * A label selector for the VM's Applications (alternative to the ApplicationSet).
 *
 * @public
 */
export const ARGOCD_APP_SELECTOR_ANNOTATION =
  'kubevirt-gitops.io/argocd-app-selector';
/**
 * Which configured ArgoCD instance to ask (optional).
 *
 * @public
 */
export const ARGOCD_INSTANCE_ANNOTATION = 'kubevirt-gitops.io/argocd-instance';
/**
 * The VM's folder in the GitOps repository.
 *
 * @public
 */
export const GITOPS_PATH_ANNOTATION = 'kubevirt-gitops.io/gitops-path';
/**
 * The GitOps repository that holds the VM, when it is not the configured
 * `kubevirtGitops.gitops.repoUrl` (one of `adoptedRepositories`), e.g.
 * `https://github.com/0xFelix/gitops-demo`.
 *
 * @public
 */
export const GITOPS_REPO_ANNOTATION = 'kubevirt-gitops.io/gitops-repo';
/**
 * On a System, Group or Resource: show the fleet health of this ManagedClusterSet.
 *
 * @public
 */
export const CLUSTER_SET_ANNOTATION = 'kubevirt-gitops.io/cluster-set';

/**
 * Application label: the VM's base name.
 *
 * @public
 */
export const VM_LABEL = 'kubevirt-gitops.io/vm';
/**
 * Application label: the environment (`dev`, `prod`, ...).
 *
 * @public
 */
export const ENV_LABEL = 'kubevirt-gitops.io/env';
/**
 * Application label: the managed cluster the Application deploys to.
 *
 * @public
 */
export const CLUSTER_LABEL = 'kubevirt-gitops.io/cluster';

/**
 * What the backend needs to find a VM's Applications and pull requests.
 *
 * @public
 */
export interface VmAnnotations {
  vmName: string;
  /** Set when the Applications can be found through their ApplicationSet. */
  applicationSet?: string;
  /**
   * The label selector for the Applications: the annotation, or
   * `kubevirt-gitops.io/vm=<vmName>` when neither it nor an ApplicationSet is
   * given. Both this and `applicationSet` may be set.
   */
  appSelector?: string;
  argocdInstance?: string;
  gitopsPath?: string;
  /** The repository holding the VM when it is not the primary one. */
  gitopsRepo?: string;
}

/**
 * One problem with an entity's annotations, with a YAML snippet to fix it.
 *
 * @public
 */
export interface AnnotationProblem {
  annotation: string;
  message: string;
  /** YAML to add under the entity, e.g. `metadata:\n  annotations:\n    ...`. */
  snippet: string;
}

/**
 * The result of {@link readVmAnnotations}.
 *
 * @public
 */
export type VmAnnotationsResult =
  | { ok: true; annotations: VmAnnotations }
  | { ok: false; problems: AnnotationProblem[] };

/**
 * The default Application selector for a VM written by this product.
 *
 * @public
 */
export function defaultAppSelector(vmName: string): string {
  return `${VM_LABEL}=${vmName}`;
}

function snippetFor(annotation: string, example: string): string {
  return `metadata:\n  annotations:\n    ${annotation}: ${example}`;
}

const SELECTOR_TERM =
  /^\s*(!?[A-Za-z0-9][-A-Za-z0-9_./]*(\s*(==?|!=)\s*[A-Za-z0-9]?[-A-Za-z0-9_.]*)?|[A-Za-z0-9][-A-Za-z0-9_./]*\s+(in|notin)\s+\(\s*[-A-Za-z0-9_.]*(\s*,\s*[-A-Za-z0-9_.]*)*\s*\))\s*$/;

/** Checks a Kubernetes label selector string (`a=b,c!=d,e in (f,g),!h`). */
function checkLabelSelector(selector: string): string | undefined {
  const lineProblem = checkSingleLineText(selector, 1024);
  if (lineProblem) {
    return lineProblem;
  }
  const terms = selector.split(/,(?![^(]*\))/);
  const bad = terms.find(term => !SELECTOR_TERM.test(term));
  return bad === undefined
    ? undefined
    : `"${bad.trim()}" is not a label selector term (use key=value, key!=value, key in (a,b) or !key)`;
}

/**
 * Checks a relative folder in the GitOps repository (the gitops-path
 * annotation, the action's gitopsPath input).
 *
 * @public
 */
export function checkGitopsPath(path: string): string | undefined {
  const lineProblem = checkSingleLineText(path, 512);
  if (lineProblem) {
    return lineProblem;
  }
  if (path.startsWith('/') || path.includes('\\')) {
    return 'must be a relative path with forward slashes, e.g. applicationsets/vms/my-vm';
  }
  const segments = path.replace(/\/$/, '').split('/');
  if (
    segments.some(
      segment => segment === '' || segment === '.' || segment === '..',
    )
  ) {
    return "must not contain empty, '.' or '..' segments";
  }
  if (segments.some(segment => !/^[A-Za-z0-9._-]+$/.test(segment))) {
    return "may contain only letters, digits, '.', '_', '-' and '/'";
  }
  return undefined;
}

type AnnotationCheck = (value: string) => string | undefined;

/** An ApplicationSet: `name`, or `namespace/name` when it lives outside ArgoCD's namespace. */
function checkApplicationSetRef(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length > 2) {
    return 'must be an ApplicationSet name or namespace/name, e.g. demo-vm or openshift-gitops/demo-vm';
  }
  if (parts.length === 2) {
    const namespaceProblem = checkDnsLabel(parts[0]);
    if (namespaceProblem) return `namespace "${parts[0]}" ${namespaceProblem}`;
  }
  return checkDnsSubdomain(parts[parts.length - 1]);
}

const OPTIONAL_CHECKS: Array<[string, AnnotationCheck, string]> = [
  [APPLICATIONSET_ANNOTATION, checkApplicationSetRef, 'demo-vm'],
  [ARGOCD_APP_SELECTOR_ANNOTATION, checkLabelSelector, `'${VM_LABEL}=my-vm'`],
  [ARGOCD_INSTANCE_ANNOTATION, checkDnsLabel, 'main'],
  [GITOPS_PATH_ANNOTATION, checkGitopsPath, 'applicationsets/vms/my-vm'],
  [
    GITOPS_REPO_ANNOTATION,
    value =>
      parseGitopsRepoUrl(value)
        ? undefined
        : 'must be a repository URL such as https://github.com/acme/vm-gitops',
    'https://github.com/acme/vm-gitops',
  ],
];

/**
 * Reads and checks the VM annotations of an entity. Pure: the backend answers
 * 400 with the problems, the frontend shows them with their snippets.
 *
 * @public
 */
export function readVmAnnotations(entity: Entity): VmAnnotationsResult {
  const annotations = entity.metadata.annotations ?? {};
  const problems: AnnotationProblem[] = [];
  const vmName = annotations[VM_NAME_ANNOTATION]?.trim();
  const exampleName =
    checkDnsLabel(entity.metadata.name) === undefined
      ? entity.metadata.name
      : 'my-vm';

  if (!vmName) {
    problems.push({
      annotation: VM_NAME_ANNOTATION,
      message: `Add the annotation ${VM_NAME_ANNOTATION} with the VM's base name in the GitOps repository.`,
      snippet: snippetFor(VM_NAME_ANNOTATION, exampleName),
    });
  } else {
    const problem = checkDnsLabel(vmName);
    if (problem) {
      problems.push({
        annotation: VM_NAME_ANNOTATION,
        message: `The annotation ${VM_NAME_ANNOTATION} ${problem}.`,
        snippet: snippetFor(VM_NAME_ANNOTATION, exampleName),
      });
    }
  }

  for (const [annotation, check, example] of OPTIONAL_CHECKS) {
    const value = annotations[annotation];
    const problem = value === undefined ? undefined : check(value.trim());
    if (problem) {
      problems.push({
        annotation,
        message: `The annotation ${annotation} ${problem}.`,
        snippet: snippetFor(annotation, example),
      });
    }
  }

  const applicationSet = annotations[APPLICATIONSET_ANNOTATION]?.trim();
  const selector = annotations[ARGOCD_APP_SELECTOR_ANNOTATION]?.trim();
  if (problems.length > 0 || !vmName) {
    return { ok: false, problems };
  }
  const result: VmAnnotations = { vmName };
  // Both may be set (the per-VM layout writes both): the ApplicationSet
  // finds the Applications through their owner, the selector through labels.
  if (applicationSet) {
    result.applicationSet = applicationSet;
  }
  if (selector || !applicationSet) {
    result.appSelector = selector || defaultAppSelector(vmName);
  }
  const argocdInstance = annotations[ARGOCD_INSTANCE_ANNOTATION]?.trim();
  if (argocdInstance) {
    result.argocdInstance = argocdInstance;
  }
  const gitopsPath = annotations[GITOPS_PATH_ANNOTATION]?.trim();
  if (gitopsPath) {
    result.gitopsPath = gitopsPath.replace(/\/$/, '');
  }
  const gitopsRepo = annotations[GITOPS_REPO_ANNOTATION]?.trim();
  if (gitopsRepo) {
    result.gitopsRepo = gitopsRepo;
  }
  return { ok: true, annotations: result };
}

/**
 * The result of {@link readClusterSetAnnotation}.
 *
 * @public
 */
export type ClusterSetAnnotationResult =
  | { ok: true; clusterSet: string }
  | { ok: false; problems: AnnotationProblem[] };

/**
 * Reads the `kubevirt-gitops.io/cluster-set` annotation of a System, Group or
 * Resource entity.
 *
 * @public
 */
export function readClusterSetAnnotation(
  entity: Entity,
): ClusterSetAnnotationResult {
  const value = entity.metadata.annotations?.[CLUSTER_SET_ANNOTATION]?.trim();
  const problem = value ? checkDnsLabel(value) : 'is missing';
  if (value && !problem) {
    return { ok: true, clusterSet: value };
  }
  return {
    ok: false,
    problems: [
      {
        annotation: CLUSTER_SET_ANNOTATION,
        message: value
          ? `The annotation ${CLUSTER_SET_ANNOTATION} ${problem}.`
          : `Add the annotation ${CLUSTER_SET_ANNOTATION} naming the ManagedClusterSet to show.`,
        snippet: snippetFor(CLUSTER_SET_ANNOTATION, 'default'),
      },
    ],
  };
}

/**
 * True when the entity carries the VM annotation (used to show the VM tab).
 *
 * @public
 */
export function hasVmAnnotation(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[VM_NAME_ANNOTATION]?.trim());
}

/**
 * True when the entity carries the cluster-set annotation (used to show the
 * fleet card).
 *
 * @public
 */
export function hasClusterSetAnnotation(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[CLUSTER_SET_ANNOTATION]?.trim());
}
