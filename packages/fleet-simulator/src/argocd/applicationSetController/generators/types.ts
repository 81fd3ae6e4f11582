import type { KubeObject } from '../../../contracts';
import type { LabelSelectorObject } from '../../../store';
import type { TemplateParams } from '../fasttemplate';

/** A cluster as the ApplicationSet controller sees it (an ArgoCD cluster secret). */
export interface GeneratorCluster {
  name: string;
  server: string;
  /** The secret's labels, including `argocd.argoproj.io/secret-type: cluster`. */
  secretLabels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  /** False for the local `in-cluster`, which has no secret. */
  hasSecret: boolean;
}

/** What generators read from the world. */
export interface GeneratorContext {
  /** The clusters ArgoCD knows. */
  clusters(): readonly GeneratorCluster[];
  /** PlacementDecisions in `namespace` matching a label selector object. */
  placementDecisions(
    namespace: string,
    selector: LabelSelectorObject,
  ): readonly KubeObject[];
  /**
   * Directory paths (every ancestor of a file, without the root) in the
   * repository `repoURL` at `revision`; throws when the repository or revision
   * is unknown.
   */
  gitDirectories(repoURL: string, revision: string): readonly string[];
  /** Namespace of the ApplicationSet being generated. */
  namespace: string;
}

/** One generator of an ApplicationSet (the parts the simulator implements). */
export interface GeneratorSpec {
  clusters?: {
    selector?: LabelSelectorObject;
    values?: Record<string, string>;
  };
  list?: { elements?: Array<Record<string, unknown>> };
  git?: {
    repoURL: string;
    revision?: string;
    directories?: Array<{ path: string; exclude?: boolean }>;
    files?: unknown[];
    pathParamPrefix?: string;
    values?: Record<string, string>;
  };
  matrix?: { generators: GeneratorSpec[] };
  clusterDecisionResource?: {
    configMapRef?: string;
    labelSelector?: LabelSelectorObject;
    name?: string;
    requeueAfterSeconds?: number;
    values?: Record<string, string>;
  };
  /** Post-filter on the generated parameters. */
  selector?: LabelSelectorObject;
  [other: string]: unknown;
}

/** Thrown when a generator cannot produce parameters; the ApplicationSet reports it. */
export class GeneratorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeneratorError';
  }
}

export type { TemplateParams };
