import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddParcelBody, EditParcelBody, ParcelDetail } from '@mpm/contracts';
import { MINE_CATEGORIES, term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useParcelsData } from '../../../state/parcels-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { TermOptions } from '../licences/licence-fields.tsx';
import { boundaryOf } from './parcel-input.ts';
import { draftFields } from '../draft-fields.ts';

const EMPTY = { code: '', name: '', mineCategory: '', plannedYear: '', townshipCode: '', method: '', boundary: '', note: '' };
type Draft = typeof EMPTY;

/** The draft of a parcel as it stands, for editing: every field filled in, the boundary left empty (unchanged). */
const draftOf = (parcel: ParcelDetail): Draft => ({
  code: parcel.properties.code,
  name: parcel.properties.name,
  mineCategory: parcel.properties.mineCategory,
  plannedYear: String(parcel.properties.plannedYear),
  townshipCode: parcel.properties.townshipCode,
  method: parcel.properties.method ?? '',
  boundary: '',
  note: '',
});

/** The attributes a draft sets (empty boxes left out, a cleared method sent as none when editing). */
function attributesOf(draft: Draft, editing: ParcelDetail | null): Partial<AddParcelBody> {
  const body: Partial<AddParcelBody> = {};
  if (draft.code.trim()) body.code = draft.code.trim();
  if (draft.name.trim()) body.name = draft.name.trim();
  if (draft.mineCategory) body.mineCategory = draft.mineCategory as AddParcelBody['mineCategory'];
  if (draft.plannedYear) body.plannedYear = Number(draft.plannedYear);
  if (draft.townshipCode.trim()) body.townshipCode = draft.townshipCode.trim();
  if (draft.method.trim()) body.method = draft.method.trim();
  else if (editing?.properties.method) body.method = null;
  if (draft.note.trim()) body.note = draft.note.trim();
  if (editing) {
    for (const key of ['code', 'name', 'mineCategory', 'plannedYear', 'townshipCode', 'method'] as const) {
      if (body[key] === (editing.properties[key] ?? undefined)) delete body[key];
    }
  }
  return body;
}

/** The boxes of a parcel's attributes and boundary, for adding one or editing the opened one. */
function ParcelFields({ draft, onChange, editing }: { draft: Draft; onChange(draft: Draft): void; editing: boolean }) {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const field = draftFields(draft, onChange);
  return (
    <>
      <label>
        {term('code', lang)}
        <input name="parcel-code" required maxLength={60} {...field('code')} />
      </label>
      <label>
        {term('name', lang)}
        <input name="parcel-name" required maxLength={200} {...field('name')} />
      </label>
      <label>
        {term('mineCategory', lang)}
        <select name="parcel-category" required {...field('mineCategory')}>
          <option value="">{t('Choose…')}</option>
          <TermOptions values={MINE_CATEGORIES} />
        </select>
      </label>
      <label>
        {term('plannedYear', lang)}
        <input name="parcel-year" type="number" min={1949} max={2200} required {...field('plannedYear')} />
      </label>
      <label>
        {term('townshipCode', lang)}
        <input name="parcel-township" inputMode="numeric" pattern="[0-9]{9,12}" placeholder={editing ? '' : t('Empty: the township holding most of it')} {...field('townshipCode')} />
      </label>
      <label>
        {term('method', lang)}
        <input name="parcel-method" maxLength={200} {...field('method')} />
      </label>
      <label className="parcel-wide">
        {editing ? t('New boundary (optional): GeoJSON or a corner list') : t('Boundary: GeoJSON or a corner list')}
        <textarea name="parcel-boundary" rows={4} required={!editing} placeholder={t('One corner per line: number, X, Y (CGCS2000 Gauss–Krüger) or lon, lat')} {...field('boundary')} />
      </label>
      <label className="parcel-wide">
        {t('Note')}
        <textarea name="parcel-note" rows={2} maxLength={2000} {...field('note')} />
      </label>
    </>
  );
}

/**
 * A parcel draft and whether its pasted boundary could be read: `body` answers the attributes and
 * boundary the draft sets, or null (and `unreadable` says so) when the boundary is not JSON.
 */
function useParcelDraft(initial: () => Draft, editing: ParcelDetail | null) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [unreadable, setUnreadable] = useState(false);
  const body = (): Partial<AddParcelBody> | null => {
    try {
      const boundary = boundaryOf(draft.boundary);
      setUnreadable(false);
      return { ...attributesOf(draft, editing), ...boundary };
    } catch {
      setUnreadable(true);
      return null;
    }
  };
  return { draft, setDraft, unreadable, body };
}

/** 新增图斑 (admins): a parcel typed in with its boundary pasted; its township follows from the boundary unless given. */
export function AddParcelForm() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const { action, add } = useParcelsData();
  const [open, setOpen] = useState(false);
  const { draft, setDraft, unreadable, body } = useParcelDraft(() => EMPTY, null);
  const mine = action?.kind === 'add' ? action : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parcel = body();
    if (parcel && (await add(parcel as AddParcelBody, language))) {
      setDraft(EMPTY);
      setOpen(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="secondary-button" onClick={() => setOpen(true)}>
        {t('Add a parcel')}
      </button>
    );
  }
  return (
    <form className="admin-form parcel-form" onSubmit={submit} aria-label={t('Add a parcel')}>
      <h3 className="parcel-wide">{t('Add a parcel')}</h3>
      <ParcelFields draft={draft} onChange={setDraft} editing={false} />
      {unreadable && <p className="form-error parcel-wide">{t('The boundary is not valid JSON.')}</p>}
      <ProblemNotice problem={mine?.problem ?? null} />
      <div className="admin-form-actions parcel-wide">
        <button type="submit" className="primary-button" disabled={mine?.status === 'pending'}>
          {t('Add')}
        </button>
        <button type="button" className="link-button" onClick={() => setOpen(false)}>
          {t('Cancel')}
        </button>
      </div>
    </form>
  );
}

/** 修改 (admins): the opened parcel's attributes and, when pasted, its boundary, from the version shown. */
export function EditParcelForm({ parcel }: { parcel: ParcelDetail }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const { action, edit } = useParcelsData();
  const { draft, setDraft, unreadable, body } = useParcelDraft(() => draftOf(parcel), parcel);
  const mine = action?.kind === 'edit' ? action : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes = body();
    if (changes && (await edit(changes as Omit<EditParcelBody, 'baseVersion'>, language))) setDraft({ ...draft, boundary: '', note: '' });
  };

  return (
    <form className="admin-form parcel-form" onSubmit={submit} aria-label={t('Edit the parcel')}>
      <h4 className="parcel-wide">{t('Edit the parcel')}</h4>
      {mine?.status === 'done' && (
        <p className="admin-ok parcel-wide" role="status">
          {t('Saved.')}
        </p>
      )}
      <ParcelFields draft={draft} onChange={setDraft} editing />
      {unreadable && <p className="form-error parcel-wide">{t('The boundary is not valid JSON.')}</p>}
      <ProblemNotice problem={mine?.problem ?? null} />
      <div className="admin-form-actions parcel-wide">
        <button type="submit" className="primary-button" disabled={mine?.status === 'pending'}>
          {t('Save')}
        </button>
      </div>
    </form>
  );
}
