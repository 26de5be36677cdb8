import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LicenceActBody } from '@mpm/contracts';
import { LICENCE_EVENT_TERMS, SCALE_CLASSES, term, type LicenceAct } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useLicencesData } from '../../../state/licences-store.ts';
import { useSession } from '../../../state/session-store.ts';
import type { BlockGeometry } from '@mpm/rules';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { BoundaryInput, BoundarySourceOptions, useDrawnBoundary, type BoundarySource } from './BoundaryFields.tsx';
import { DocumentFields, cornerListOf, documentOf, EMPTY_DOCUMENT, type DocumentDraft, TermOptions } from './licence-fields.tsx';
import { draftFields } from '../draft-fields.ts';

const EMPTY = { validFrom: '', validTo: '', holder: '', mineName: '', capacity: '', elevationTop: '', elevationBottom: '', scaleClass: '', boundarySource: '', cornerList: '' };

/** The body of an act as the admin filled it in: only what the act takes, empty members left out. */
function actBody(act: LicenceAct, draft: typeof EMPTY, document: DocumentDraft, boundary: { file: BlockGeometry | null; drawn: BlockGeometry | null }): Omit<LicenceActBody, 'baseVersion'> {
  const body: Omit<LicenceActBody, 'baseVersion'> = { act, ...documentOf(document) };
  if (act === 'renewed') {
    if (draft.validTo) body.validTo = draft.validTo;
    if (draft.validFrom) body.validFrom = draft.validFrom;
  }
  if (act === 'changed') {
    if (draft.holder.trim()) body.holder = draft.holder.trim();
    if (draft.mineName.trim()) body.mineName = draft.mineName.trim();
    if (draft.capacity.trim()) body.capacity10ktPerYear = Number(draft.capacity);
    if (draft.elevationTop.trim()) body.elevationTopM = Number(draft.elevationTop);
    if (draft.elevationBottom.trim()) body.elevationBottomM = Number(draft.elevationBottom);
    if (draft.scaleClass) body.scaleClass = draft.scaleClass as LicenceActBody['scaleClass'];
    const cornerList = draft.boundarySource === 'cornerList' ? cornerListOf(draft.cornerList) : undefined;
    if (cornerList) body.cornerList = cornerList;
    const geometry = draft.boundarySource === 'file' ? boundary.file : draft.boundarySource === 'draw' ? boundary.drawn : null;
    if (geometry) body.geometry = geometry;
  }
  return body;
}

/**
 * The next act on the opened right (admins): 延续 (a new end of validity), 变更 (holder, mine
 * name, capacity, licensed elevation range, scale, or a new boundary — a corner list, a GeoJSON/KML
 * file or a drawing on the map — kept as a new geometry version), 停产整顿, 恢复生产 or 注销 — each
 * with its document number and effective day. Only the acts open to the right are offered.
 */
export function LicenceActForm() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const { detail, action, act: record } = useLicencesData();
  const right = detail.data!;
  const [act, setAct] = useState<LicenceAct | ''>('');
  const [draft, setDraft] = useState(EMPTY);
  const [document, setDocument] = useState<DocumentDraft>(EMPTY_DOCUMENT);
  const [fileBlock, setFileBlock] = useState<BlockGeometry | null>(null);
  const drawn = useDrawnBoundary('change');
  const mine = action?.kind === 'act' ? action : null;
  if (right.openActs.length === 0) return <p className="admin-muted">{t('No further act can be recorded on this right.')}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!act) return;
    if (await record(actBody(act, draft, document, { file: fileBlock, drawn }), language)) {
      setAct('');
      setDraft(EMPTY);
      setFileBlock(null);
      setDocument(EMPTY_DOCUMENT);
    }
  };
  const field = draftFields(draft, setDraft);

  return (
    <form className="admin-form licence-act" onSubmit={submit} aria-label={t('Record an act')}>
      <h4>{t('Record an act')}</h4>
      {mine?.status === 'done' && (
        <p className="admin-ok" role="status">
          {t('Recorded.')}
        </p>
      )}
      <label>
        {t('Act')}
        <select name="licence-act" value={act} onChange={(event) => setAct(event.target.value as LicenceAct)} required>
          <option value="">{t('Choose…')}</option>
          {right.openActs.map((a) => (
            <option key={a} value={a}>
              {term(LICENCE_EVENT_TERMS[a], lang)}
            </option>
          ))}
        </select>
      </label>
      {act === 'renewed' && (
        <>
          <label>
            {term('validTo', lang)}
            <input name="act-valid-to" type="date" required {...field('validTo')} />
          </label>
          <label>
            {t('{{field}} (if it changes)', { field: term('validFrom', lang) })}
            <input name="act-valid-from" type="date" {...field('validFrom')} />
          </label>
        </>
      )}
      {act === 'changed' && (
        <>
          <label>
            {term('holder', lang)}
            <input name="act-holder" placeholder={String(right.properties.holder ?? '')} {...field('holder')} />
          </label>
          {right.collection === 'mining_rights' && (
            <>
              <label>
                {term('mineName', lang)}
                <input name="act-mine-name" placeholder={String(right.properties.mineName ?? '')} {...field('mineName')} />
              </label>
              <label>
                {term('capacity10ktPerYear', lang)}
                <input name="act-capacity" type="number" step="any" min="0" placeholder={String(right.properties.capacity10ktPerYear ?? '')} {...field('capacity')} />
              </label>
              <label>
                {term('elevationTopM', lang)} ({term('unitM', lang)})
                <input name="act-elevation-top" type="number" step="any" placeholder={String(right.properties.elevationTopM ?? '')} {...field('elevationTop')} />
              </label>
              <label>
                {term('elevationBottomM', lang)} ({term('unitM', lang)})
                <input name="act-elevation-bottom" type="number" step="any" placeholder={String(right.properties.elevationBottomM ?? '')} {...field('elevationBottom')} />
              </label>
              <label>
                {term('scaleClass', lang)}
                <select name="act-scale" {...field('scaleClass')}>
                  <option value="">{t('Unchanged')}</option>
                  <TermOptions values={SCALE_CLASSES} />
                </select>
              </label>
            </>
          )}
          <label>
            {t('New boundary (optional)')}
            <select name="act-boundary-source" {...field('boundarySource')}>
              <option value="">{t('Keep the boundary')}</option>
              <BoundarySourceOptions />
            </select>
          </label>
          {draft.boundarySource && (
            <BoundaryInput
              source={draft.boundarySource as BoundarySource}
              purpose="change"
              cornerList={{ name: 'act-corner-list', ...field('cornerList') }}
              fileBlock={fileBlock}
              onFileBlock={setFileBlock}
            />
          )}
        </>
      )}
      {act && <DocumentFields draft={document} onChange={setDocument} />}
      <ProblemNotice problem={mine?.problem ?? null} />
      <div className="admin-form-actions">
        <button type="submit" className="primary-button" disabled={!act || mine?.status === 'pending'}>
          {t('Record the act')}
        </button>
      </div>
    </form>
  );
}
