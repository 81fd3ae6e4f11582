import { randomUUID } from 'node:crypto';
import type { KubeObject, ObjectStore, StoreEvent } from '../contracts';
import { matchesLabelSelector, parseLabelSelector } from './labelSelector';
import { deepFreeze, kubeTimestamp, sameContent, sameSpec } from './objects';

/** A write event as kept in the store's history, with its resourceVersion. */
export interface RecordedStoreEvent extends StoreEvent {
  resourceVersion: number;
  /** The object before a MODIFIED event (watch filters use it to turn label changes into ADDED/DELETED). */
  previous?: KubeObject;
}

/**
 * The hub's store with what the Kubernetes API layer needs beyond the shared
 * contract: sorted snapshots for paginated lists, and a bounded history of
 * events for resumable watches.
 *
 * Stored objects are deep-frozen and shared, never copied on read: clone one
 * (`structuredClone`) before editing it, then `upsert` the clone.
 */
export interface HubObjectStore extends ObjectStore {
  /**
   * Every object of `kind`, sorted by namespace then name (the order the
   * Kubernetes API lists in). The array is never mutated later, so it is a
   * consistent snapshot at the store's current resourceVersion.
   */
  snapshot(kind: string): readonly KubeObject[];
  /**
   * Events with a resourceVersion greater than `resourceVersion`, oldest
   * first, or `'expired'` when history older than that has been dropped.
   */
  eventsSince(
    resourceVersion: number,
  ): readonly RecordedStoreEvent[] | 'expired';
  /** Like `subscribe`, with the resourceVersion and previous object of each event. */
  subscribeRecorded(listener: (event: RecordedStoreEvent) => void): () => void;
  /** Number of objects of a kind. */
  count(kind: string): number;
  /**
   * Forgets the whole event history, as etcd compaction does: watches and
   * list continuations from before now get 410 Gone.
   */
  compact(): void;
}

/** Options of {@link createObjectStore}. */
export interface ObjectStoreOptions {
  /** Source of creationTimestamp values; defaults to the real time. */
  now?: () => Date;
  /** How many events the history keeps for watch resumption (default 10,000). */
  historyLimit?: number;
}

/**
 * An object's key in the store: `<namespace>/<name>`, or `<name>`. Lists are
 * sorted by it, and hub/list.ts pages and resumes by it.
 */
export function objectKey(name: string, namespace: string | undefined): string {
  return namespace ? `${namespace}/${name}` : name;
}

function compareKeys(a: KubeObject, b: KubeObject): number {
  const keyA = objectKey(a.metadata.name, a.metadata.namespace);
  const keyB = objectKey(b.metadata.name, b.metadata.namespace);
  if (keyA < keyB) return -1;
  return keyA > keyB ? 1 : 0;
}

class KindIndex {
  readonly objects = new Map<string, KubeObject>();
  private sorted: readonly KubeObject[] | undefined;

  set(object: KubeObject) {
    this.objects.set(
      objectKey(object.metadata.name, object.metadata.namespace),
      object,
    );
    this.sorted = undefined;
  }

  remove(key: string) {
    this.objects.delete(key);
    this.sorted = undefined;
  }

  snapshot(): readonly KubeObject[] {
    if (!this.sorted) {
      this.sorted = Object.freeze([...this.objects.values()].sort(compareKeys));
    }
    return this.sorted;
  }
}

