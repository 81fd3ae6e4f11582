/*
 * Reads `kubevirtGitops` once at startup into a typed BackendConfig. Any
 * problem throws one Error listing every broken key
 * (`kubevirtGitops.argocd.instances[0].url: must be an http(s) URL ...`).
 */
import fs from 'node:fs';
import type { Config } from '@backstage/config';
import {
  formatFieldPath,
  GITOPS_CONFIG_KEY,
  safeParseGitopsConfig,
} from '@internal/plugin-kubevirt-gitops-common';
import type { ZodIssue } from 'zod';
import { errorCode } from '../upstream/errors';
import {
  backendConfigSchema,
  type RawArgocdInstance,
  type RawOcmHub,
} from './schema';
import type {
  ArgocdInstanceConfig,
  BackendConfig,
  OcmHubConfig,
  UpstreamTls,
} from './types';

const ROOT_KEY = 'kubevirtGitops';

/** Defaults of every optional setting. */
export const CONFIG_DEFAULTS = {
  fleetIntervalSeconds: 30,
  detailTtlSeconds: 15,
  pullRequestTtlSeconds: 60,
  maxSnapshotPartMegabytes: 32,
  watch: true,
  watchSafetyNetSeconds: 300,
  argocdTimeoutMs: 5000,
  hubTimeoutMs: 5000,
  githubTimeoutMs: 5000,
  maxApplications: 25,
  concurrency: 8,
  pageSize: 500,
  virtualizationStackPattern:
    '(^|-)(kubevirt|kubevirt-hyperconverged|hyperconverged|hco|cdi|containerized-data-importer|openshift-virtualization|cnv)(-|$)',
} as const;

/** What reading the configuration needs from the outside world. */
export interface ReadBackendConfigOptions {
  /** Reads a CA or kubeconfig file (tests inject a fake). */
  readFile?: (path: string) => string;
}

class ConfigProblems {
  readonly lines: string[] = [];

  add(key: string, message: string): void {
    this.lines.push(`  ${key}: ${message}`);
  }

  addZod(prefix: string, issues: readonly ZodIssue[]): void {
    for (const issue of issues) {
      const path = formatFieldPath(issue.path);
      const key = path.startsWith('[')
        ? `${prefix}${path}`
        : `${prefix}.${path}`;
      this.add(path ? key : prefix, issue.message);
    }
  }

  throwIfAny(): void {
    if (this.lines.length > 0) {
      throw new Error(
        `Invalid kubevirt-gitops configuration:\n${this.lines.join('\n')}`,
      );
    }
  }
}

function decodeCaData(caData: string): string {
  if (caData.includes('-----BEGIN')) {
    return caData;
  }
  return Buffer.from(caData, 'base64').toString('utf8');
}

function readTls(
  raw: { caData?: string; caFile?: string; skipTLSVerify?: boolean },
  key: string,
  problems: ConfigProblems,
  readFile: (path: string) => string,
): UpstreamTls {
  const tls: UpstreamTls = { skipTLSVerify: raw.skipTLSVerify === true };
  if (raw.caData !== undefined) {
    tls.ca = decodeCaData(raw.caData);
    if (!tls.ca.includes('-----BEGIN CERTIFICATE-----')) {
      problems.add(
        `${key}.caData`,
        'must be a PEM certificate (or base64 of one)',
      );
    }
  } else if (raw.caFile !== undefined) {
    try {
      tls.ca = readFile(raw.caFile);
    } catch (error) {
      problems.add(
        `${key}.caFile`,
        `cannot be read (${errorCode(error) ?? 'error'})`,
      );
    }
  }
  return tls;
}

function toArgocdInstance(
  raw: RawArgocdInstance,
  key: string,
  defaultTimeoutMs: number,
  problems: ConfigProblems,
  readFile: (path: string) => string,
): ArgocdInstanceConfig {
  const url = raw.url.replace(/\/+$/, '');
  const instance: ArgocdInstanceConfig = {
    name: raw.name,
    url,
    auth:
      raw.token !== undefined
        ? { type: 'token', token: raw.token }
        : {
            type: 'session',
            username: raw.username ?? '',
            password: raw.password ?? '',
          },
    tls: readTls(raw, key, problems, readFile),
    uiUrl: (raw.uiUrl ?? url).replace(/\/+$/, ''),
    timeoutMs: raw.timeoutMs ?? defaultTimeoutMs,
  };
  if (raw.appNamespace) instance.appNamespace = raw.appNamespace;
  if (raw.applicationSelector) {
    instance.applicationSelector = raw.applicationSelector;
  }
  return instance;
}

function toOcmHub(
  raw: RawOcmHub,
  key: string,
  defaultTimeoutMs: number,
  problems: ConfigProblems,
  readFile: (path: string) => string,
): OcmHubConfig {
  let connection: OcmHubConfig['connection'];
  if (raw.kubeconfigPath !== undefined) {
    try {
      readFile(raw.kubeconfigPath);
    } catch (error) {
      problems.add(
        `${key}.kubeconfigPath`,
        `cannot be read (${errorCode(error) ?? 'error'})`,
      );
    }
    connection = {
      type: 'kubeconfig',
      path: raw.kubeconfigPath,
      ...(raw.kubeconfigContext ? { context: raw.kubeconfigContext } : {}),
    };
  } else {
    connection = {
      type: 'url',
      url: (raw.url ?? '').replace(/\/+$/, ''),
      token: raw.token ?? '',
      tls: readTls(raw, key, problems, readFile),
    };
  }
  return {
    name: raw.name,
    connection,
    clusterSets: raw.clusterSets ?? [],
    timeoutMs: raw.timeoutMs ?? defaultTimeoutMs,
    pageSize: raw.pageSize ?? CONFIG_DEFAULTS.pageSize,
  };
}

