import type { KubeObject } from '../contracts';

const jsonCache = new WeakMap<KubeObject, string>();

/**
 * The JSON text of a stored object, computed once: stored objects are
 * frozen, so the text stays valid for the object's lifetime and is shared by
 * every list, get and watch that sends it.
 */
export function objectJson(object: KubeObject): string {
  let json = jsonCache.get(object);
  if (json === undefined) {
    json = JSON.stringify(object);
    if (Object.isFrozen(object)) jsonCache.set(object, json);
  }
  return json;
}
