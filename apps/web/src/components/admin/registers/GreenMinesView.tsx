import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GreenMine, GreenMineBody } from '@mpm/contracts';
import { GREEN_MINE_LEVELS, term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useRegisters } from '../../../state/registers-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { draftFields } from '../draft-fields.ts';
import { FormActions } from '../FormActions.tsx';
import { TermOptions } from '../licences/licence-fields.tsx';
import { SaveOutcome } from '../SaveOutcome.tsx';
import { DelistControl } from './DelistForm.tsx';
import { ListingState } from './ListingState.tsx';
import { ListingRegister } from './ListingRegister.tsx';
import './registers.css';

const EMPTY = { miningRightId: '', level: '', listedOn: '', documentNo: '' };

/**
 * 绿色矿山名录 (admins): the directory is dynamic — each listing with its level, day and 文号,
 * exits kept and shown with their day and reason; a mine listed at a level; a listing in force
 * delisted. A mine's 绿色矿山 flag on the map and in the sweep follows from this directory alone.
 */
export function GreenMinesView() {
  return <ListingRegister<GreenMine> register="greenMines" addForm={<AddGreenMineForm />} item={(row) => <GreenMineItem key={row.id} listing={row} />} />;
}

function GreenMineItem({ listing }: { listing: GreenMine }) {
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const action = useRegisters((s) => (s.action?.key === `greenMine:${listing.id}` ? s.action : null));
  const delist = useRegisters((s) => s.delistGreenMine);
  const name = listing.mineName ?? listing.licenceNo;
  return (
    <li className="register-item green-mine-item" data-listing-id={listing.id} data-in-force={listing.inForce}>
      <div className="register-head">
        <strong>{name}</strong>
        <span className="listing-level">{term(listing.level, lang)}</span>
        <ListingState listing={listing} />
      </div>
      <div className="admin-muted">{listing.licenceNo}</div>
      <div className="admin-muted">
        {term('listedOn', lang)} {listing.listedOn}
        {listing.documentNo && ` · ${term('documentNo', lang)} ${listing.documentNo}`}
      </div>
      <DelistControl name={name} inForce={listing.inForce} saving={action?.status === 'pending'} delist={(exit) => delist(listing, exit, language)} />
      <SaveOutcome save={action} />
    </li>
  );
}

/** 列入名录: a mining right at a level, from a day, with the decision's 文号 when there is one. */
function AddGreenMineForm() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const action = useRegisters((s) => (s.action?.key === 'greenMine:new' ? s.action : null));
  const add = useRegisters((s) => s.addGreenMine);
  const rights = useRegisters((s) => s.miningRights.data);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(EMPTY);
  const field = draftFields(draft, setDraft);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      miningRightId: Number(draft.miningRightId),
      level: draft.level,
      listedOn: draft.listedOn,
      ...(draft.documentNo.trim() && { documentNo: draft.documentNo.trim() }),
    } as GreenMineBody;
    if (await add(body, language)) {
      setDraft(EMPTY);
      setOpen(false);
    }
  };

  if (!open) {
    return (
      <>
        <button type="button" className="secondary-button" onClick={() => setOpen(true)}>
          {t('List a green mine')}
        </button>
        {action?.status === 'done' && <SaveOutcome save={action} />}
      </>
    );
  }
  return (
    <form className="admin-form register-form" onSubmit={submit} noValidate aria-label={t('List a green mine')}>
      <h3>{t('List a green mine')}</h3>
      <label>
        {term('mineName', lang)}
        <select name="green-mine-right" {...field('miningRightId')}>
          <option value="">{t('Choose…')}</option>
          {(rights ?? []).map((right) => (
            <option key={right.featureId} value={right.featureId}>
              {right.mineName ?? right.licenceNo} · {right.licenceNo}
            </option>
          ))}
        </select>
      </label>
      <label>
        {term('greenMineLevel', lang)}
        <select name="green-mine-level" {...field('level')}>
          <option value="">{t('Choose…')}</option>
          <TermOptions values={GREEN_MINE_LEVELS} />
        </select>
      </label>
      <label>
        {term('listedOn', lang)}
        <input name="green-mine-listed-on" type="date" {...field('listedOn')} />
      </label>
      <label>
        {term('documentNo', lang)}
        <input name="green-mine-document-no" maxLength={200} {...field('documentNo')} />
      </label>
      <SaveOutcome save={action} />
      <FormActions submitLabel={t('List')} saving={action?.status === 'pending'} onCancel={() => setOpen(false)} />
    </form>
  );
}
