import { useTranslation } from 'react-i18next';
import { domainLanguage } from '../../i18n/languages.ts';
import { areaFigures, distanceText, measure } from '../../measure/measure-figures.ts';
import { MIN_POINTS, useMeasureSession } from '../../state/measure-session.ts';
import { useSession } from '../../state/session-store.ts';

/**
 * What the measuring tool has measured so far (the corners clicked; the running figure beside
 * the pointer is the map's): the length, or the area in m², 亩, 公顷 and km² with the perimeter,
 * on the CGCS2000 ellipsoid; and the buttons to finish, take back a corner, clear and close.
 */
export function MeasureCard() {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const { kind, points, finished, finish, removeLastPoint, clear, stop } = useMeasureSession();
  if (!kind) return null;
  const m = measure(kind, points);
  const drawing = !finished && points.length > 0;
  const hint =
    points.length === 0
      ? t('Click on the map to place the first point.')
      : finished
        ? t('Click on the map to start a new measurement.')
        : kind === 'area'
          ? t('Click to add corners; click the first corner or double-click to close the ring.')
          : t('Click to add points; double-click or click the last point to finish.');
  return (
    <section className="measure-card" aria-label={kind === 'area' ? t('Measure area') : t('Measure distance')} data-finished={finished}>
      <h2>{kind === 'area' ? t('Measure area') : t('Measure distance')}</h2>
      <p className="measure-hint" role="status">
        {hint}
      </p>
      {kind === 'distance' && points.length >= 2 && (
        <p className="measure-total">
          {t('Length')}: <strong data-figure="length">{distanceText(m.lengthM, lang)}</strong>
        </p>
      )}
      {kind === 'area' && m.areaM2 !== null && (
        <>
          <ul className="measure-areas" aria-label={t('Area')}>
            {areaFigures(m.areaM2, lang).map((figure) => (
              <li key={figure.unit} data-unit={figure.unit}>
                {figure.text}
              </li>
            ))}
          </ul>
          <p className="measure-total">
            {t('Perimeter')}: <strong data-figure="perimeter">{distanceText(m.lengthM, lang)}</strong>
          </p>
        </>
      )}
      <p className="measure-note">{t('On the CGCS2000 ellipsoid. Enter finishes, Backspace takes back a point, Esc clears.')}</p>
      <div className="measure-actions">
        {drawing && (
          <button type="button" className="primary-button" onClick={finish} disabled={points.length < MIN_POINTS[kind]}>
            {t('Finish')}
          </button>
        )}
        {drawing && (
          <button type="button" className="secondary-button" onClick={removeLastPoint}>
            {t('Undo point')}
          </button>
        )}
        <button type="button" className="secondary-button" onClick={clear} disabled={points.length === 0}>
          {t('Clear')}
        </button>
        <button type="button" className="secondary-button" onClick={stop}>
          {t('Close')}
        </button>
      </div>
    </section>
  );
}
