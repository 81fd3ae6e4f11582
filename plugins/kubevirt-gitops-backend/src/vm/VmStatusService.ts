/*
 * The VM tab's answer for one entity: the VM's Applications from the fleet
 * snapshot, their on-demand detail (VmDetailLoader: bounded by ArgoCD's
 * timeout, problem rows first) and the open pull requests touching the VM's
 * folder (VmPullRequestLoader: bounded by GitHub's timeout), joined into
 * rows; answers are reused for a few seconds (VmResponseCache). Also the
 * refresh of those Applications. Split as plugins/kubernetes-backend splits
 * its service: loading details, loading pull requests, caching, and this
 * join.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  APPLICATIONSET_ANNOTATION,
  type GitopsConfig,
  type UpstreamError,
  type VmAnnotations,
  type VmApplicationSetSummary,
  type VmRefreshResponse,
  type VmStatusResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import type { ArgocdClient } from '../argocd/ArgocdClient';
import {
  applicationSetKey,
  type FleetIndex,
  type IndexedApp,
  type IndexedApplicationSet,
} from '../fleet/fleetIndex';
import type { FleetViews } from '../fleet/FleetViews';
import { snapshotTime } from '../fleet/FleetViews';
import type { PullRequestReader } from '@internal/plugin-kubevirt-gitops-node';
import { mapWithConcurrency, settle } from '../upstream/concurrency';
import { toUpstreamError, type Redactor } from '../upstream/errors';
import { serializeJson, type SerializedBody } from '../service/serializedBody';
import { buildVmRow } from './buildVmRows';
import {
  findVmApplications,
  findVmApplicationSets,
  pickForDetail,
  selectInstances,
} from './findVmApplications';
import type { VmDetailService } from './VmDetailService';
import { createVmDetailLoader } from './VmDetailLoader';
import { createVmPullRequestLoader } from './VmPullRequestLoader';
import { createVmResponseCache } from './VmResponseCache';

export { VM_RESPONSE_TTL_MS } from './VmResponseCache';

/** Answers the VM routes. */
export interface VmStatusService {
  /** The answer, serialized; identical requests within 5 s share it. */
  getStatusBody(
    entityRef: string,
    annotations: VmAnnotations,
  ): Promise<SerializedBody>;
  getStatus(
    entityRef: string,
    annotations: VmAnnotations,
  ): Promise<VmStatusResponse>;
  /**
   * The rows from the fleet snapshot alone: no ArgoCD detail, no pull
   * requests, no upstream call (states the snapshot cannot tell exactly are
   * marked approximate). For callers that must not load upstreams per call.
   */
  getSnapshotStatus(
    entityRef: string,
    annotations: VmAnnotations,
  ): Promise<Omit<VmStatusResponse, 'pullRequests'>>;
  refresh(
    entityRef: string,
    annotations: VmAnnotations,
  ): Promise<VmRefreshResponse>;
  /** Drops the cached answer of an entity (what it shows has changed). */
  invalidate(entityRef: string, annotations: VmAnnotations): void;
}

/** Options of {@link createVmStatusService}. */
export interface VmStatusServiceOptions {
  views: FleetViews;
  argocd: ReadonlyMap<string, ArgocdClient>;
  details: VmDetailService;
  pullRequests?: PullRequestReader;
  gitops?: Pick<GitopsConfig, 'layout'>;
  detail: { maxApplications: number; concurrency: number };
  githubTimeoutMs: number;
  redact: Redactor;
  logger: LoggerService;
  now?: () => Date;
}

function summarize(entry: IndexedApplicationSet): VmApplicationSetSummary {
  const { applicationSet } = entry;
  return {
    instance: entry.instance,
    namespace: applicationSet.namespace,
    name: applicationSet.name,
    health: applicationSet.health,
    problems: applicationSet.problems,
    applications: applicationSet.applications.length,
  };
}

/**
 * The ApplicationSets of a VM: the one the entity names, else the owners of
 * its Applications. One the entity names but ArgoCD does not list is an
 * error (unless the list itself failed: that error is reported already).
 */
function applicationSetsOf(
  index: FleetIndex,
  annotations: VmAnnotations,
  instances: readonly string[],
  apps: readonly IndexedApp[],
): { summaries: VmApplicationSetSummary[]; errors: UpstreamError[] } {
  if (annotations.applicationSet) {
    const { found } = findVmApplicationSets(
      index,
      annotations.applicationSet,
      instances,
    );
    const listed = instances.filter(instance =>
      index.snapshot.argocd.some(
        status =>
          status.part?.instance === instance &&
          status.part.problems.length === 0,
      ),
    );
    const errors: UpstreamError[] =
      found.length === 0
        ? listed.map(instance => ({
            source: `argocd:${instance}`,
            kind: 'not-listed' as const,
            message: `ApplicationSet ${annotations.applicationSet} (annotation ${APPLICATIONSET_ANNOTATION}) is not among the ApplicationSets argocd:${instance} lists`,
          }))
        : [];
    return { summaries: found.map(summarize), errors };
  }
  const keys = new Set(
    apps.flatMap(({ instance, app }) =>
      app.applicationSet
        ? [applicationSetKey(instance, app.namespace, app.applicationSet)]
        : [],
    ),
  );
  return {
    summaries: [...keys].sort().flatMap(key => {
      const found = index.applicationSets.get(key);
      return found ? [summarize(found)] : [];
    }),
    errors: [],
  };
}