function readGitops(
  config: Config,
  problems: ConfigProblems,
): BackendConfig['gitops'] {
  const rawGitops = config.getOptional(GITOPS_CONFIG_KEY);
  if (rawGitops === undefined) {
    return undefined;
  }
  const result = safeParseGitopsConfig(rawGitops, GITOPS_CONFIG_KEY);
  if (result.ok) {
    return result.value;
  }
  result.issues.forEach(issue => problems.add(issue.field, issue.message));
  return undefined;
}

/**
 * Reads and checks the `kubevirtGitops` configuration. Throws an Error naming
 * every broken key; never returns a half-read configuration.
 */
export function readBackendConfig(
  config: Config,
  options: ReadBackendConfigOptions = {},
): BackendConfig {
  const readFile =
    options.readFile ?? ((path: string) => fs.readFileSync(path, 'utf8'));
  const problems = new ConfigProblems();
  const rawRoot = config.getOptional(ROOT_KEY) ?? {};
  const gitops = readGitops(config, problems);
  const parsed = backendConfigSchema.safeParse(rawRoot);
  if (!parsed.success) {
    problems.addZod(ROOT_KEY, parsed.error.issues);
    problems.throwIfAny();
  }
  const raw = parsed.success ? parsed.data : backendConfigSchema.parse({});
  const timeouts = raw.timeouts ?? {};

  const argocd = (raw.argocd?.instances ?? []).map((instance, index) =>
    toArgocdInstance(
      instance,
      `${ROOT_KEY}.argocd.instances[${index}]`,
      timeouts.argocdMs ?? CONFIG_DEFAULTS.argocdTimeoutMs,
      problems,
      readFile,
    ),
  );
  const hubs = (raw.ocm?.hubs ?? []).map((hub, index) =>
    toOcmHub(
      hub,
      `${ROOT_KEY}.ocm.hubs[${index}]`,
      timeouts.hubMs ?? CONFIG_DEFAULTS.hubTimeoutMs,
      problems,
      readFile,
    ),
  );
  problems.throwIfAny();

  const refresh = raw.refresh ?? {};
  return {
    argocd,
    hubs,
    ...(gitops ? { gitops } : {}),
    refresh: {
      fleetIntervalMs:
        (refresh.fleetIntervalSeconds ?? CONFIG_DEFAULTS.fleetIntervalSeconds) *
        1000,
      detailTtlMs:
        (refresh.detailTtlSeconds ?? CONFIG_DEFAULTS.detailTtlSeconds) * 1000,
      pullRequestTtlMs:
        (refresh.pullRequestTtlSeconds ??
          CONFIG_DEFAULTS.pullRequestTtlSeconds) * 1000,
      maxSnapshotPartBytes: Math.round(
        (refresh.maxSnapshotPartMegabytes ??
          CONFIG_DEFAULTS.maxSnapshotPartMegabytes) *
          1024 *
          1024,
      ),
      watch: refresh.watch ?? CONFIG_DEFAULTS.watch,
      liveRecheckMs: {
        pending: (refresh.liveRecheckSeconds?.pending ?? 2) * 1000,
        settled: (refresh.liveRecheckSeconds?.settled ?? 10) * 1000,
      },
      requestCheckMs: (refresh.requestCheckSeconds ?? 1) * 1000,
      watchSafetyNetMs:
        (refresh.watchSafetyNetSeconds ??
          CONFIG_DEFAULTS.watchSafetyNetSeconds) * 1000,
    },
    detail: {
      maxApplications:
        raw.detail?.maxApplications ?? CONFIG_DEFAULTS.maxApplications,
      concurrency: raw.detail?.concurrency ?? CONFIG_DEFAULTS.concurrency,
    },
    githubTimeoutMs: timeouts.githubMs ?? CONFIG_DEFAULTS.githubTimeoutMs,
    virtualizationStackPattern: new RegExp(
      raw.fleet?.virtualizationStackPattern ??
        CONFIG_DEFAULTS.virtualizationStackPattern,
      'i',
    ),
  };
}

/** Warnings worth logging at startup (TLS verification switched off somewhere). */
export function configWarnings(config: BackendConfig): string[] {
  const warnings: string[] = [];
  for (const instance of config.argocd) {
    if (instance.tls.skipTLSVerify) {
      warnings.push(
        `kubevirtGitops.argocd.instances "${instance.name}": skipTLSVerify is on; TLS certificates of ${instance.url} are not verified (this instance only)`,
      );
    }
  }
  for (const hub of config.hubs) {
    if (hub.connection.type === 'url' && hub.connection.tls.skipTLSVerify) {
      warnings.push(
        `kubevirtGitops.ocm.hubs "${hub.name}": skipTLSVerify is on; TLS certificates of ${hub.connection.url} are not verified (this hub only)`,
      );
    }
  }
  if (!config.gitops) {
    warnings.push(
      'kubevirtGitops.gitops is not configured: /environments answers no environments and open pull requests are not shown',
    );
  }
  return warnings;
}
