import type { KubeObject } from '../contracts';
import { objectKey, type HubObjectStore } from '../store';
import type { CollectionQuery } from './query';
import { objectFilter } from './query';
import type { HubResource } from './resources';
import { apiVersionOf } from './resources';
import { objectJson } from './serialize';
import type { KubeStatus } from './status';
import { badRequest, expiredContinue } from './status';

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

/** The store's sort key of an object (the same one pages resume from). */
function keyOf(object: KubeObject): string {
  return objectKey(object.metadata.name, object.metadata.namespace);
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(text: string): ContinueToken | undefined {
  try {
    const token: unknown = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    );
    if (
      typeof token === 'object' &&
      token !== null &&
      'rv' in token &&
      'start' in token &&
      typeof token.rv === 'number' &&
      typeof token.start === 'string'
    ) {
      return { v: 'meta.k8s.io/v1', rv: token.rv, start: token.start };
    }
  } catch {
    // falls through to undefined
  }
  return undefined;
}

/** First index in a sorted snapshot whose key is greater than or equal to `key`. */
function lowerBound(objects: readonly KubeObject[], key: string): number {
  let low = 0;
  let high = objects.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keyOf(objects[middle]) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Lists a collection, keeping the sorted snapshot of every paginated list so
 * that its continuation pages are consistent, as the API server's are.
 */
export class CollectionLister {
  private readonly snapshots = new Map<string, readonly KubeObject[]>();

  constructor(
    private readonly store: HubObjectStore,
    private readonly maxSnapshots = 64,
  ) {}

  /** The list response body (JSON text), or a Status for a bad or expired `continue`. */
  list(
    resource: HubResource,
    namespace: string | undefined,
    query: CollectionQuery,
  ): { body: string } | { status: KubeStatus } {
    let snapshot: readonly KubeObject[];
    let resourceVersion: number;
    let startIndex = 0;
    if (query.continueToken) {
      const token = decodeContinue(query.continueToken);
      if (!token)
        return {
          status: badRequest(
            'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
          ),
        };
      const kept = this.snapshots.get(`${resource.kind}@${token.rv}`);
      if (!kept || this.store.eventsSince(token.rv) === 'expired')
        return { status: expiredContinue() };
      snapshot = kept;
      resourceVersion = token.rv;
      startIndex = lowerBound(snapshot, token.start);
    } else {
      snapshot = this.store.snapshot(resource.kind);
      resourceVersion = Number(this.store.resourceVersion());
    }

    const matches = objectFilter(query, namespace);
    const items: string[] = [];
    let index = startIndex;
    let last: KubeObject | undefined;
    const limit = query.limit ?? Infinity;
    for (; index < snapshot.length && items.length < limit; index += 1) {
      const object = snapshot[index];
      if (matches(object)) {
        items.push(objectJson(object));
        last = object;
      }
    }
    let remaining = 0;
    for (let i = index; i < snapshot.length; i += 1)
      if (matches(snapshot[i])) remaining += 1;

    const metadata: Record<string, unknown> = {
      resourceVersion: String(resourceVersion),
    };
    if (remaining > 0 && last) {
      this.keep(`${resource.kind}@${resourceVersion}`, snapshot);
      metadata.continue = encodeContinue({
        v: 'meta.k8s.io/v1',
        rv: resourceVersion,
        start: `${keyOf(last)}\u0000`,
      });
      const filtered =
        query.labelSelector !== undefined || query.fieldSelector.length > 0;
      if (!filtered) metadata.remainingItemCount = remaining;
    }
    const body = `{"apiVersion":${JSON.stringify(
      apiVersionOf(resource),
    )},"items":[${items.join(',')}],"kind":${JSON.stringify(
      resource.listKind,
    )},"metadata":${JSON.stringify(metadata)}}`;
    return { body };
  }

  private keep(key: string, snapshot: readonly KubeObject[]) {
    this.snapshots.delete(key);
    this.snapshots.set(key, snapshot);
    while (this.snapshots.size > this.maxSnapshots) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest === undefined) break;
      this.snapshots.delete(oldest);
    }
  }
}
