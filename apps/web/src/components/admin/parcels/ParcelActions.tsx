import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParcelsData } from '../../../state/parcels-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { cuttingLineOf } from './parcel-input.ts';

/**
 * 拆分 (admins): the opened parcel cut along a line pasted as `lon, lat` pairs or GeoJSON. The
 * parts cover it exactly, keep its attributes and share its progress records by area; it is
 * retired, and its card then names them.
 */
export function SplitParcelForm() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const { action, split } = useParcelsData();
  const [text, setText] = useState('');
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const mine = action?.kind === 'split' ? action : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let line;
    try {
      line = cuttingLineOf(text);
      setUnreadable(null);
    } catch (err) {
      setUnreadable(err instanceof Error ? err.message : String(err));
      return;
    }
    if (await split(line, language)) setText('');
  };

  return (
    <form className="admin-form" onSubmit={submit} aria-label={t('Split the parcel')}>
      <h4>{t('Split the parcel')}</h4>
      <label>
        {t('Cutting line: one lon, lat pair a line, or GeoJSON')}
        <textarea name="parcel-cutting-line" rows={3} required value={text} onChange={(event) => setText(event.target.value)} />
        <span className="admin-muted">{t('The line must cross the parcel from outside to outside; parts are numbered from west to east.')}</span>
      </label>
      {unreadable !== null && <p className="form-error">{t('This line cannot be read: {{line}}', { line: unreadable })}</p>}
      <ProblemNotice problem={mine?.problem ?? null} />
      <div className="admin-form-actions">
        <button type="submit" className="primary-button" disabled={mine?.status === 'pending'}>
          {t('Split')}
        </button>
      </div>
    </form>
  );
}

/** 撤销 (admins): the opened parcel withdrawn, with the reason; it stays as history with its records. */
export function RetireParcelForm() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const { action, retire } = useParcelsData();
  const [note, setNote] = useState('');
  const mine = action?.kind === 'retire' ? action : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await retire(note.trim(), language)) setNote('');
  };

  return (
    <form className="admin-form" onSubmit={submit} aria-label={t('Withdraw the parcel')}>
      <h4>{t('Withdraw the parcel')}</h4>
      <label>
        {t('Reason')}
        <textarea name="parcel-retire-note" rows={2} required maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
        <span className="admin-muted">{t('The parcel leaves the map and the figures; it is kept, with its progress records, as history.')}</span>
      </label>
      <ProblemNotice problem={mine?.problem ?? null} />
      <div className="admin-form-actions">
        <button type="submit" className="secondary-button" disabled={mine?.status === 'pending'}>
          {t('Withdraw')}
        </button>
      </div>
    </form>
  );
}

/** 合并 (admins): the ticked parcels joined into a new one under a new code. */
export function MergeParcelsForm() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const { action, ticked, merge, tick } = useParcelsData();
  const [draft, setDraft] = useState({ code: '', name: '' });
  const mine = action?.kind === 'merge' ? action : null;
  if (ticked.length === 0 && !mine?.problem) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { code: draft.code.trim(), ...(draft.name.trim() && { name: draft.name.trim() }) };
    if (await merge(body, language)) setDraft({ code: '', name: '' });
  };

  return (
    <form className="admin-form parcel-merge" onSubmit={submit} aria-label={t('Merge the ticked parcels')}>
      <h4>{t('Merge the ticked parcels')}</h4>
      <p>
        {ticked.map((row) => (
          <button key={row.id} type="button" className="link-button" title={t('Untick')} onClick={() => tick(row, false)}>
            {row.code} ×
          </button>
        ))}
      </p>
      <label>
        {t('Code of the merged parcel')}
        <input name="merge-code" required maxLength={60} value={draft.code} onChange={(event) => setDraft({ ...draft, code: event.target.value })} />
      </label>
      <label>
        {t('Name (empty: the first parcel’s)')}
        <input name="merge-name" maxLength={200} value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
      </label>
      <ProblemNotice problem={mine?.problem ?? null} />
      <div className="admin-form-actions">
        <button type="submit" className="primary-button" disabled={ticked.length < 2 || mine?.status === 'pending'}>
          {t('Merge')}
        </button>
      </div>
    </form>
  );
}
