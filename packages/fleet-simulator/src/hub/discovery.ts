import { HUB_RESOURCES, hubGroups } from './resources';

/** Kubernetes version the simulated hub reports on `/version`. */
export const HUB_KUBERNETES_VERSION = {
  major: '1',
  minor: '30',
  gitVersion: 'v1.30.4',
};

export function versionInfo() {
  return {
    ...HUB_KUBERNETES_VERSION,
    gitCommit: 'a51b3b711150f57ffc1f526a640ec058514ed596',
    gitTreeState: 'clean',
    buildDate: '2024-08-14T19:04:33Z',
    goVersion: 'go1.22.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** The core group: only namespaces (read-only). */
export function coreResources() {
  return {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      {
        name: 'namespaces',
        singularName: 'namespace',
        namespaced: false,
        kind: 'Namespace',
        verbs: ['get', 'list'],
        shortNames: ['ns'],
      },
    ],
  };
}

function groupDocument(group: string, versions: string[]) {
  const entries = versions.map(version => ({
    groupVersion: `${group}/${version}`,
    version,
  }));
  return { name: group, versions: entries, preferredVersion: entries[0] };
}

export function apiGroupList() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: hubGroups().map(({ group, versions }) =>
      groupDocument(group, versions),
    ),
  };
}

export function apiGroup(group: string) {
  const found = hubGroups().find(g => g.group === group);
  return found
    ? {
        kind: 'APIGroup',
        apiVersion: 'v1',
        ...groupDocument(found.group, found.versions),
      }
    : undefined;
}

export function apiResourceList(group: string, version: string) {
  const resources = HUB_RESOURCES.filter(
    r => r.group === group && r.version === version,
  );
  if (resources.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: `${group}/${version}`,
    resources: resources.flatMap(resource => [
      {
        name: resource.plural,
        singularName: resource.singular,
        namespaced: resource.namespaced,
        kind: resource.kind,
        verbs: ['get', 'list', 'watch'],
        ...(resource.shortNames.length > 0
          ? { shortNames: resource.shortNames }
          : {}),
      },
      {
        name: `${resource.plural}/status`,
        singularName: '',
        namespaced: resource.namespaced,
        kind: resource.kind,
        verbs: ['get'],
      },
    ]),
  };
}
