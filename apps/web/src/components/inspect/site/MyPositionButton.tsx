import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../plan/format.ts';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useInspectData } from '../../../state/inspect-store.ts';
import { useSession } from '../../../state/session-store.ts';

type Located = { status: 'idle' } | { status: 'locating' } | { status: 'done'; accuracyM: number } | { status: 'error'; code: number };

/** How long to wait for a position fix, in milliseconds. */
const FIX_TIMEOUT_MS = 20_000;

/**
 * The phone's position (browser geolocation, WGS84 ≈ CGCS2000 at map scale) as the site. The
 * browser asks the user first; a refusal or a missing fix is said in words.
 */
export function MyPositionButton() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const checkSite = useInspectData((s) => s.checkSite);
  const [located, setLocated] = useState<Located>({ status: 'idle' });
  // Browsers give positions only to pages served over HTTPS (or from this machine).
  const secure = window.isSecureContext;
  const supported = secure && 'geolocation' in navigator;

  function locate() {
    setLocated({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocated({ status: 'done', accuracyM: position.coords.accuracy });
        const point: GeoJSON.Point = { type: 'Point', coordinates: [position.coords.longitude, position.coords.latitude] };
        void checkSite(point, 'position', language);
      },
      (error) => setLocated({ status: 'error', code: error.code }),
      { enableHighAccuracy: true, timeout: FIX_TIMEOUT_MS, maximumAge: 30_000 },
    );
  }

  const errors: Record<number, string> = {
    1: t('The browser was not allowed to use your position. Allow location for this site, or pick the site on the map.'),
    2: t('Your position is not available (no satellite or network fix).'),
    3: t('No position fix in time. Try again in the open, or pick the site on the map.'),
  };

  return (
    <div className="my-position">
      <button type="button" className="primary-button" disabled={!supported || located.status === 'locating'} onClick={locate}>
        <span aria-hidden="true">◎</span> {located.status === 'locating' ? t('Locating…') : t('Use my position')}
      </button>
      {!supported && (
        <p className="plan-note">
          {secure ? t('This browser cannot tell its position.') : t('Positions are given only to pages served over HTTPS.')}
        </p>
      )}
      {located.status === 'done' && (
        <p className="plan-note" role="status">
          {t('Position found, accurate to about {{metres}} m.', { metres: formatNumber(located.accuracyM, lang, 0) })}
        </p>
      )}
      {located.status === 'error' && (
        <p className="form-error" role="alert">
          {errors[located.code] ?? errors[2]}
        </p>
      )}
    </div>
  );
}
