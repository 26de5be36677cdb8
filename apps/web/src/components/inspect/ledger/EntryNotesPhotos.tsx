import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntryView } from '@mpm/contracts';
import { useLedger } from '../../../state/ledger-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { chinaTime } from '../../data/china-time.ts';

/** Adds a note to the entry's history. */
export function EntryNotes({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const addNote = useLedger((s) => s.addNote);
  const [note, setNote] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (note.trim() !== '' && (await addNote(note, language))) setNote('');
  }

  return (
    <form className="plan-section entry-notes" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-note`}>{t('Add a note')}</label>
      <textarea id={`${id}-note`} rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" className="secondary-button" disabled={busy || note.trim() === ''}>
        {t('Add note')}
      </button>
    </form>
  );
}

/** The entry's photos, and a photo from the phone's camera (or the files) added to them. */
export function EntryPhotos({ view, busy }: { view: LedgerEntryView; busy: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const addPhoto = useLedger((s) => s.addPhoto);

  // The server checks the size and the bytes, and says what is wrong in the entry's problem line.
  function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void addPhoto(file, language);
  }

  return (
    <section className="plan-section entry-photos" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('Photos ({{count}})', { count: view.photos.length })}</h4>
      {view.photos.length > 0 && (
        <ul className="photo-grid">
          {view.photos.map((photo) => (
            <li key={photo.id}>
              <a href={photo.url} target="_blank" rel="noreferrer">
                <img src={photo.url} alt={t('Photo by {{name}}, {{time}}', { name: photo.uploadedBy, time: chinaTime(photo.uploadedAt, language) })} loading="lazy" width={photo.width} height={photo.height} />
              </a>
            </li>
          ))}
        </ul>
      )}
      <label className="secondary-button photo-button" htmlFor={`${id}-photo`} aria-disabled={busy}>
        {t('Take or choose a photo')}
      </label>
      <input id={`${id}-photo`} className="visually-hidden" type="file" accept="image/*" capture="environment" disabled={busy} onChange={choose} />
    </section>
  );
}
