import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import type { Delisting } from '../../../state/registers-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { chinaToday } from '../../data/china-time.ts';
import { draftFields } from '../draft-fields.ts';
import { FormActions } from '../FormActions.tsx';

/**
 * 移出名录: the exit's day and reason for one listing. Sent as typed: the server says what is
 * wrong (a day before the listing, no reason) in the user's language.
 */
export function DelistForm({ label, saving, onSubmit, onCancel }: { label: string; saving: boolean; onSubmit(exit: Delisting): Promise<boolean>; onCancel(): void }) {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const [draft, setDraft] = useState<Delisting>(() => ({ delistedOn: chinaToday(), delistingReason: '' }));
  const field = draftFields(draft, setDraft);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await onSubmit(draft);
  };

  return (
    <form className="admin-form register-delist" onSubmit={submit} noValidate aria-label={label}>
      <label>
        {term('delistedOn', lang)}
        <input name="delisted-on" type="date" {...field('delistedOn')} />
      </label>
      <label>
        {term('delistingReason', lang)}
        <input name="delisting-reason" maxLength={500} {...field('delistingReason')} />
      </label>
      <FormActions submitLabel={t('Delist')} saving={saving} onCancel={onCancel} />
    </form>
  );
}

/**
 * 移出名录… for a listing in force: the button, then the form in its place until the exit is
 * saved or cancelled.
 */
export function DelistControl({ name, inForce, saving, delist }: { name: string; inForce: boolean; saving: boolean; delist(exit: Delisting): Promise<boolean> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open) {
    return inForce ? (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t('Delist…')}
      </button>
    ) : null;
  }
  return (
    <DelistForm
      label={t('Delist {{name}}', { name })}
      saving={saving}
      onSubmit={async (exit) => {
        const done = await delist(exit);
        if (done) setOpen(false);
        return done;
      }}
      onCancel={() => setOpen(false)}
    />
  );
}
