/*
 * Loading details: the on-demand ArgoCD detail (resource tree, managed
 * resources) of a VM's Applications, bounded by the slowest instance's
 * timeout, and the `errors[]` entries for those that could not be read.
 * The detail itself is cached per Application by the VmDetailService.
 */
import { isError } from '@backstage/errors';
import type { UpstreamError } from '@internal/plugin-kubevirt-gitops-common';
import type { ArgocdClient } from '../argocd/ArgocdClient';
import type { IndexedApp } from '../fleet/fleetIndex';
import { mapWithConcurrency, settle } from '../upstream/concurrency';
import { upstreamErrorKind, type Redactor } from '../upstream/errors';
import type { RowDetail } from './buildVmRows';
import type { VmDetailService } from './VmDetailService';
import { withDeadline } from './withDeadline';

/** What the loader needs. */
export interface VmDetailLoaderOptions {
  argocd: ReadonlyMap<string, ArgocdClient>;
  details: VmDetailService;
  concurrency: number;
  redact: Redactor;
}

/** Loads the detail of a VM's Applications. */
export interface VmDetailLoader {
  /** The client of an Application's instance (throws when not configured). */
  clientOf(entry: IndexedApp): ArgocdClient;
  /** The detail of each Application, or why it is missing. */
  load(
    apps: readonly IndexedApp[],
    instances: readonly string[],
  ): Promise<Map<IndexedApp, RowDetail>>;
  /** One `errors[]` entry per instance some of whose details failed. */
  errors(results: ReadonlyMap<IndexedApp, RowDetail>): UpstreamError[];
}

function message(error: unknown): string {
  return isError(error) ? error.message : String(error);
}

/** Creates the loader. */
export function createVmDetailLoader(
  options: VmDetailLoaderOptions,
): VmDetailLoader {
  const { argocd, details, redact } = options;

  function clientOf(entry: IndexedApp): ArgocdClient {
    const client = argocd.get(entry.instance);
    if (!client)
      throw new Error(`ArgoCD instance ${entry.instance} is not configured`);
    return client;
  }

  return {
    clientOf,

    async load(apps, instances) {
      const results = new Map<IndexedApp, RowDetail>();
      const work = mapWithConcurrency(
        apps,
        options.concurrency,
        async entry => {
          const outcome = await settle(() =>
            details.getDetail(clientOf(entry), entry.app),
          );
          results.set(
            entry,
            outcome.ok
              ? { type: 'loaded', detail: outcome.value }
              : {
                  type: 'failed',
                  kind: upstreamErrorKind(outcome.error),
                  message: redact(message(outcome.error)),
                },
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
            kind: 'timeout',
            message: `${
              clientOf(entry).source
            } did not return the detail within ${deadline} ms`,
          });
        }
      }
      return results;
    },

    errors(results) {
      const failures = new Map<
        string,
        {
          count: number;
          total: number;
          first?: { kind: UpstreamError['kind']; message: string };
        }
      >();
      for (const [entry, detail] of results) {
        const source = clientOf(entry).source;
        const summary = failures.get(source) ?? { count: 0, total: 0 };
        summary.total += 1;
        if (detail.type === 'failed') {
          summary.count += 1;
          summary.first ??= { kind: detail.kind, message: detail.message };
        }
        failures.set(source, summary);
      }
      return [...failures.entries()].flatMap(([source, summary]) =>
        summary.first
          ? [
              {
                source,
                kind: summary.first.kind,
                message: `${summary.count} of ${summary.total} Applications could not be read in detail: ${summary.first.message}`,
              },
            ]
          : [],
      );
    },
  };
}
