import { GLOSSARY, term, type Language, type TermKey } from '@mpm/domain';

/** One field an audited write changed: its path in the record (`buffers.railwayM`, `targets[0].targetMu`) and its values. */
export interface FieldChange {
  path: string;
  /** `undefined` when the field was not there before (added) or is not there after (removed). */
  before: unknown;
  after: unknown;
}

/** An audit entry's `detail` taken apart: the record before and after, and whatever else the write said. */
export interface AuditSides {
  before: unknown;
  after: unknown;
  /** The other members of `detail` (the body sent, a parcel id, counts…). */
  extra: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `detail` of an audit entry as its two sides and the rest (a detail without sides is all rest). */
export function auditSides(detail: unknown): AuditSides {
  if (!isRecord(detail)) return { before: null, after: null, extra: detail === null || detail === undefined ? {} : { detail } };
  const { before = null, after = null, ...extra } = detail;
  return { before, after, extra };
}

/** Every leaf of `value` by its path; an empty object or list is a leaf of its own. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value) && value.length > 0) value.forEach((item, i) => leaves(item, `${path}[${i}]`, out));
  else if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) leaves(item, path ? `${path}.${key}` : key, out);
  } else out.set(path, value);
  return out;
}

/**
 * The fields that differ between `before` and `after`, in the order the record lists them
 * (fields only in `after` last). A record created (before null) lists every field as added; one
 * removed, every field as removed. Values compare by their JSON.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const was = before === null ? new Map<string, unknown>() : leaves(before, '', new Map());
  const now = after === null ? new Map<string, unknown>() : leaves(after, '', new Map());
  const paths = [...new Set([...was.keys(), ...now.keys()])];
  return paths
    .filter((path) => !was.has(path) || !now.has(path) || JSON.stringify(was.get(path)) !== JSON.stringify(now.get(path)))
    .map((path) => ({ path, before: was.get(path), after: now.get(path) }));
}

/** A field's value as the diff shows it: text as is, null as a dash, lists and objects as compact JSON. */
export function fieldText(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * What a changed field is called in the glossary (its path's last name: `targets[0].targetMu` →
 * `targetMu`), or undefined when the glossary has no word for it and the path is shown alone.
 */
export function fieldName(path: string, lang: Language): string | undefined {
  const last = /([A-Za-z_]\w*)(?:\[\d+\])*$/.exec(path)?.[1];
  return last !== undefined && Object.hasOwn(GLOSSARY, last) ? term(last as TermKey, lang) : undefined;
}
