import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseCornerList, type CornerListError } from '@mpm/geo';
import type { Language } from '@mpm/domain';
import { CORNER_LIST_MAX_CHARS } from '@mpm/contracts';
import { usePlan } from '../../state/plan-store.ts';

/** Outcome of the last "show" press: the list's errors, a list too long to read, or what was read. */
type Parsed =
  | { ok: false; errors: readonly CornerListError[] }
  | { ok: false; tooLong: number }
  | { ok: true; points: number; epsg: number; zone: number }
  | null;

/**
 * A pasted corner-point list (拐点坐标), read in the browser; errors name their line and point.
 * Starts with the list of the current block, if it came from one (a saved proposal's list).
 */
export function CornerListInput({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const id = useId();
  const setBlock = usePlan((s) => s.setBlock);
  const clearBlock = usePlan((s) => s.clearBlock);
  const [text, setText] = useState(() => usePlan.getState().block?.cornerList?.text ?? '');
  const [zoneText, setZoneText] = useState(() => String(usePlan.getState().block?.cornerList?.zone ?? ''));
  const [zoneProblem, setZoneProblem] = useState(false);
  const [parsed, setParsed] = useState<Parsed>(null);

  function show(event: FormEvent) {
    event.preventDefault();
    const zoneTrimmed = zoneText.trim();
    const zone = zoneTrimmed === '' ? undefined : Number(zoneTrimmed);
    setZoneProblem(zone !== undefined && !Number.isInteger(zone));
    // A list that cannot be read leaves no block behind: the old one, its area and its check would pass for this list's.
    if (zone !== undefined && !Number.isInteger(zone)) {
      clearBlock();
      return setParsed(null);
    }
    // The server takes at most CORNER_LIST_MAX_CHARS characters: said at once, before seconds of parsing.
    if (text.length > CORNER_LIST_MAX_CHARS) {
      clearBlock();
      return setParsed({ ok: false, tooLong: text.length });
    }
    // Zone numbers 13–23 are 6° zones, 25–45 3° zones (the ranges do not overlap), as the server reads them.
    const result = parseCornerList(text, zone === undefined ? {} : { zone: { zone, widthDeg: zone <= 23 ? 6 : 3 } });
    if (!result.ok) {
      clearBlock();
      return setParsed({ ok: false, errors: result.errors });
    }
    const list = result.value;
    const points = list.polygons.reduce((n, p) => n + p.rings.reduce((m, r) => m + r.points.length, 0), 0);
    setParsed({ ok: true, points, epsg: list.epsg, zone: list.zone.zone });
    setBlock(list.geometry, 'paste', { text, ...(zone === undefined ? {} : { zone }) });
  }

  return (
    <form className="corner-list" onSubmit={show}>
      <label htmlFor={`${id}-text`}>{t('Corner points')}</label>
      <textarea
        id={`${id}-text`}
        rows={7}
        spellCheck={false}
        placeholder={t('Point  X(m)  Y(m), one corner per line, e.g. 1  3153859.71  38512086.86')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="corner-list-row">
        <label htmlFor={`${id}-zone`}>{t('Zone (optional)')}</label>
        <input
          id={`${id}-zone`}
          className="zone-input"
          inputMode="numeric"
          value={zoneText}
          aria-invalid={zoneProblem}
          onChange={(e) => setZoneText(e.target.value)}
        />
        <button type="submit" className="primary-button" disabled={text.trim() === ''}>
          {t('Read and show')}
        </button>
      </div>
      {zoneProblem && (
        <p className="form-error" role="alert">
          {t('The zone must be a whole number, e.g. 36.')}
        </p>
      )}
      {parsed?.ok === false && 'tooLong' in parsed && (
        <p className="form-error corner-too-long" role="alert">
          {t('The list is {{chars}} characters long; at most {{max}} are accepted. Split it into several blocks or remove what is not a corner.', {
            chars: parsed.tooLong.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en'),
            max: CORNER_LIST_MAX_CHARS.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en'),
          })}
        </p>
      )}
      {parsed?.ok === false && 'errors' in parsed && (
        <div className="corner-errors" role="alert">
          <p>{t('The corner points could not be read:')}</p>
          <ul>
            {parsed.errors.map((error, i) => (
              <li key={i} data-line={error.line} data-reason={error.reason}>
                {error.message[lang]}
                {error.point && !error.message[lang].includes(error.point) && ` (${t('point {{label}}', { label: error.point })})`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {parsed?.ok && (
        <p className="plan-note corner-ok" role="status">
          {t('Read {{points}} corner points in zone {{zone}} (EPSG:{{epsg}}).', parsed)}
        </p>
      )}
    </form>
  );
}
