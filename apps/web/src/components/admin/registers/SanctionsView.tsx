import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sanction, SanctionBody } from '@mpm/contracts';
import { term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useRegisters } from '../../../state/registers-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { draftFields } from '../draft-fields.ts';
import { FormActions } from '../FormActions.tsx';
import { SaveOutcome } from '../SaveOutcome.tsx';
import { DelistControl } from './DelistForm.tsx';
import { colon, ListingState } from './ListingState.tsx';
import { ListingRegister } from './ListingRegister.tsx';
import './registers.css';

const EMPTY = { holder: '', reason: '', listedOn: '', documentNo: '' };

/**
 * 异常名录/严重违法失信名单 (admins): every listing, in force or delisted, with its reason, day and
 * 文号; a holder listed (reason, day and 文号 required: the server refuses without, in the user's
 * language); a listing in force delisted with its day and reason. A listed holder is refused a new
 * right, renewal or change (seed 004) and shows in the sweep.
 */
export function SanctionsView() {
  return <ListingRegister<Sanction> register="sanctions" addForm={<AddSanctionForm />} item={(row) => <SanctionItem key={row.id} listing={row} />} />;
}

function SanctionItem({ listing }: { listing: Sanction }) {
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const action = useRegisters((s) => (s.action?.key === `sanction:${listing.id}` ? s.action : null));
  const delist = useRegisters((s) => s.delistSanction);
  return (
    <li className="register-item sanction-item" data-listing-id={listing.id} data-in-force={listing.inForce}>
      <div className="register-head">
        <strong>{listing.holder}</strong>
        <ListingState listing={listing} />
      </div>
      <div className="admin-muted">
        {term('sanctionReason', lang)}
        {colon(lang)}
        {listing.reason}
      </div>
      <div className="admin-muted">
        {term('listedOn', lang)} {listing.listedOn} · {term('documentNo', lang)} {listing.documentNo}
      </div>
      <DelistControl name={listing.holder} inForce={listing.inForce} saving={action?.status === 'pending'} delist={(exit) => delist(listing, exit, language)} />
      <SaveOutcome save={action} />
    </li>
  );
}

/** 列入名录: a holder with the reason, the day and the decision's 文号. */
function AddSanctionForm() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const action = useRegisters((s) => (s.action?.key === 'sanction:new' ? s.action : null));
  const add = useRegisters((s) => s.addSanction);
  const rights = useRegisters((s) => s.miningRights.data);
  const holders = useMemo(() => [...new Set((rights ?? []).map((r) => r.holder))], [rights]);
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(EMPTY);
  const field = draftFields(draft, setDraft);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: SanctionBody = { ...draft };
    if (await add(body, language)) {
      setDraft(EMPTY);
      setOpen(false);
    }
  };

  if (!open) {
    return (
      <>
        <button type="button" className="secondary-button" onClick={() => setOpen(true)}>
          {t('List a holder')}
        </button>
        {action?.status === 'done' && <SaveOutcome save={action} />}
      </>
    );
  }
  return (
    <form className="admin-form register-form" onSubmit={submit} noValidate aria-label={t('List a holder')}>
      <h3>{t('List a holder')}</h3>
      <label>
        {term('holder', lang)}
        <input name="sanction-holder" list={listId} maxLength={200} {...field('holder')} />
        <datalist id={listId}>
          {holders.map((holder) => (
            <option key={holder} value={holder} />
          ))}
        </datalist>
      </label>
      <label>
        {term('sanctionReason', lang)}
        <input name="sanction-reason" maxLength={200} {...field('reason')} />
      </label>
      <label>
        {term('listedOn', lang)}
        <input name="sanction-listed-on" type="date" {...field('listedOn')} />
      </label>
      <label>
        {term('documentNo', lang)}
        <input name="sanction-document-no" maxLength={200} {...field('documentNo')} />
      </label>
      <SaveOutcome save={action} />
      <FormActions submitLabel={t('List')} saving={action?.status === 'pending'} onCancel={() => setOpen(false)} />
    </form>
  );
}