/** Creates an empty in-memory object store. */
export function createObjectStore(
  options: ObjectStoreOptions = {},
): HubObjectStore {
  const now = options.now ?? (() => new Date());
  const historyLimit = options.historyLimit ?? 10_000;
  const kinds = new Map<string, KindIndex>();
  const listeners = new Set<(event: StoreEvent) => void>();
  const recordedListeners = new Set<(event: RecordedStoreEvent) => void>();
  const history: RecordedStoreEvent[] = [];
  let historyStart = 0;
  let currentVersion = 0;
  /** Events with a resourceVersion <= this are no longer in the history. */
  let forgottenUpTo = 0;

  const indexOf = (kind: string): KindIndex => {
    let index = kinds.get(kind);
    if (!index) {
      index = new KindIndex();
      kinds.set(kind, index);
    }
    return index;
  };

  const record = (event: RecordedStoreEvent) => {
    history.push(event);
    if (history.length - historyStart > historyLimit) {
      forgottenUpTo = history[historyStart].resourceVersion;
      historyStart += 1;
      if (historyStart > historyLimit) {
        history.splice(0, historyStart);
        historyStart = 0;
      }
    }
    for (const listener of recordedListeners) listener(event);
    for (const listener of listeners)
      listener({ type: event.type, object: event.object });
  };

  return {
    list(kind, listOptions = {}) {
      const selector = listOptions.labelSelector
        ? parseLabelSelector(listOptions.labelSelector)
        : undefined;
      const { namespace } = listOptions;
      return indexOf(kind)
        .snapshot()
        .filter(
          object =>
            (namespace === undefined ||
              object.metadata.namespace === namespace) &&
            (selector === undefined ||
              matchesLabelSelector(object.metadata.labels, selector)),
        );
    },

    get(kind, name, namespace) {
      return kinds.get(kind)?.objects.get(objectKey(name, namespace));
    },

    upsert(object) {
      const { name, namespace } = object.metadata;
      if (!name) throw new Error(`${object.kind} without metadata.name`);
      const index = indexOf(object.kind);
      const existing = index.objects.get(objectKey(name, namespace));
      if (existing && sameContent(existing, object)) return existing;

      const copy = structuredClone(object);
      currentVersion += 1;
      copy.metadata.uid =
        existing?.metadata.uid ?? object.metadata.uid ?? randomUUID();
      copy.metadata.creationTimestamp =
        existing?.metadata.creationTimestamp ??
        object.metadata.creationTimestamp ??
        kubeTimestamp(now());
      const previousGeneration = existing?.metadata.generation ?? 0;
      copy.metadata.generation =
        existing && sameSpec(existing, object)
          ? previousGeneration
          : previousGeneration + 1;
      copy.metadata.resourceVersion = String(currentVersion);
      const stored = deepFreeze(copy);
      index.set(stored);
      record(
        existing
          ? {
              type: 'MODIFIED',
              object: stored,
              resourceVersion: currentVersion,
              previous: existing,
            }
          : { type: 'ADDED', object: stored, resourceVersion: currentVersion },
      );
      return stored;
    },

    delete(kind, name, namespace) {
      const index = kinds.get(kind);
      const key = objectKey(name, namespace);
      const existing = index?.objects.get(key);
      if (!index || !existing) return false;
      currentVersion += 1;
      index.remove(key);
      const tombstone = deepFreeze({
        ...existing,
        metadata: {
          ...existing.metadata,
          resourceVersion: String(currentVersion),
        },
      });
      record({
        type: 'DELETED',
        object: tombstone,
        resourceVersion: currentVersion,
      });
      return true;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    resourceVersion() {
      return String(currentVersion);
    },

    snapshot(kind) {
      return indexOf(kind).snapshot();
    },

    eventsSince(resourceVersion) {
      if (resourceVersion < forgottenUpTo) return 'expired';
      const result: RecordedStoreEvent[] = [];
      for (let i = history.length - 1; i >= historyStart; i -= 1) {
        if (history[i].resourceVersion <= resourceVersion) break;
        result.push(history[i]);
      }
      return result.reverse();
    },

    subscribeRecorded(listener) {
      recordedListeners.add(listener);
      return () => {
        recordedListeners.delete(listener);
      };
    },

    compact() {
      history.length = 0;
      historyStart = 0;
      forgottenUpTo = currentVersion;
    },

    count(kind) {
      return kinds.get(kind)?.objects.size ?? 0;
    },
  };
}
