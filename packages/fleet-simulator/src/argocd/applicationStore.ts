import type { WatchEventType } from '../contracts';
import type { Application } from './types';

export interface ApplicationEvent {
  type: WatchEventType;
  application: Application;
}

interface Entry {
  application: Application;
  /** The application serialized once, reused by every list and get. */
  json: string;
}

/**
 * The Applications the simulated ArgoCD serves, each kept with its JSON so
 * that listing tens of thousands is string concatenation. Stored
 * applications are never mutated: `put` replaces them.
 */
export function createApplicationStore() {
  const entries = new Map<string, Entry>();
  const listeners = new Set<(event: ApplicationEvent) => void>();
  let sortedNames: string[] | undefined;
  let version = 0;
  /** The unfiltered list body, kept until the next change. */
  let listBody: { version: number; body: Buffer } | undefined;

  function emit(event: ApplicationEvent): void {
    for (const listener of [...listeners]) {
      listener(event);
    }
  }

  return {
    /** Creates or replaces an application; stamps its resourceVersion. */
    put(application: Application): Application {
      version++;
      const stored: Application = {
        ...application,
        metadata: { ...application.metadata, resourceVersion: String(version) },
      };
      const existed = entries.has(stored.metadata.name);
      entries.set(stored.metadata.name, {
        application: stored,
        json: JSON.stringify(stored),
      });
      if (!existed) sortedNames = undefined;
      emit({ type: existed ? 'MODIFIED' : 'ADDED', application: stored });
      return stored;
    },
    delete(name: string): boolean {
      const entry = entries.get(name);
      if (!entry) return false;
      version++;
      entries.delete(name);
      sortedNames = undefined;
      // As a Kubernetes watch does, the DELETED object carries the
      // resourceVersion of the deletion.
      emit({
        type: 'DELETED',
        application: {
          ...entry.application,
          metadata: {
            ...entry.application.metadata,
            resourceVersion: String(version),
          },
        },
      });
      return true;
    },
    get(name: string): Application | undefined {
      return entries.get(name)?.application;
    },
    json(name: string): string | undefined {
      return entries.get(name)?.json;
    },
    /** Application names in ArgoCD's list order (by name). */
    names(): readonly string[] {
      if (!sortedNames) {
        sortedNames = [...entries.keys()].sort();
      }
      return sortedNames;
    },
    size(): number {
      return entries.size;
    },
    resourceVersion(): string {
      return String(version);
    },
    /** The `v1alpha1ApplicationList` of every application, serialized once per change. */
    fullList(): Buffer {
      if (listBody?.version !== version) {
        const names = sortedNames ?? [...entries.keys()].sort();
        sortedNames = names;
        const items = names
          .map(name => entries.get(name)?.json ?? '')
          .filter(json => json !== '');
        listBody = {
          version,
          body: Buffer.from(
            `{"metadata":{"resourceVersion":"${version}"},"items":[${items.join(
              ',',
            )}]}`,
          ),
        };
      }
      return listBody.body;
    },
    subscribe(listener: (event: ApplicationEvent) => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export type ApplicationStore = ReturnType<typeof createApplicationStore>;
