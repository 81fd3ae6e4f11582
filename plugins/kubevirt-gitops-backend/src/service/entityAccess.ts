/*
 * Entity-scoped access, as the kubernetes backend does it: parse the entity
 * ref from the path, authorize with our permission (DENY → 403 before any
 * upstream call), then load the entity from the catalog with the caller's
 * credentials (not visible → 404), and read its annotations (→ 400 naming
 * what to add).
 */
import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { AnnotationProblem } from '@internal/plugin-kubevirt-gitops-common';
import { z } from 'zod';

const KIND = /^[a-zA-Z][a-zA-Z0-9-]{0,62}$/;
const NAME = /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,251}[a-zA-Z0-9])?$/;

const entityParamsSchema = z.object({
  namespace: z.string().regex(NAME, 'must be an entity namespace'),
  kind: z.string().regex(KIND, 'must be an entity kind'),
  name: z.string().regex(NAME, 'must be an entity name'),
});

/** Zod issues as `<field> <rule>; …` (a bare message for issues without a field). */
export function issuesText(issues: readonly z.ZodIssue[]): string {
  return issues
    .map(issue =>
      issue.path.length
        ? `${issue.path.join('.')} ${issue.message}`
        : issue.message,
    )
    .join('; ');
}

/** The entity ref of `/entities/:namespace/:kind/:name`; InputError when malformed. */
export function entityRefFromParams(params: unknown): string {
  const parsed = entityParamsSchema.safeParse(params);
  if (!parsed.success) {
    throw new InputError(
      `Invalid entity reference: ${issuesText(parsed.error.issues)}`,
    );
  }
  return stringifyEntityRef(parsed.data);
}

/** Throws NotAllowedError unless the permission is allowed. */
export async function requirePermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  request:
    | { permission: BasicPermission }
    | { permission: ResourcePermission; resourceRef: string },
): Promise<void> {
  const [decision] = await permissions.authorize([request], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${request.permission.name}`);
  }
}

/** Loads an entity on behalf of the caller; NotFoundError when it is not visible. */
export async function loadEntity(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  entityRef: string,
): Promise<Entity> {
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`Entity ${entityRef} not found`);
  }
  return entity;
}

/** The 400 for missing or malformed annotations, with the YAML to add. */
export function annotationError(
  entityRef: string,
  problems: readonly AnnotationProblem[],
): InputError {
  const text = problems
    .map(problem => `${problem.message}\n${problem.snippet}`)
    .join('\n');
  return new InputError(
    `Entity ${entityRef} lacks the annotations this needs (${problems
      .map(problem => problem.annotation)
      .join(', ')}):\n${text}`,
  );
}
