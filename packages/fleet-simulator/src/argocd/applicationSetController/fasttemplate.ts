/**
 * ArgoCD's legacy ApplicationSet templating (fasttemplate, `{{ key }}`):
 * every string value in a template is rendered; a tag whose trimmed key has
 * no parameter is left as written. Map keys are not rendered.
 */

/** Flat generator parameters, as fasttemplate mode sees them. */
export type TemplateParams = Readonly<Record<string, string>>;

const TAG = /\{\{([^{}]*)\}\}/g;

/** Renders the `{{ key }}` tags of one string. */
export function renderString(text: string, params: TemplateParams): string {
  if (!text.includes('{{')) {
    return text;
  }
  return text.replace(TAG, (whole, tag: string) => {
    const key = tag.trim();
    return key.length > 0 && Object.prototype.hasOwnProperty.call(params, key)
      ? params[key]
      : whole;
  });
}

/** Renders every string value in a JSON value (objects and arrays deeply). */
export function renderTemplate<T>(value: T, params: TemplateParams): T {
  return renderValue(value, params) as T;
}

function renderValue(value: unknown, params: TemplateParams): unknown {
  if (typeof value === 'string') {
    return renderString(value, params);
  }
  if (Array.isArray(value)) {
    return value.map(item => renderValue(item, params));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        renderValue(item, params),
      ]),
    );
  }
  return value;
}

/**
 * ArgoCD's `utils.SanitizeName` (used for `nameNormalized` and
 * `path.basenameNormalized`): lowercase, characters other than `a-z0-9-.`
 * become `-`, at most 253 characters, no leading or trailing `-`/`.`.
 */
export function sanitizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^-a-z0-9.]/g, '-')
    .slice(0, 253)
    .replace(/^[-.]+|[-.]+$/g, '');
}
