/*
 * Every file this package writes is built with the `yaml` library's Document
 * API (never string templates), as YAML 1.1 so that strings such as `yes`,
 * `on` or `2024-01-01` are quoted and read back by Go (kustomize, ArgoCD) as
 * strings.
 */
import { Document, parseDocument } from 'yaml';

/** Options shared by every document this package creates or edits. */
export const YAML_OPTIONS = { version: '1.1' } as const;

/** A new document for `value`, with an optional comment at the top. */
export function createYamlDocument(value: unknown, comment?: string): Document {
  const document = new Document(value, YAML_OPTIONS);
  if (comment) {
    document.commentBefore = comment;
  }
  return document;
}

/** Parses an existing file for editing (comments and formatting kept). */
export function parseYamlForEdit(text: string): Document {
  return parseDocument(text, { ...YAML_OPTIONS, keepSourceTokens: false });
}

/** The text of a document, never folding long lines. */
export function yamlText(document: Document): string {
  return document.toString({ lineWidth: 0 });
}

/** The header comment of generated files. */
export const GENERATED_COMMENT =
  ' Written by the kubevirt-gitops scaffolder action. Edit it like any other file:\n later pull requests change only the fields they manage.';
