/*
 * The pull request body a reviewer reads: who asked for what, where it
 * lands, what it costs against each environment's limits, the exact
 * manifests each environment will get, and a link back to Backstage.
 */
import type {
  GitopsConfig,
  VmLimitCheck,
  VmOperationRequest,
} from '@internal/plugin-kubevirt-gitops-common';
import type { EnvironmentClustersResult } from '../environments/environmentClusters';
import type { EnvironmentPreview, VmChangeSet } from '../operations/types';
import {
  codeBlock,
  details,
  escapeInline,
  quoteBlock,
  table,
} from './markdown';
import { fingerprintMarker } from './openPulls';

/** GitHub refuses bodies longer than 65,536 characters; keep a margin. */
const MAX_BODY_LENGTH = 60000;

/**
 * Everything the body says.
 *
 * @public
 */
export interface PullRequestBodyInput {
  changeSet: VmChangeSet;
  operation: VmOperationRequest;
  config: GitopsConfig;
  fingerprint: string;
  /** Entity ref of the user who ran the template. */
  requester?: string;
  clusters: EnvironmentClustersResult;
  /** Link to the VM's entity page. */
  entityUrl?: string;
  /** Link to the scaffolder task. */
  taskUrl?: string;
}

const RESOURCE_TITLES: Record<VmLimitCheck['resource'], string> = {
  vcpus: 'vCPUs',
  memory: 'Memory',
  rootDisk: 'Root disk',
};

function code(text: string): string {
  return `\`${text.replace(/`/g, '')}\``;
}

function requestRows(input: PullRequestBodyInput): string[][] {
  const { changeSet, operation, config } = input;
  const rows = [
    ['VM', code(changeSet.vm)],
    ['Operation', code(changeSet.operation)],
    ['Requested by', escapeInline(input.requester ?? 'unknown')],
    [
      'Environments',
      escapeInline(changeSet.changedEnvironments.join(', ') || 'none'),
    ],
  ];
  if (operation.operation === 'create') {
    const { request } = operation;
    const image =
      'image' in request.bootSource
        ? config.images.find(
            entry =>
              entry.id === (request.bootSource as { image: string }).image,
          )?.title ?? request.bootSource.image
        : request.bootSource.containerDisk;
    rows.splice(
      2,
      0,
      ['Owner', escapeInline(request.owner)],
      ['Namespace', code(request.namespace)],
    );
    rows.push(
      ['Image', escapeInline(image)],
      ['Preference', code(request.preference ?? '')],
      ['Root disk', escapeInline(request.rootDiskSize)],
      ['SSH keys', String(request.sshKeys.length)],
    );
  }
  return rows;
}

function clusterCell(input: PullRequestBodyInput, environment: string): string {
  if (!input.clusters.ok) return 'not resolved';
  const clusters = input.clusters.clusters[environment] ?? [];
  if (clusters.length === 0) return 'none yet';
  return clusters
    .map(cluster =>
      escapeInline(
        cluster.availability && cluster.availability !== 'available'
          ? `${cluster.name} (${cluster.availability})`
          : cluster.name,
      ),
    )
    .join(', ');
}

function environmentSection(input: PullRequestBodyInput): string {
  const { changeSet, config } = input;
  const previews = changeSet.previews.filter(preview => preview.summary);
  const lines = ['#### Where it lands'];
  lines.push(
    table(
      [
        'Environment',
        'VM name',
        'Size',
        'Run strategy',
        'Image',
        'Root disk',
        'Clusters',
      ],
      previews.map(preview => {
        const summary = preview.summary;
        return summary
          ? [
              escapeInline(preview.environment),
              code(summary.vmName),
              escapeInline(summary.sizeLabel),
              escapeInline(summary.runStrategy),
              escapeInline(summary.image),
              escapeInline(summary.rootDisk),
              clusterCell(input, preview.environment),
            ]
          : [];
      }),
    ),
  );
  if (!input.clusters.ok) {
    const selectors = changeSet.environments
      .map(name => {
        const selector =
          config.environments.find(env => env.name === name)?.clusterSelector ??
          {};
        const labels = Object.entries(selector)
          .map(([key, value]) => `${key}=${value}`)
          .join(',');
        return `${escapeInline(name)}: ${code(labels)}`;
      })
      .join('; ');
    lines.push(
      '',
      `_Could not resolve the clusters (${escapeInline(
        input.clusters.reason,
      )}). ArgoCD deploys to every managed cluster whose labels match: ${selectors}._`,
    );
  }
  return lines.join('\n');
}

function limitsSection(previews: readonly EnvironmentPreview[]): string {
  const rows = previews.flatMap(preview => {
    const checks = preview.summary?.limitChecks ?? [];
    const cell = (resource: VmLimitCheck['resource']) => {
      const found = checks.find(item => item.resource === resource);
      if (!found) return 'n/a';
      return `${found.withinLimit ? '✅' : '❌'} ${escapeInline(
        found.requested,
      )} of ${escapeInline(found.limit)}`;
    };
    return preview.summary
      ? [
          [
            escapeInline(preview.environment),
            cell('vcpus'),
            cell('memory'),
            cell('rootDisk'),
          ],
        ]
      : [];
  });
  return [
    '#### Limits',
    table(['Environment', ...Object.values(RESOURCE_TITLES)], rows),
  ].join('\n');
}

