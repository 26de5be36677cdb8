import { useTranslation } from 'react-i18next';
import { formatValue, getLayer, term, type Language } from '@mpm/domain';
import { domainLanguage } from '../i18n/languages.ts';
import { useSession, type SelectedFeature, type Selection } from '../state/session-store.ts';
import { LegendSwatch } from './Legend.tsx';
import { CORNER_LIST_LAYERS, CornerListExport } from './CornerListExport.tsx';

/** The attributes of every feature under a click, top layer first, labelled in the UI language. */
export function FeaturePopup({ selection }: { selection: Selection }) {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const count = selection.features.length;
  return (
    <div className="feature-popup-body" aria-label={t('Feature attributes')}>
      {count > 1 && <p className="feature-count">{t('{{count}} features here', { count })}</p>}
      {selection.features.map((feature) => (
        <FeatureCard key={`${feature.layerId}/${feature.featureId ?? ''}`} feature={feature} lang={lang} />
      ))}
    </div>
  );
}

function FeatureCard({ feature, lang }: { feature: SelectedFeature; lang: Language }) {
  const def = getLayer(feature.layerId);
  const rows = def.fields
    .map((field) => ({ field, text: formatValue(field, feature.properties[field.key], lang) }))
    .filter((row) => row.text !== '');
  return (
    <section className="feature-card" data-layer-id={def.id}>
      <h3>
        <LegendSwatch def={def} />
        <span>{term(def.id, lang)}</span>
      </h3>
      <dl>
        {rows.map(({ field, text }) => (
          <div key={field.key} className="feature-row">
            <dt>{term(field.key, lang)}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      {CORNER_LIST_LAYERS.includes(def.id) && typeof feature.featureId === 'number' && (
        <CornerListExport source={{ layer: def.id, featureId: feature.featureId }} lang={lang} />
      )}
    </section>
  );
}
