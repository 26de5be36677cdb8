const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML and SVG content and attribute values. */
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** Shorthand for {@link escapeHtml} inside templates. */
export const e = escapeHtml;

/** `template` with its `{name}` placeholders filled from `values`; a placeholder without a value stays as written. */
export const fillTemplate = (template: string, values: Record<string, string | number> = {}): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));

/** Fixed decimals, or an empty cell for a missing number. */
export const fixed = (value: number | undefined | null, decimals: number): string =>
  value === undefined || value === null || !Number.isFinite(value) ? '' : value.toFixed(decimals);