function manifestsSection(
  previews: readonly EnvironmentPreview[],
  budget: number,
): string {
  const perEnvironment = Math.floor(budget / Math.max(1, previews.length));
  const sections = previews.map(preview => {
    const summary = `${escapeInline(
      preview.environment,
    )}: <code>kubectl kustomize ${escapeInline(preview.directory)}</code>`;
    if (preview.error !== undefined || preview.manifests === undefined) {
      return details(
        summary,
        `The preview could not render this environment: ${escapeInline(
          preview.error ?? 'unknown error',
        )}`,
      );
    }
    const manifests =
      preview.manifests.length > perEnvironment
        ? `${preview.manifests.slice(
            0,
            perEnvironment,
          )}\n# … cut here: see the files of this pull request\n`
        : preview.manifests;
    return details(summary, codeBlock(manifests, 'yaml'));
  });
  return ['#### Rendered manifests', ...sections].join('\n\n');
}

function removedSection(changeSet: VmChangeSet): string {
  const removed = changeSet.files
    .filter(file => 'deleted' in file)
    .map(file => `- ${code(file.path)}`);
  const shown = removed.slice(0, 200);
  if (removed.length > shown.length)
    shown.push(`- … and ${removed.length - shown.length} more`);
  return [
    `#### Removed files (${removed.length})`,
    ...shown,
    '',
    `${code(
      changeSet.paths.catalogInfoFile,
    )} is emptied rather than removed: the catalog location registered for the VM then reads no entity, and the VM leaves the catalog once this is merged.`,
  ].join('\n');
}

/** What the oracle checked before the pull request opened. */
function verificationSection(changeSet: VmChangeSet): string {
  const verification = changeSet.verification;
  if ('notRun' in verification) {
    return `#### Not verified\n\nThe overlays were not rendered before this pull request opened: ${escapeInline(
      verification.notRun,
    )}. Render them with \`kubectl kustomize\` before merging.`;
  }
  const { verdict } = verification;
  const shown = (value: unknown) =>
    value === undefined ? 'not set' : JSON.stringify(value);
  const changed = verdict.changes.map(change => {
    const values = (change.values ?? []).map(
      value =>
        `${code(value.field)}: ${code(shown(value.before))} → ${code(
          shown(value.after),
        )}`,
    );
    return `- ${escapeInline(change.environment ?? change.directory)}: ${code(
      change.object,
    )} ${
      values.length > 0
        ? values.join(', ')
        : change.fields.map(field => code(field)).join(', ')
    }`;
  });
  const unchanged =
    verdict.unchanged.length > 0
      ? `Unchanged: ${verdict.unchanged
          .map(name => escapeInline(name))
          .join(', ')}.`
      : '';
  return [
    '#### Verified before opening',
    '',
    `Every kustomization of the VM's folder (${
      verdict.directories.length
    }) was rendered with ${code(
      verdict.command,
    )} before and after this change, and the objects compared: only the asked VM, in the asked environments, in the fields this operation owns, differs; every rendered VM passes the KubeVirt schema.`,
    '',
    ...(changed.length > 0 ? ['Changed:', ...changed.slice(0, 50), ''] : []),
    unchanged,
  ].join('\n');
}

/** The markdown body of a change's pull request. */
export function renderPullRequestBody(input: PullRequestBodyInput): string {
  const { changeSet, operation } = input;
  const head = [
    `### ${escapeInline(changeSet.title)}`,
    '',
    quoteBlock(changeSet.description),
  ];
  if (operation.operation === 'create' && operation.request.description) {
    head.push('', quoteBlock(operation.request.description));
  }
  const links = [
    input.entityUrl
      ? `[Open ${escapeInline(changeSet.vm)} in Backstage](${encodeURI(
          input.entityUrl,
        )})`
      : '',
    input.taskUrl
      ? `[the Backstage task that opened this pull request](${encodeURI(
          input.taskUrl,
        )})`
      : '',
  ].filter(Boolean);
  const parts = [head.join('\n'), table(['', ''], requestRows(input))];
  if (changeSet.operation === 'decommission') {
    parts.push(removedSection(changeSet));
  } else {
    parts.push(environmentSection(input), limitsSection(changeSet.previews));
  }
  parts.push(verificationSection(changeSet));
  const footer = [
    links.length > 0 ? links.join(' · ') : '',
    '<sub>Opened by the kubevirt:vm:pull-request scaffolder action. Running the same request again returns this pull request.</sub>',
    fingerprintMarker(input.fingerprint),
  ]
    .filter(Boolean)
    .join('\n\n');
  const withoutManifests = [...parts, footer].join('\n\n');
  if (changeSet.operation === 'decommission') {
    return withoutManifests;
  }
  const budget = Math.max(
    0,
    MAX_BODY_LENGTH - withoutManifests.length - 500 * changeSet.previews.length,
  );
  return [...parts, manifestsSection(changeSet.previews, budget), footer].join(
    '\n\n',
  );
}
