import type { ClusterRuntime } from '../clusters/types';
import type { SyncResultResource } from '../types';
import type { AppRuntime, TargetManifest } from './appRuntime';
import type { LiveResource } from './liveResource';
import { timestamp } from './liveResource';
import type { ResourceRef } from './resourceRef';
import { keyOf, refOf } from './resourceRef';
import { dataVolumeSourceKind } from '../../kubevirt/dataVolumeObjects';
import { randomUUID } from 'node:crypto';
import { asObject } from '../health/types';
import type { JsonObject } from '../health';
import { dataVolumeDuration } from '../../kubevirt/dataVolumeTimeline';
import { createVmAnchors, updateVmAnchors } from '../../kubevirt/vmTimeline';
import { readVmFacts } from '../../kubevirt/vmFacts';

const REVISION_HISTORY_LIMIT = 10;

/** The manifest as applied: namespace filled in for namespaced kinds. */
export function appliedManifest(
  manifest: JsonObject,
  ref: ResourceRef,
): JsonObject {
  const metadata = asObject(manifest.metadata) ?? {};
  return ref.namespace
    ? { ...manifest, metadata: { ...metadata, namespace: ref.namespace } }
    : manifest;
}

/** Target manifests by resource key, each with its JSON. */
export function targetManifests(
  manifests: readonly JsonObject[],
  destinationNamespace: string,
): Map<string, TargetManifest> {
  const result = new Map<string, TargetManifest>();
  for (const raw of manifests) {
    const ref = refOf(raw, destinationNamespace);
    const manifest = appliedManifest(raw, ref);
    result.set(keyOf(ref), { ref, manifest, json: JSON.stringify(manifest) });
  }
  return result;
}

function provisioningMs(manifest: JsonObject): number | undefined {
  const templates = readVmFacts(manifest).dataVolumeTemplates;
  if (templates.length === 0) return undefined;
  return Math.max(
    ...templates.map(t =>
      dataVolumeDuration(dataVolumeSourceKind(asObject(t.spec))),
    ),
  );
}

export function createLiveResource(
  ref: ResourceRef,
  manifest: JsonObject,
  manifestJson: string,
  now: number,
): LiveResource {
  const live: LiveResource = {
    key: keyOf(ref),
    ref,
    manifest,
    manifestJson,
    uid: randomUUID(),
    createdAt: now,
    generation: 1,
  };
  if (ref.group === 'kubevirt.io' && ref.kind === 'VirtualMachine') {
    live.vm = createVmAnchors(
      readVmFacts(manifest),
      now,
      provisioningMs(manifest),
    );
  } else if (ref.group === 'cdi.kubevirt.io' && ref.kind === 'DataVolume') {
    live.dataVolumeKind = dataVolumeSourceKind(asObject(manifest.spec));
  }
  return live;
}

function applyMessage(ref: ResourceRef, verb: string): string {
  const kind = ref.kind.toLowerCase();
  return `${ref.group ? `${kind}.${ref.group}` : kind}/${ref.name} ${verb}`;
}

/**
 * Applies the application's target state to its cluster (an automated sync):
 * creates, updates and (with `prune`) deletes live resources, and records the
 * operation and history as ArgoCD does.
 */
export function syncApplication(
  runtime: AppRuntime,
  cluster: ClusterRuntime,
  now: number,
): void {
  const target = runtime.target;
  if (!target?.outcome.ok || !target.revision) return;
  const manifests = target.manifests;
  const prune = runtime.desired.spec.syncPolicy?.automated?.prune === true;
  const results: SyncResultResource[] = [];
  const next = new Map<string, LiveResource>();
  for (const [key, { ref, manifest, json }] of manifests) {
    const existing = runtime.live.get(key);
    let verb = 'created';
    if (!existing) {
      next.set(key, createLiveResource(ref, manifest, json, now));
    } else if (existing.manifestJson === json) {
      verb = 'unchanged';
      next.set(key, existing);
    } else {
      verb = 'configured';
      next.set(key, {
        ...existing,
        manifest,
        manifestJson: json,
        generation: existing.generation + 1,
        vm:
          existing.vm &&
          updateVmAnchors(
            existing.vm,
            readVmFacts(manifest),
            now,
            cluster.allocatableMemoryBytes,
          ),
      });
    }
    results.push({
      group: ref.group,
      version: ref.version,
      kind: ref.kind,
      namespace: ref.namespace,
      name: ref.name,
      status: 'Synced',
      message: applyMessage(ref, verb),
      hookPhase: 'Running',
      syncPhase: 'Sync',
    });
  }
  for (const [key, live] of runtime.live) {
    if (manifests.has(key)) continue;
    if (prune) {
      results.push({
        ...live.ref,
        status: 'Pruned',
        message: 'pruned',
        hookPhase: 'Running',
        syncPhase: 'Sync',
      });
    } else {
      next.set(key, live);
    }
  }
  runtime.live = next;
  const source = runtime.desired.spec.source ?? { repoURL: '' };
  const at = timestamp(now);
  runtime.operationState = {
    operation: {
      sync: {
        revision: target.revision,
        syncStrategy: { hook: {} },
        ...(prune ? { prune: true } : {}),
      },
      initiatedBy: { automated: true },
      retry: { limit: 5 },
    },
    phase: 'Succeeded',
    message: 'successfully synced (all tasks run)',
    syncResult: { resources: results, revision: target.revision, source },
    startedAt: at,
    finishedAt: at,
  };
  const id = (runtime.history[runtime.history.length - 1]?.id ?? -1) + 1;
  runtime.history = [
    ...runtime.history,
    {
      id,
      revision: target.revision,
      deployedAt: at,
      deployStartedAt: at,
      source,
      initiatedBy: { automated: true },
    },
  ].slice(-REVISION_HISTORY_LIMIT);
}

/** Whether every target manifest is live as rendered and nothing else is live. */
export function isInSync(runtime: AppRuntime): boolean {
  const target = runtime.target;
  if (!target?.outcome.ok) return true;
  if (target.manifests.size !== runtime.live.size) return false;
  for (const [key, { json }] of target.manifests) {
    const live = runtime.live.get(key);
    if (!live || live.manifestJson !== json) return false;
  }
  return true;
}
