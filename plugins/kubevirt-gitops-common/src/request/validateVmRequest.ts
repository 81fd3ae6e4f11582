/*
 * validateVmRequest: structure (vmRequestSchema) first, then the rules that
 * need the configuration (vmRequestRules). Pure and isomorphic: the template
 * form, the scaffolder action and the backend all call it.
 */
import { fromZodIssues, type ValidationResult } from './validation';
import {
  checkCatalogImage,
  checkDuplicateSshKeys,
  checkEnvironments,
  checkInstancetypes,
  checkOverrideKeys,
  resolvePreference,
} from './vmRequestRules';
import { checkEachEnvironment } from './vmEnvironmentRules';
import { vmRequestSchema } from './vmRequestSchema';
import type {
  ValidatedVmRequest,
  VmRequest,
  VmRequestContext,
} from './vmRequestTypes';

/**
 * Validates a VM request against the configuration. Returns the normalised
 * request (preference resolved, SSH keys trimmed), or every issue found, each
 * naming its field (`environments[1]`, `sshKeys[0]`,
 * `overrides.prod.size.memory`) and the rule broken.
 *
 * Structural problems (types, formats, bounds, SSH keys, text) are reported
 * first; the rules that need the configuration run once the structure is
 * sound.
 *
 * @public
 */
export function validateVmRequest(
  input: unknown,
  context: VmRequestContext,
): ValidationResult<ValidatedVmRequest> {
  const parsed = vmRequestSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: fromZodIssues(parsed.error.issues) };
  }
  const request: VmRequest = {
    ...parsed.data,
    sshKeys: parsed.data.sshKeys.map(key => key.trim()),
  };
  const { preference, issues: preferenceIssues } = resolvePreference(
    request,
    context.images,
  );
  const issues = [
    ...checkEnvironments(request, context),
    ...checkOverrideKeys(request),
    ...checkInstancetypes(request),
    ...checkCatalogImage(request, context.images),
    ...preferenceIssues,
    ...checkEachEnvironment(request, context, preference),
    ...checkDuplicateSshKeys(request),
  ];
  if (preference === undefined && issues.length === 0) {
    issues.push({ field: 'preference', message: 'is required' });
  }
  if (issues.length > 0 || preference === undefined) {
    return { ok: false, issues };
  }
  return { ok: true, value: { ...request, preference } };
}
