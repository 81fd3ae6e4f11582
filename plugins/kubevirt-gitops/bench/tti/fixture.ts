/*
 * The fake backend answer of the benchmark: a VM on `count` clusters, spread
 * over three environments, with a pending pull request and an upstream error
 * (every part of the tab renders).
 */
import type { VmStatusResponse } from '@internal/plugin-kubevirt-gitops-common';
import {
  makeManyRows,
  makePullRequest,
  makeStatus,
} from '../../src/__testUtils__/fixtures';

export function benchStatus(count: number): VmStatusResponse {
  return makeStatus({
    rows: makeManyRows(count),
    pullRequests: [makePullRequest(12)],
    errors: [{ source: 'ocm:hub', message: 'watch restarted' }],
    generatedAt: new Date().toISOString(),
  });
}
