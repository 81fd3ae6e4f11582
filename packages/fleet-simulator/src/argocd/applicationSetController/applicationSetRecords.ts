import type { ApplicationStore } from '../applicationStore';
import { applicationSetHealth } from '../health';
import type { ApplicationSet, ResourceStatus } from '../types';
import type { RepoApplicationSet } from './applicationSets';
import { timestamp } from '../applicationController/liveResource';
import { uidFrom } from '../../kubevirt/identity';

/** An ApplicationSet the loop has applied, with its generation outcome. */
export interface ApplicationSetRecord {
  source: RepoApplicationSet;
  uid: string;
  createdAt: number;
  generation: number;
  specJson: string;
  error?: string;
  generatedAt: number;
  /** Names of the Applications it owns. */
  applications: Set<string>;
}

/** Creates or updates the record of a discovered ApplicationSet. */
export function upsertApplicationSetRecord(
  records: Map<string, ApplicationSetRecord>,
  source: RepoApplicationSet,
  now: number,
): ApplicationSetRecord {
  const specJson = JSON.stringify(source.spec);
  const existing = records.get(source.name);
  if (existing) {
    if (existing.specJson !== specJson) existing.generation++;
    existing.source = source;
    existing.specJson = specJson;
    existing.generatedAt = now;
    existing.error = undefined;
    return existing;
  }
  const record: ApplicationSetRecord = {
    source,
    uid: uidFrom(`applicationset:${source.namespace}/${source.name}`),
    createdAt: now,
    generation: 1,
    specJson,
    generatedAt: now,
    applications: new Set(),
  };
  records.set(source.name, record);
  return record;
}

function condition(
  type: string,
  ok: boolean,
  reason: string,
  message: string,
  at: string,
) {
  return {
    type,
    status: ok ? ('True' as const) : ('False' as const),
    reason,
    message,
    lastTransitionTime: at,
  };
}

/** The ApplicationSet as the API returns it, with a status the controller would write. */
export function applicationSetObject(
  record: ApplicationSetRecord,
  applications: ApplicationStore,
  resourceVersion: string,
): ApplicationSet {
  const at = timestamp(record.generatedAt);
  const failed = record.error !== undefined;
  const resources: ResourceStatus[] = [...record.applications]
    .sort()
    .flatMap(name => {
      const app = applications.get(name);
      return app
        ? [
            {
              group: 'argoproj.io',
              version: 'v1alpha1',
              kind: 'Application',
              namespace: app.metadata.namespace,
              name,
              status: app.status.sync.status,
              health: { status: app.status.health.status },
            },
          ]
        : [];
    });
  const conditions = [
    condition(
      'ErrorOccurred',
      failed,
      failed
        ? 'ApplicationGenerationFromParamsError'
        : 'ApplicationSetUpToDate',
      record.error ?? 'Successfully generated parameters for all Applications',
      at,
    ),
    condition(
      'ParametersGenerated',
      !failed,
      failed ? 'ErrorOccurred' : 'ParametersGenerated',
      failed
        ? record.error ?? ''
        : 'Successfully generated parameters for all Applications',
      at,
    ),
    condition(
      'ResourcesUpToDate',
      !failed,
      failed
        ? 'ApplicationGenerationFromParamsError'
        : 'ApplicationSetUpToDate',
      failed ? record.error ?? '' : 'ApplicationSet up to date',
      at,
    ),
  ];
  const status = { conditions, resources, resourcesCount: resources.length };
  return {
    metadata: {
      name: record.source.name,
      namespace: record.source.namespace,
      uid: record.uid,
      resourceVersion,
      generation: record.generation,
      creationTimestamp: timestamp(record.createdAt),
      ...pickLabels(sourceMetadata(record.source)),
    },
    spec: record.source.spec,
    status: { ...status, health: applicationSetHealth({ status }) },
  };
}

function sourceMetadata(
  source: RepoApplicationSet,
): Record<string, unknown> | undefined {
  const { metadata } = source.document;
  return metadata && typeof metadata === 'object'
    ? (metadata as Record<string, unknown>)
    : undefined;
}

/** The labels {@link applicationSetObject} puts in the ApplicationSet's metadata. */
export function applicationSetLabels(
  source: RepoApplicationSet,
): Record<string, string> | undefined {
  return pickLabels(sourceMetadata(source)).labels;
}

/** The project of the Applications the ApplicationSet's template generates ('' when unset). */
export function applicationSetProject(source: RepoApplicationSet): string {
  const template = source.spec.template as
    | { spec?: { project?: string } }
    | undefined;
  return template?.spec?.project ?? '';
}

function pickLabels(metadata: Record<string, unknown> | undefined): {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
} {
  if (!metadata) return {};
  const { labels, annotations } = metadata;
  return {
    ...(labels && typeof labels === 'object'
      ? { labels: labels as Record<string, string> }
      : {}),
    ...(annotations && typeof annotations === 'object'
      ? { annotations: annotations as Record<string, string> }
      : {}),
  };
}
