import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatValue, getLayer, isEditableLayer, term, type FieldDef, type Language } from '@mpm/domain';
import { SNAP_TOLERANCE_PX } from '../../edit/snap.ts';
import { NEIGHBOURS_MIN_ZOOM } from '../../edit/neighbours.ts';
import { useDataSession } from '../../state/data-session.ts';
import { useEditSession } from '../../state/edit-session.ts';
import { useServerData } from '../../state/server-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';

/** One attribute's input: a select for enumerated values, a number or date box, else text. */
function FieldInput({ field, value, lang, onChange }: { field: FieldDef; value: unknown; lang: Language; onChange(value: unknown): void }) {
  const id = `edit-field-${field.key}`;
  let input;
  if (field.type === 'enum') {
    input = (
      <select id={id} value={value == null ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
        <option value="">—</option>
        {(field.values ?? []).map((v) => (
          <option key={v} value={v}>
            {term(v, lang)}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'number' || field.type === 'integer') {
    input = (
      <input
        id={id}
        type="number"
        step={field.type === 'integer' ? 1 : 'any'}
        value={value == null ? '' : String(value)}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      />
    );
  } else {
    input = (
      <input id={id} type={field.type === 'date' ? 'date' : 'text'} value={value == null ? '' : String(value)} onChange={(e) => onChange(e.target.value)} />
    );
  }
  return (
    <div className="data-field">
      <label htmlFor={id}>{term(field.key, lang)}</label>
      {input}
    </div>
  );
}

/**
 * 编辑要素: the chosen layer's features edited in place — pick one on the map (or in the list),
 * change its attributes, drag its corners (a midpoint dragged adds one, a corner right-clicked
 * goes), undo the last move, or draw a new feature; every corner snaps to the corners and edges of
 * the layer's other features and of the other layers shown within {@link SNAP_TOLERANCE_PX} pixels. Saving makes the layer's next revision; a 409 (someone saved
 * first) is shown in the server's words.
 */
export function FeatureEditor({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const layer = useDataSession((s) => s.layer);
  const tileRevision = useServerData((s) => s.tileRevisions[layer]);
  const session = useEditSession();
  const editable = isEditableLayer(layer);

  // Loaded anew for another layer, and after any write to this one (a restore, an import).
  useEffect(() => {
    if (isEditableLayer(layer)) void useEditSession.getState().load(layer, useSession.getState().language);
  }, [layer, tileRevision]);

  if (!editable) {
    return <p className="plan-note">{t('Features of this layer are not edited here: rights and restoration parcels have their registers, other layers are imported.')}</p>;
  }
  const fields = getLayer(layer).fields.filter((f) => !f.computed);
  const { target, features, properties, undoStack, saving, problem, saved } = session;
  const nameOf = (id: number) => {
    const feature = features.find((f) => f.id === id);
    return feature?.properties.name ?? feature?.properties.code ?? id;
  };

  return (
    <section className="plan-section feature-editor" aria-labelledby="edit-title">
      <h3 id="edit-title">{t('Edit features of {{layer}}', { layer: term(layer, lang) })}</h3>
      <p className="plan-note">
        {t(
          "Corners snap within {{px}} pixels to the corners, else the edges, of this layer's other features and of the other layers shown on the map (the rights included; from zoom {{zoom}}).",
          { px: SNAP_TOLERANCE_PX, zoom: NEIGHBOURS_MIN_ZOOM },
        )}
      </p>
      {saved && !problem && (
        <p className="plan-note" role="status">
          {t('Saved as revision {{revision}} of the layer.', { revision: saved.revision.revision })}
        </p>
      )}
      <ProblemNotice problem={problem} sentence={(message) => t('Not saved: {{message}}', { message })} />
      {!target && (
        <>
          <p className="plan-note">{t('Click a feature on the map to edit it, or choose it here.')}</p>
          <div className="data-field">
            <label htmlFor="edit-feature">{t('Feature')}</label>
            <select id="edit-feature" value="" onChange={(e) => e.target.value && session.open(Number(e.target.value))}>
              <option value="">{session.loading ? t('Loading…') : '—'}</option>
              {features.map((f) => (
                <option key={f.id} value={f.id}>
                  {String(f.properties.name ?? f.properties.code ?? f.id)} · {f.id}
                </option>
              ))}
            </select>
          </div>
          <div className="data-actions">
            <button type="button" className="secondary-button" onClick={session.startNew}>
              {t('Draw a new feature')}
            </button>
          </div>
        </>
      )}
      {target && (
        <form
          className="edit-form"
          onSubmit={(event) => {
            event.preventDefault();
            void session.save(language);
          }}
        >
          <h4>{target.kind === 'new' ? t('New feature') : t('Feature {{id}}: {{name}}', { id: target.id, name: nameOf(target.id) })}</h4>
          {target.kind === 'feature' && <p className="plan-note">{t('Right-click a corner to delete it; a ring keeps at least three corners.')}</p>}
          {target.kind === 'new' && !session.geometry && <p className="plan-note">{t('Click the corners of the new feature on the map; click the first corner again to close it.')}</p>}
          {fields.map((field) => (
            <FieldInput key={field.key} field={field} value={properties[field.key]} lang={lang} onChange={(value) => session.setProperty(field.key, value)} />
          ))}
          {target.kind === 'feature' && (
            <p className="data-meta">
              {t('Version {{version}}', { version: features.find((f) => f.id === target.id)?.version ?? 0 })}
              {fields.length > 0 && ` · ${formatValue(fields[0], properties[fields[0].key], lang)}`}
            </p>
          )}
          <div className="data-actions">
            <button type="button" className="secondary-button" disabled={undoStack.length === 0 || saving} onClick={session.undo}>
              {t('Undo the last move')}
            </button>
            <button type="submit" className="primary-button" disabled={saving || !session.geometry}>
              {saving ? t('Saving…') : t('Save')}
            </button>
            {target.kind === 'feature' && (
              <button type="button" className="secondary-button data-danger" disabled={saving} onClick={() => void session.remove(language)}>
                {t('Delete the feature')}
              </button>
            )}
            <button type="button" className="secondary-button" disabled={saving} onClick={session.cancel}>
              {t('Cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
