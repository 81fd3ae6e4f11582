/*
 * The plugin's routes. Every route takes an entity ref (or nothing): the
 * backend reads what to query from the entity's annotations and never
 * forwards anything from the browser upstream.
 */
import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  checkDnsLabel,
  kubevirtGitopsFleetReadPermission,
  kubevirtGitopsVmReadPermission,
  kubevirtGitopsVmRefreshPermission,
  readClusterSetAnnotation,
  readVmAnnotations,
  type VmTimelineResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import type express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { FleetViews } from '../fleet/FleetViews';
import type { VmStatusService } from '../vm/VmStatusService';
import type { VmSignals } from '../live/VmSignals';
import type { RequestTracker } from '../live/requests/RequestTracker';
import {
  annotationError,
  entityRefFromParams,
  issuesText,
  loadEntity,
  requirePermission,
} from './entityAccess';
import { sendSerialized } from './serializedBody';

/** What the router needs. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  views: FleetViews;
  vms: VmStatusService;
  /** Told which entities pages show, to signal them when their rows change. */
  live?: Pick<VmSignals, 'watch'>;
  /** The VM requests' timelines (GET …/timeline). */
  requests?: Pick<RequestTracker, 'timeline'>;
  logger: LoggerService;
}

/** `?clusterSet=` only, checked by the rule the cluster-set annotation follows. */
const fleetQuerySchema = z
  .object({
    clusterSet: z
      .string()
      .superRefine((value, ctx) => {
        const problem = checkDnsLabel(value);
        if (problem)
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      })
      .optional(),
  })
  .strict();

/** Creates the router. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, views, vms } = options;
  // No body parser: no route reads a request body (the refresh is a bare
  // POST), and parsing one on every request only makes garbage.
  const router = Router();

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  async function vmEntity(
    req: express.Request,
    permission: typeof kubevirtGitopsVmReadPermission,
  ) {
    const entityRef = entityRefFromParams(req.params);
    const credentials = await credentialsOf(req);
    await requirePermission(permissions, credentials, {
      permission,
      resourceRef: entityRef,
    });
    const entity = await loadEntity(catalog, credentials, entityRef);
    const annotations = readVmAnnotations(entity);
    if (!annotations.ok) {
      throw annotationError(entityRef, annotations.problems);
    }
    return {
      entityRef,
      annotations: annotations.annotations,
      userRef:
        credentials.principal.type === 'user'
          ? credentials.principal.userEntityRef
          : undefined,
    };
  }

  router.get('/entities/:namespace/:kind/:name/vms', async (req, res) => {
    const { entityRef, annotations, userRef } = await vmEntity(
      req,
      kubevirtGitopsVmReadPermission,
    );
    if (userRef) options.live?.watch(entityRef, annotations, userRef);
    await sendSerialized(
      req,
      res,
      await vms.getStatusBody(entityRef, annotations),
    );
  });

  // The request→running timeline: the same permission and entity checks
  // as the VM route, then the tracker's stored steps (no upstream call).
  router.get('/entities/:namespace/:kind/:name/timeline', async (req, res) => {
    const { entityRef } = await vmEntity(req, kubevirtGitopsVmReadPermission);
    const answer: VmTimelineResponse = options.requests
      ? await options.requests.timeline(entityRef)
      : { entityRef, requests: [] };
    res.json(answer);
  });

  router.post(
    '/entities/:namespace/:kind/:name/vms/refresh',
    async (req, res) => {
      const { entityRef, annotations } = await vmEntity(
        req,
        kubevirtGitopsVmRefreshPermission,
      );
      res.json(await vms.refresh(entityRef, annotations));
    },
  );

  router.get('/entities/:namespace/:kind/:name/fleet', async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    const credentials = await credentialsOf(req);
    await requirePermission(permissions, credentials, {
      permission: kubevirtGitopsFleetReadPermission,
    });
    const entity = await loadEntity(catalog, credentials, entityRef);
    const clusterSet = readClusterSetAnnotation(entity);
    if (!clusterSet.ok) {
      throw annotationError(entityRef, clusterSet.problems);
    }
    await sendSerialized(req, res, await views.fleet(clusterSet.clusterSet));
  });

  router.get('/fleet', async (req, res) => {
    const query = fleetQuerySchema.safeParse(req.query);
    if (!query.success) {
      throw new InputError(`Invalid query: ${issuesText(query.error.issues)}`);
    }
    const credentials = await credentialsOf(req);
    await requirePermission(permissions, credentials, {
      permission: kubevirtGitopsFleetReadPermission,
    });
    await sendSerialized(req, res, await views.fleet(query.data.clusterSet));
  });

  router.get('/environments', async (req, res) => {
    const credentials = await credentialsOf(req);
    await requirePermission(permissions, credentials, {
      permission: kubevirtGitopsFleetReadPermission,
    });
    res.json(await views.environments());
  });

  router.get('/choices', async (req, res) => {
    const credentials = await credentialsOf(req);
    await requirePermission(permissions, credentials, {
      permission: kubevirtGitopsFleetReadPermission,
    });
    res.json(await views.choices());
  });

  return router;
}
