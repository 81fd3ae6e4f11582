/*
 * The VM tab's answer for one entity: the VM's Applications from the fleet
 * snapshot, their on-demand detail (bounded by ArgoCD's timeout, problem rows
 * first) and the open pull requests touching the VM's folder (bounded by
 * GitHub's timeout), joined into rows. Also the refresh of those
 * Applications.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  APPLICATIONSET_ANNOTATION,
  type GitopsConfig,
  type UpstreamError,
  type VmAnnotations,
  type VmApplicationSetSummary,
  type VmPullRequest,
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
import type { PullRequestReader } from '../github/PullRequestReader';
import { toVmPullRequest } from '../github/toVmPullRequest';
import { mapWithConcurrency, settle } from '../upstream/concurrency';
import { toUpstreamError, type Redactor } from '../upstream/errors';
import { createSingleFlight, createTtlCache } from '../upstream/ttlCache';
import { serializeJson, type SerializedBody } from '../service/serializedBody';
import { buildVmRow, type RowDetail } from './buildVmRows';
import {
  findVmApplications,
  findVmApplicationSets,
  pickForDetail,
  selectInstances,
} from './findVmApplications';
import type { VmDetailService } from './VmDetailService';
import { withDeadline } from './withDeadline';

/**
 * How long an assembled answer is reused for identical requests (same
 * entity, same annotations); a refresh of the entity drops it. The rows come
 * from a snapshot and a detail cache that are refreshed less often anyway.
 */
export const VM_RESPONSE_TTL_MS = 5000;

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

/** The VM's folder: the annotation, or the layout's default. */
export function vmFolder(
  annotations: VmAnnotations,
  gitops: Pick<GitopsConfig, 'layout'> | undefined,
): string {
  if (annotations.gitopsPath) return annotations.gitopsPath;
  return gitops?.layout === 'shared-applicationset'
    ? `vms/${annotations.vmName}`
    : `applicationsets/vms/${annotations.vmName}`;
}

