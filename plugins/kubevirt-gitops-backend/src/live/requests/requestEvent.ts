/*
 * The request event (`kubevirt-gitops.vm-request`, common's VmRequestEvent)
 * as the tracker receives it: an unknown payload (`unknown`, from the
 * events bus), parsed with zod here into the request it stores.
 */
import {
  vmOperations,
  type VmRequestEvent,
} from '@internal/plugin-kubevirt-gitops-common';
import { z } from 'zod';
import { requestId, type TrackedRequest } from './RequestStore';

const requestEventSchema = z.object({
  kind: z.literal('opened'),
  requester: z.string().optional(),
  repository: z.string().min(3),
  repoUrl: z.string(),
  pullRequest: z.object({
    number: z.number().int().positive(),
    url: z.string(),
    title: z.string(),
    branch: z.string(),
    reused: z.boolean(),
  }),
  vmName: z.string().min(1),
  entityRef: z.string().min(1),
  operation: z.enum(vmOperations),
  environments: z.array(z.string()),
  declaredState: z.enum(['Running', 'Stopped', 'Deleted']).optional(),
  openedAt: z.string(),
});

/** The request of an event, or what is wrong with the payload. */
export function parseRequestEvent(
  payload: unknown,
): { ok: true; request: TrackedRequest } | { ok: false; problems: string } {
  const parsed = requestEventSchema.safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues
        .map(issue => `${issue.path.join('.')}: ${issue.message}`)
        .join('; '),
    };
  }
  const event: VmRequestEvent = parsed.data;
  return {
    ok: true,
    request: {
      id: requestId(event.repository, event.pullRequest.number),
      repository: event.repository,
      repoUrl: event.repoUrl,
      pullRequest: {
        number: event.pullRequest.number,
        url: event.pullRequest.url,
        title: event.pullRequest.title,
        branch: event.pullRequest.branch,
      },
      vmName: event.vmName,
      entityRef: event.entityRef,
      operation: event.operation,
      ...(event.requester ? { requester: event.requester } : {}),
      environments: event.environments,
      ...(event.declaredState ? { declaredState: event.declaredState } : {}),
      state: 'open',
      openedAt: event.openedAt,
    },
  };
}
