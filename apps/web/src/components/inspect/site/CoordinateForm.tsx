import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { parseGkInput, parseLonLatInput, type SiteInputProblem } from '../../../inspect/site-input.ts';
import { useInspectData } from '../../../state/inspect-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { TabList, type Tab } from '../../TabList.tsx';

type System = 'lonLat' | 'gk';

/** The words for a problem with typed coordinates, naming the field and what was typed. */
function problemText(problem: SiteInputProblem, t: TFunction): string {
  const fields = { lon: t('Longitude'), lat: t('Latitude'), x: 'X', y: 'Y', zone: t('Zone') };
  switch (problem.reason) {
    case 'empty':
      return t('{{field}} is empty.', { field: fields[problem.field] });
    case 'notAnAngle':
      return t('{{field}} “{{text}}” is neither decimal degrees (108.45) nor degrees-minutes-seconds (108°27′00″).', {
        field: fields[problem.field],
        text: problem.text,
      });
    case 'outsideChina':
      return t('{{field}} {{text}} lies outside China: check the digits.', { field: fields[problem.field], text: problem.text });
    case 'swapped':
      return t('The two coordinates look swapped: put each in its own field.');
    case 'notANumber':
      return t('{{field}} “{{text}}” is not a number.', { field: fields[problem.field], text: problem.text });
    case 'xOutOfRange':
      return t('X “{{text}}” is not a northing in China (7 digits, metres).', { text: problem.text });
    case 'yOutOfRange':
      return t('Y “{{text}}” is not an easting (8 digits with the zone prefix, or 6 without).', { text: problem.text });
    case 'needZone':
      return t('Y has no zone prefix: give the zone number.');
    case 'badZone':
      return t('Zone {{zone}} is neither a 3° zone (25–45) nor a 6° zone (13–23).', { zone: problem.zone });
    case 'zoneMismatch':
      return t('Y carries zone {{prefix}} but zone {{zone}} was given.', { prefix: problem.prefix, zone: problem.zone });
  }
}

/** Coordinates typed by hand: lon/lat (decimal or DMS) or Gauss–Krüger X/Y with the zone. */
export function CoordinateForm() {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const checkSite = useInspectData((s) => s.checkSite);
  const [system, setSystem] = useState<System>('lonLat');
  const [values, setValues] = useState({ lon: '', lat: '', x: '', y: '', zone: '' });
  const [problem, setProblem] = useState<SiteInputProblem | null>(null);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = system === 'lonLat' ? parseLonLatInput(values.lon, values.lat) : parseGkInput(values.x, values.y, values.zone);
    setProblem(result.ok ? null : result.problem);
    if (result.ok) void checkSite({ type: 'Point', coordinates: [result.lonLat[0], result.lonLat[1]] }, 'typed', language);
  }

  const systems: Tab<System>[] = [
    { id: 'lonLat', label: t('Longitude / latitude') },
    { id: 'gk', label: t('Gauss–Krüger X / Y') },
  ];
  const field = (key: keyof typeof values, label: string, placeholder: string, inputMode: 'decimal' | 'text' = 'decimal') => (
    <label className="coordinate-field" htmlFor={`${id}-${key}`}>
      <span>{label}</span>
      <input
        id={`${id}-${key}`}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={values[key]}
        aria-invalid={problem !== null && 'field' in problem && problem.field === key}
        onChange={(e) => set(key)(e.target.value)}
      />
    </label>
  );

  return (
    <form className="coordinate-form" onSubmit={submit} noValidate>
      <TabList
        label={t('Coordinate system')}
        tabs={systems}
        selected={system}
        onSelect={(chosen) => {
          setSystem(chosen);
          setProblem(null);
        }}
      />
      {system === 'lonLat' ? (
        <div className="coordinate-fields">
          {field('lon', t('Longitude'), '108.45 / 108°27′00″E', 'text')}
          {field('lat', t('Latitude'), '35.49 / 35°29′24″N', 'text')}
          <p className="plan-note">{t('CGCS2000, decimal degrees or degrees-minutes-seconds.')}</p>
        </div>
      ) : (
        <div className="coordinate-fields">
          {field('x', t('X (northing, m)'), '3930123.45')}
          {field('y', t('Y (easting, m)'), '36540123.45')}
          {field('zone', t('Zone (when Y has no prefix)'), '36')}
          <p className="plan-note">{t('CGCS2000 Gauss–Krüger, X north and Y east as surveyors write them.')}</p>
        </div>
      )}
      <button type="submit" className="primary-button">
        {t('Check this point')}
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problemText(problem, t)}
        </p>
      )}
    </form>
  );
}
