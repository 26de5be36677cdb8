import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isRightCollection, term, type Language, type LayerDef } from '@mpm/domain';
import { domainLanguage } from '../i18n/languages.ts';
import { styleFor } from '../map/layer-styles.ts';
import { availableLayers, groupLayers, isLayerOn, unpublishedIds } from '../state/derived.ts';
import { useServerData } from '../state/server-store.ts';
import { useSession } from '../state/session-store.ts';
import { chinaToday } from './data/china-time.ts';
import { ExportForm } from './data/ExportForm.tsx';
import { CategoryLegend, LegendSwatch } from './Legend.tsx';

/**
 * The layer list: the layers this caller may see, grouped as the catalogue groups them, each
 * with a switch, its legend swatch and its title. Layers the server does not list are absent.
 * Below them, any of these layers can be exported (数据导出), as the OGC API shows it to the caller.
 */
export function LayerPanel() {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const panelOpen = useSession((s) => s.panelOpen);
  const layerChoices = useSession((s) => s.layerChoices);
  const setLayerOn = useSession((s) => s.setLayerOn);
  const layers = useServerData((s) => s.layers);
  const user = useServerData((s) => s.user);
  const config = useServerData((s) => s.config);

  const defs = useMemo(() => availableLayers(layers), [layers]);
  const groups = useMemo(() => groupLayers(defs), [defs]);
  const unpublished = useMemo(() => unpublishedIds(layers), [layers]);

  return (
    <aside id="layer-panel" className="layer-panel" data-open={panelOpen} aria-label={t('Layers')}>
      <h2 className="panel-title">{t('Layers')}</h2>
      {layers && groups.length === 0 && <p className="panel-note">{t('No layers are available.')}</p>}
      {groups.map(({ group, layers: members }) => (
        <section key={group} className="layer-group" aria-labelledby={`group-${group}`}>
          <h3 id={`group-${group}`}>{term(group, lang)}</h3>
          <ul>
            {members.map((def) => (
              <LayerRow
                key={def.id}
                def={def}
                lang={lang}
                on={isLayerOn(def, layerChoices)}
                staffTag={user !== null && unpublished.has(def.id)}
                onChange={(on) => setLayerOn(def.id, on)}
              />
            ))}
          </ul>
          {members.some((def) => isRightCollection(def.id)) && <RightsAsOf />}
        </section>
      ))}
      {defs.length > 0 && (
        <details className="layer-export">
          <summary>{t('Export a layer')}</summary>
          <ExportForm lang={lang} layer={defs[0].id} layers={defs} />
        </details>
      )}
      <footer className="panel-footer">
        {!user && <p>{t('Public visitors see the layers the bureau has published. Staff sign in to see all layers.')}</p>}
        {config && (config.tiandituKey ? <BasemapSwitch /> : <p>{t('Basemap: the county’s own layers (no Tianditu key configured)')}</p>)}
      </footer>
    </aside>
  );
}

interface LayerRowProps {
  def: LayerDef;
  lang: Language;
  on: boolean;
  /** Mark the layer as unpublished (only staff see it). */
  staffTag: boolean;
  onChange(on: boolean): void;
}

function LayerRow({ def, lang, on, staffTag, onChange }: LayerRowProps) {
  const { t } = useTranslation();
  const style = styleFor(def);
  const categories = style.kind === 'polygon' && typeof style.fill !== 'string' ? style.fill : null;
  return (
    <li className="layer-row" data-layer-id={def.id}>
      <label>
        <input type="checkbox" checked={on} onChange={(event) => onChange(event.target.checked)} />
        <LegendSwatch def={def} />
        <span className="layer-title">{term(def.id, lang)}</span>
        {staffTag && (
          <span className="staff-tag" title={t('Not published to the public')}>
            {t('Staff only')}
          </span>
        )}
      </label>
      {categories && on && <CategoryLegend categories={categories} patterns={style.kind === 'polygon' ? style.patterns : undefined} lang={lang} />}
    </li>
  );
}

/**
 * The day the right layers are drawn as of: empty for the register as it stands; a past day
 * draws the rights as the register's history says they stood at its end (and goes in the URL).
 */
function RightsAsOf() {
  const { t } = useTranslation();
  const rightsAsOf = useSession((s) => s.rightsAsOf);
  const setRightsAsOf = useSession((s) => s.setRightsAsOf);
  const today = chinaToday();
  return (
    <div className="rights-as-of">
      <label>
        {t('Rights on the map as of')}{' '}
        <input
          type="date"
          max={today}
          value={rightsAsOf ?? ''}
          onChange={(event) => setRightsAsOf(event.target.value && event.target.value < today ? event.target.value : null)}
        />
      </label>
      {rightsAsOf && (
        <>
          <p className="panel-note" role="status">
            {t('The right layers show the register as it stood at the end of {{day}}.', { day: rightsAsOf })}
          </p>
          <button type="button" className="secondary-button" onClick={() => setRightsAsOf(null)}>
            {t('Back to today')}
          </button>
        </>
      )}
    </div>
  );
}

/** 天地图's vector map or its imagery under the layers (a key is configured). */
function BasemapSwitch() {
  const { t } = useTranslation();
  const basemap = useSession((s) => s.basemap);
  const setBasemap = useSession((s) => s.setBasemap);
  return (
    <div className="basemap-switch" role="group" aria-label={t('Basemap: Tianditu')}>
      <span>{t('Basemap: Tianditu')}</span>
      {(
        [
          ['vector', t('Vector map')],
          ['imagery', t('Imagery')],
        ] as const
      ).map(([kind, label]) => (
        <button key={kind} type="button" className="secondary-button" aria-pressed={basemap === kind} onClick={() => setBasemap(kind)}>
          {label}
        </button>
      ))}
    </div>
  );
}