/** Creates the service. */
export function createVmStatusService(
  options: VmStatusServiceOptions,
): VmStatusService {
  const { views, argocd, redact, logger } = options;
  const now = options.now ?? (() => new Date());
  const cache = createVmResponseCache();
  const details = createVmDetailLoader({
    argocd,
    details: options.details,
    concurrency: options.detail.concurrency,
    redact,
  });
  const loadPullRequests = createVmPullRequestLoader({
    ...(options.pullRequests ? { reader: options.pullRequests } : {}),
    ...(options.gitops ? { gitops: options.gitops } : {}),
    githubTimeoutMs: options.githubTimeoutMs,
    redact,
    now,
  });
  const uiUrls = new Map(
    [...argocd.values()].map(c => [c.instance.name, c.instance.uiUrl]),
  );

  const service: VmStatusService = {
    getStatusBody(entityRef, annotations) {
      return cache.body(entityRef, annotations, async () =>
        serializeJson(await service.getStatus(entityRef, annotations)),
      );
    },

    async getStatus(entityRef, annotations) {
      const index = await views.index();
      const instances = selectInstances(annotations, [...argocd.keys()]);
      const apps = findVmApplications(index, annotations, instances);
      const chosen = pickForDetail(apps, index, options.detail.maxApplications);
      const [detailResults, pullRequests] = await Promise.all([
        details.load([...chosen], instances),
        loadPullRequests(annotations),
      ]);
      const context = {
        index,
        uiUrls,
        pullRequestOpen: pullRequests.pulls.length > 0,
        detailLimit: options.detail.maxApplications,
        totalRows: apps.length,
      };
      const rows = apps.map(entry =>
        buildVmRow(
          entry,
          detailResults.get(entry) ?? { type: 'skipped' },
          context,
        ),
      );
      const sets = applicationSetsOf(index, annotations, instances, apps);
      const relevant = (error: UpstreamError) =>
        error.source.startsWith('ocm:') ||
        instances.some(instance => error.source === `argocd:${instance}`);
      const errors = [
        ...index.errors.filter(relevant),
        ...sets.errors,
        ...details.errors(detailResults),
        ...(pullRequests.error ? [pullRequests.error] : []),
      ];
      return {
        entityRef,
        vmName: annotations.vmName,
        rows,
        applicationSets: sets.summaries,
        pullRequests: pullRequests.pulls,
        ...(pullRequests.asOf ? { pullRequestsAsOf: pullRequests.asOf } : {}),
        errors,
        generatedAt: now().toISOString(),
        snapshotAt: snapshotTime(index.snapshot, now().getTime()),
      };
    },

    async getSnapshotStatus(entityRef, annotations) {
      const index = await views.index();
      const instances = selectInstances(annotations, [...argocd.keys()]);
      const apps = findVmApplications(index, annotations, instances);
      const context = {
        index,
        uiUrls,
        pullRequestOpen: false,
        detailLimit: 0,
        totalRows: apps.length,
      };
      const rows = apps.map(entry =>
        buildVmRow(entry, { type: 'snapshot' }, context),
      );
      const sets = applicationSetsOf(index, annotations, instances, apps);
      const relevant = (error: UpstreamError) =>
        error.source.startsWith('ocm:') ||
        instances.some(instance => error.source === `argocd:${instance}`);
      return {
        entityRef,
        vmName: annotations.vmName,
        rows,
        applicationSets: sets.summaries,
        errors: [...index.errors.filter(relevant), ...sets.errors],
        generatedAt: now().toISOString(),
        snapshotAt: snapshotTime(index.snapshot, now().getTime()),
      };
    },

    invalidate(entityRef, annotations) {
      cache.drop(entityRef, annotations);
    },

    refresh(entityRef, annotations) {
      cache.drop(entityRef, annotations);
      return cache.refresh(entityRef, async () => {
        const index = await views.index();
        const instances = selectInstances(annotations, [...argocd.keys()]);
        const apps = findVmApplications(index, annotations, instances);
        const refreshed: string[] = [];
        const errors: UpstreamError[] = [];
        await mapWithConcurrency(
          apps,
          options.detail.concurrency,
          async entry => {
            const client = details.clientOf(entry);
            const outcome = await settle(() =>
              client.refreshApplication(entry.app),
            );
            options.details.forget(client, entry.app);
            if (outcome.ok) refreshed.push(entry.app.name);
            else
              errors.push(
                toUpstreamError(client.source, outcome.error, redact),
              );
          },
        );
        cache.drop(entityRef, annotations);
        logger.info('Asked ArgoCD to refresh VM Applications', {
          entityRef,
          vm: annotations.vmName,
          refreshed: refreshed.length,
          failed: errors.length,
        });
        return { refreshed: refreshed.sort(), errors };
      });
    },
  };
  return service;
}
