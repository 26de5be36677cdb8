import type { LayerRevision } from '@mpm/contracts';

type Edit = NonNullable<LayerRevision['edit']>;

/** What an edit in the web did, as the revision list says it (`t` being i18next's). */
export function editText(edit: Edit, t: (key: string, values: Record<string, unknown>) => string): string {
  const values = { featureId: edit.featureId, name: edit.name ? `（${edit.name}）` : '' };
  if (edit.action === 'add') return t('Edit: added feature {{featureId}}{{name}}', values);
  if (edit.action === 'delete') return t('Edit: deleted feature {{featureId}}{{name}}', values);
  if (edit.parts.length === 2) return t('Edit: changed the attributes and boundary of feature {{featureId}}{{name}}', values);
  return edit.parts[0] === 'geometry'
    ? t('Edit: moved the boundary of feature {{featureId}}{{name}}', values)
    : t('Edit: changed the attributes of feature {{featureId}}{{name}}', values);
}
