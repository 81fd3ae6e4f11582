/*
 * The part of the Kustomization format the preview renderer implements.
 * Anything else is refused with UnsupportedKustomizationError, so a preview
 * is either exact or absent.
 */
import { z } from 'zod';

const selectorSchema = z
  .object({
    group: z.string().optional(),
    version: z.string().optional(),
    kind: z.string().optional(),
    name: z.string().optional(),
    namespace: z.string().optional(),
    labelSelector: z.string().optional(),
    annotationSelector: z.string().optional(),
  })
  .strict();

const patchSchema = z
  .object({
    path: z.string().optional(),
    patch: z.string().optional(),
    target: selectorSchema.optional(),
    options: z.record(z.boolean()).optional(),
  })
  .strict();

const json6902Schema = z
  .object({
    target: selectorSchema,
    path: z.string().optional(),
    patch: z.string().optional(),
  })
  .strict();

const labelSchema = z
  .object({
    pairs: z.record(z.string()),
    includeSelectors: z.boolean().optional(),
    includeTemplates: z.boolean().optional(),
  })
  .strict();

/** The keys the renderer understands; unknown keys fail the parse. */
export const kustomizationSchema = z
  .object({
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
    resources: z.array(z.string()).optional(),
    bases: z.array(z.string()).optional(),
    namePrefix: z.string().optional(),
    nameSuffix: z.string().optional(),
    namespace: z.string().optional(),
    patches: z.array(patchSchema).optional(),
    patchesJson6902: z.array(json6902Schema).optional(),
    patchesStrategicMerge: z.array(z.string()).optional(),
    commonLabels: z.record(z.string()).optional(),
    labels: z.array(labelSchema).optional(),
    commonAnnotations: z.record(z.string()).optional(),
  })
  .strict();

export type Kustomization = z.infer<typeof kustomizationSchema>;
export type PatchSelector = z.infer<typeof selectorSchema>;
