import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerSummary } from '@mpm/contracts';
import { getLayer, isCollectionId, LAYERS, term, type CollectionId, type Language } from '@mpm/domain';
import { domainLanguage } from '../../i18n/languages.ts';
import { useSettingsData } from '../../state/admin-settings-store.ts';
import { useServerData } from '../../state/server-store.ts';
import { useSession } from '../../state/session-store.ts';
import { FormActions } from './FormActions.tsx';
import { SaveOutcome, useSaving } from './SaveOutcome.tsx';

/** A listed layer the catalogue knows. */
type CatalogueLayer = LayerSummary & { id: CollectionId };

/** The catalogue's order (the layer list's), bottom layer first. */
const CATALOGUE_ORDER: readonly CollectionId[] = LAYERS.map((def) => def.id);

/** 图层发布: per layer, whether the public sees it and which of its fields it does not. */
export function SettingsLayers() {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const layers = useServerData((s) => s.layers);
  const [editing, setEditing] = useState<string | null>(null);
  const known = (layers ?? [])
    .filter((layer): layer is CatalogueLayer => isCollectionId(layer.id))
    .sort((a, b) => CATALOGUE_ORDER.indexOf(a.id) - CATALOGUE_ORDER.indexOf(b.id));
  return (
    <section className="plan-section" aria-labelledby="settings-layers-title">
      <h3 id="settings-layers-title">{t('Layer publication')}</h3>
      <p className="plan-note">{t('Published layers are on the public map and in the OGC API; hidden fields are left out for visitors.')}</p>
      <ul className="settings-layer-list" aria-label={t('Layer publication')}>
        {known.map((layer) => {
          const title = term(layer.id, lang);
          return (
            <li key={layer.id} className="settings-layer" aria-label={title}>
              <div className="admin-user-head">
                <strong>{title}</strong>
                <span className={layer.isPublic ? 'admin-badge' : 'admin-badge admin-badge-off'}>
                  {layer.isPublic ? t('Published') : t('Not published')}
                </span>
                {(layer.hiddenFields?.length ?? 0) > 0 && (
                  <span className="admin-muted">{t('{{number}} fields hidden', { number: layer.hiddenFields!.length })}</span>
                )}
                <button type="button" className="link-button" aria-expanded={editing === layer.id} onClick={() => setEditing(editing === layer.id ? null : layer.id)}>
                  {t('Edit')}
                </button>
              </div>
              {editing === layer.id && <LayerForm key={JSON.stringify(layer)} layer={layer} lang={lang} title={title} onClose={() => setEditing(null)} />}
              <SaveOutcome section="layers" layer={layer.id} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** One layer's publication, saved together (the hidden fields replace the list). */
function LayerForm({ layer, lang, title, onClose }: { layer: CatalogueLayer; lang: Language; title: string; onClose(): void }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const saveLayer = useSettingsData((s) => s.saveLayer);
  const saving = useSaving('layers');
  const [isPublic, setPublic] = useState(layer.isPublic);
  const [hidden, setHidden] = useState<string[]>(layer.hiddenFields ?? []);
  const fields = getLayer(layer.id).fields;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ordered = fields.map((f) => f.key as string).filter((key) => hidden.includes(key));
    if (await saveLayer(layer.id, { isPublic, hiddenFields: ordered }, language)) onClose();
  }

  return (
    <form className="admin-form" onSubmit={submit} aria-label={t('Publication of {{layer}}', { layer: title })}>
      <label className="settings-check">
        <input type="checkbox" checked={isPublic} onChange={(event) => setPublic(event.target.checked)} />
        {t('Published to the public')}
      </label>
      <fieldset className="settings-fields">
        <legend>{t('Fields kept from the public')}</legend>
        {fields.map((field) => (
          <label key={field.key} className="settings-check">
            <input
              type="checkbox"
              disabled={field.staffOnly}
              checked={field.staffOnly === true || hidden.includes(field.key)}
              onChange={(event) => setHidden(event.target.checked ? [...hidden, field.key] : hidden.filter((key) => key !== field.key))}
            />
            {term(field.key, lang)}
            {field.staffOnly && <span className="admin-muted"> {t('(staff only, never public)')}</span>}
          </label>
        ))}
      </fieldset>
      <FormActions submitLabel={t('Save')} saving={saving} onCancel={onClose} />
    </form>
  );
}