function message(error: unknown): string {
  return isError(error) ? error.message : String(error);
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
  const { views, argocd, details, redact, logger } = options;
  const now = options.now ?? (() => new Date());
  const refreshes = createSingleFlight<VmRefreshResponse>();
  const bodies = createTtlCache<SerializedBody>({
    ttlMs: VM_RESPONSE_TTL_MS,
    maxEntries: 1000,
  });
  const uiUrls = new Map(
    [...argocd.values()].map(c => [c.instance.name, c.instance.uiUrl]),
  );

  function clientOf(entry: IndexedApp): ArgocdClient {
    const client = argocd.get(entry.instance);
    if (!client)
      throw new Error(`ArgoCD instance ${entry.instance} is not configured`);
    return client;
  }

  async function loadDetails(
    apps: readonly IndexedApp[],
    instances: readonly string[],
  ): Promise<Map<IndexedApp, RowDetail>> {
    const results = new Map<IndexedApp, RowDetail>();
    const work = mapWithConcurrency(
      apps,
      options.detail.concurrency,
      async entry => {
        const outcome = await settle(() =>
          details.getDetail(clientOf(entry), entry.app),
        );
        results.set(
          entry,
          outcome.ok
            ? { type: 'loaded', detail: outcome.value }
            : { type: 'failed', message: redact(message(outcome.error)) },
        );
      },
    );
    const deadline = Math.max(
      ...instances.map(name => argocd.get(name)?.instance.timeoutMs ?? 0),
    );
    await withDeadline(work, deadline);
    for (const entry of apps) {
      if (!results.has(entry)) {
        results.set(entry, {
          type: 'failed',
          message: `${
            clientOf(entry).source
          } did not return the detail within ${deadline} ms`,
        });
      }
    }
    return results;
  }

  /**
   * The last list GitHub gave per VM folder: served, with its time, while
   * GitHub fails (as the snapshot keeps its last good data), so pending
   * pull requests do not vanish from the tab during an outage.
   */
  const lastPulls = new Map<string, { at: string; pulls: VmPullRequest[] }>();
  const LAST_PULLS_MAX = 2000;

  async function loadPullRequests(
    annotations: VmAnnotations,
  ): Promise<{ pulls: VmPullRequest[]; error?: UpstreamError; asOf?: string }> {
    const reader = options.pullRequests;
    if (!reader) return { pulls: [] };
    const folder = vmFolder(annotations, options.gitops);
    const key = `${annotations.gitopsRepo ?? ''}#${folder}`;
    const stale = (error: UpstreamError) => {
      const last = lastPulls.get(key);
      return last
        ? {
            pulls: last.pulls,
            asOf: last.at,
            error: {
              ...error,
              message: `${error.message} (showing pull requests from ${last.at})`,
            },
          }
        : { pulls: [], error };
    };
    const outcome = await withDeadline(
      settle(() => reader.touching(folder, annotations.gitopsRepo)),
      options.githubTimeoutMs + 100,
    );
    if (!outcome.done) {
      return stale({
        source: reader.source,
        message: `GitHub did not answer within ${options.githubTimeoutMs} ms`,
      });
    }
    if (!outcome.value.ok) {
      return stale(toUpstreamError(reader.source, outcome.value.error, redact));
    }
    const pulls = outcome.value.value.map(toVmPullRequest);
    lastPulls.delete(key);
    lastPulls.set(key, { at: now().toISOString(), pulls });
    if (lastPulls.size > LAST_PULLS_MAX) {
      lastPulls.delete(lastPulls.keys().next().value as string);
    }
    return { pulls };
  }

  function detailErrors(results: Map<IndexedApp, RowDetail>): UpstreamError[] {
    const failures = new Map<
      string,
      { count: number; total: number; first: string }
    >();
    for (const [entry, detail] of results) {
      const source = clientOf(entry).source;
      const summary = failures.get(source) ?? { count: 0, total: 0, first: '' };
      summary.total += 1;
      if (detail.type === 'failed') {
        summary.count += 1;
        summary.first ||= detail.message;
      }
      failures.set(source, summary);
    }
    return [...failures.entries()]
      .filter(([, summary]) => summary.count > 0)
      .map(([source, summary]) => ({
        source,
        message: `${summary.count} of ${summary.total} Applications could not be read in detail: ${summary.first}`,
      }));
  }

  const bodyKey = (entityRef: string, annotations: VmAnnotations) =>
    `${entityRef}\n${JSON.stringify(annotations)}`;

  const service: VmStatusService = {
    getStatusBody(entityRef, annotations) {
      return bodies.get(bodyKey(entityRef, annotations), async () =>
        serializeJson(await service.getStatus(entityRef, annotations)),
      );
    },

    async getStatus(entityRef, annotations) {
      const index = await views.index();
      const instances = selectInstances(annotations, [...argocd.keys()]);
      const apps = findVmApplications(index, annotations, instances);
      const chosen = pickForDetail(apps, index, options.detail.maxApplications);
      const [detailResults, pullRequests] = await Promise.all([
        loadDetails([...chosen], instances),
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
        ...detailErrors(detailResults),
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

    refresh(entityRef, annotations) {
      bodies.delete(bodyKey(entityRef, annotations));
      return refreshes(entityRef, async () => {
        const index = await views.index();
        const instances = selectInstances(annotations, [...argocd.keys()]);
        const apps = findVmApplications(index, annotations, instances);
        const refreshed: string[] = [];
        const errors: UpstreamError[] = [];
        await mapWithConcurrency(
          apps,
          options.detail.concurrency,
          async entry => {
            const client = clientOf(entry);
            const outcome = await settle(() =>
              client.refreshApplication(entry.app),
            );
            details.forget(client, entry.app);
            if (outcome.ok) refreshed.push(entry.app.name);
            else
              errors.push(
                toUpstreamError(client.source, outcome.error, redact),
              );
          },
        );
        bodies.delete(bodyKey(entityRef, annotations));
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
