import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { term, type Language } from '@mpm/domain';
import { publicApi } from '../../api/public.ts';
import { usePublicSession } from '../../state/public-session.ts';
import { toProblem } from '../../state/resource.ts';
import { useSession } from '../../state/session-store.ts';
import { problemText } from '../ProblemNotice.tsx';

/** The longest description the server takes (`POST /api/tip-offs`). */
const MAX_DESCRIPTION = 2000;
const MAX_CONTACT = 200;

const formatLonLat = ([lon, lat]: [number, number], lang: Language) =>
  lang === 'zh' ? `东经 ${lon.toFixed(5)}°，北纬 ${lat.toFixed(5)}°` : `${lon.toFixed(5)}° E, ${lat.toFixed(5)}° N`;

/**
 * A tip-off (举报) from anyone, no account needed: the place (tapped on the map, or the phone's
 * position), what was seen, an optional contact and photo. Sent as a multipart form; the answer
 * is a receipt code, which the tab then shows.
 */
export function TipOffForm({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const place = usePublicSession((s) => s.place);
  const picking = usePublicSession((s) => s.picking);
  const setPicking = usePublicSession((s) => s.setPicking);
  const setPlace = usePublicSession((s) => s.setPlace);
  const setReceipt = usePublicSession((s) => s.setReceipt);
  const [description, setDescription] = useState('');
  const [contact, setContact] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const ids = useId();
  const photoInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!photo) {
      setPreview(null);
      if (photoInput.current) photoInput.current.value = '';
      return;
    }
    const url = URL.createObjectURL(photo);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  const missingPlace = tried && !place;
  const missingText = tried && description.trim() === '';

  function locate() {
    setLocating(true);
    setError(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setPlace([position.coords.longitude, position.coords.latitude]);
      },
      () => {
        setLocating(false);
        setError(t('Your position could not be found. Tap the place on the map instead.'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    setError(null);
    if (!place || description.trim() === '') return;
    setSending(true);
    try {
      const receipt = await publicApi.sendTipOff(
        { lon: place[0], lat: place[1], description: description.trim(), contact: contact.trim() || undefined, photo },
        language,
      );
      setReceipt(receipt);
      setDescription('');
      setContact('');
      setPhoto(null);
      setTried(false);
      setPlace(null);
    } catch (err) {
      setError(problemText(toProblem(err), t));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="tip-off-form" onSubmit={(event) => void submit(event)} noValidate aria-label={term('tipOff', lang)}>
      <p className="panel-note">{t('Seen illegal mining or damage? Tell the bureau. No account is needed; a contact is optional.')}</p>

      <fieldset className="tip-off-place" aria-invalid={missingPlace}>
        <legend>{t('Where')}</legend>
        <p className={place ? 'place-set' : 'place-unset'} aria-live="polite" data-place={place ? place.join(',') : undefined}>
          {place ? formatLonLat(place, lang) : picking ? t('Tap the place on the map.') : t('No place marked yet.')}
        </p>
        <div className="button-row">
          <button type="button" className={picking ? 'secondary-button' : 'primary-button'} onClick={() => setPicking(!picking)}>
            {picking ? t('Cancel marking') : place ? t('Mark again on the map') : t('Mark on the map')}
          </button>
          {'geolocation' in navigator && (
            <button type="button" className="secondary-button" onClick={locate} disabled={locating}>
              {locating ? t('Finding your position…') : t('Use my position')}
            </button>
          )}
        </div>
        {place && <p className="panel-note">{t('Drag the red marker to adjust the place.')}</p>}
        {missingPlace && <p className="field-error">{t('Mark the place on the map first.')}</p>}
      </fieldset>

      <label htmlFor={`${ids}-text`}>{t('What did you see?')}</label>
      <textarea
        id={`${ids}-text`}
        rows={4}
        maxLength={MAX_DESCRIPTION}
        value={description}
        aria-invalid={missingText}
        onChange={(event) => setDescription(event.target.value)}
      />
      <p className="field-hint">
        {missingText ? <span className="field-error">{t('Describe what you saw.')}</span> : null}
        <span className="char-count">
          {description.length}/{MAX_DESCRIPTION}
        </span>
      </p>

      <label htmlFor={`${ids}-contact`}>
        {t('Contact')} <span className="optional">{t('(optional)')}</span>
      </label>
      <input
        id={`${ids}-contact`}
        type="text"
        maxLength={MAX_CONTACT}
        autoComplete="tel"
        value={contact}
        onChange={(event) => setContact(event.target.value)}
      />

      <label htmlFor={`${ids}-photo`}>
        {t('Photo')} <span className="optional">{t('(optional)')}</span>
      </label>
      <input
        id={`${ids}-photo`}
        ref={photoInput}
        type="file"
        accept="image/*"
        capture="environment"
        onChange={(event) => setPhoto(event.target.files?.[0] ?? null)}
      />
      {preview && (
        <div className="photo-preview">
          <img src={preview} alt={t('The photo to send')} />
          <button type="button" className="link-button" onClick={() => setPhoto(null)}>
            {t('Remove photo')}
          </button>
        </div>
      )}
      <p className="panel-note">{t('Location data inside the photo is removed by the server.')}</p>

      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary-button submit-tip-off" disabled={sending}>
        {sending ? t('Sending…') : t('Send tip-off')}
      </button>
    </form>
  );
}
