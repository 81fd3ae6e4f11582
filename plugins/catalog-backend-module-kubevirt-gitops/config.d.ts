import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  kubevirtGitops?: {
    /**
     * VM discovery into the catalog: one Resource of type `virtual-machine`
     * per VM found in the GitOps repository (`kubevirtGitops.gitops.repoUrl`
     * at `baseBranch`) whose folder has no catalog-info.yaml. Discovery is
     * on when this key is present.
     */
    discovery?: {
      /**
       * Owner of a discovered VM that the repository's CODEOWNERS does not
       * name, as an entity ref (`group:default/platform-team`; a bare name
       * is a group in the default namespace). Required.
       * @visibility backend
       */
      defaultOwner: string;
      /**
       * The System every discovered VM is part of (`spec.system`), e.g.
       * `virtualization-platform`. Optional.
       * @visibility backend
       */
      system?: string;
      /**
       * How often the repository is read. Default every 5 minutes, at most
       * 3 minutes per run. Runs are coordinated across backend replicas
       * (one replica reads at a time).
       * @visibility backend
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
