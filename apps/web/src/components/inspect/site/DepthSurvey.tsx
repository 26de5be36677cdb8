import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ElevationSurveyView, RightView } from '@mpm/contracts';
import { SURVEY_SURFACES, SURVEY_SURFACE_TERMS, term, type Language, type SurveySurface } from '@mpm/domain';
import { licencesApi } from '../../../api/licences.ts';
import { useInspectData } from '../../../state/inspect-store.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { useServerData } from '../../../state/server-store.ts';
import { toProblem } from '../../../state/resource.ts';
import { useSession } from '../../../state/session-store.ts';
import { readSurveyPoints } from './depth-input.ts';

/**
 * Depth at a mining right on the site card (超层越界): its licensed range (开采标高), the surveys
 * recorded on it with what each found, a form for inspectors to record a measured floor or face
 * (the site's point with one elevation, or a survey point list), and 转为线索 for a survey that
 * found mining beyond the range.
 */
export function DepthSurvey({ right, surveys, centre, lang }: { right: RightView; surveys: readonly ElevationSurveyView[]; centre: [number, number]; lang: Language }) {
  const { t } = useTranslation();
  const writer = useServerData((s) => s.user?.role === 'inspector' || s.user?.role === 'admin');
  const ranged = right.elevationTopM !== null && right.elevationBottomM !== null;
  const own = surveys.filter((s) => s.rightId === right.featureId);
  // Elevations as surveyors write them: metres, no thousands separator.
  const m = (value: number) => `${value} ${term('unitM', lang)}`;
  return (
    <div className="depth-survey" aria-label={t('Depth at {{licenceNo}}', { licenceNo: right.licenceNo })}>
      <p className="depth-range">
        {ranged
          ? t('Licensed elevation range: {{top}} down to {{bottom}}', { top: m(right.elevationTopM!), bottom: m(right.elevationBottomM!) })
          : t('No licensed elevation range is registered: record it with a change in the licence register.')}
      </p>
      {own.length > 0 && (
        <ul className="depth-surveys" aria-label={term('elevationSurvey', lang)}>
          {own.map((survey) => (
            <SurveyItem key={survey.id} survey={survey} lang={lang} writer={writer} />
          ))}
        </ul>
      )}
      {writer && ranged && <SurveyForm rightId={right.featureId} centre={centre} lang={lang} />}
    </div>
  );
}

/** One survey: day, surface, lowest and highest point, 超层越界 or not, and its lead. */
function SurveyItem({ survey, lang, writer }: { survey: ElevationSurveyView; lang: Language; writer: boolean }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const refreshSite = useInspectData((s) => s.refreshSite);
  const loadLedger = useLedger((s) => s.loadList);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { verdict } = survey;

  async function lead() {
    setBusy(true);
    setProblem(null);
    try {
      await licencesApi.surveyLead(survey.id, language);
      await Promise.all([refreshSite(language), loadLedger(language)]);
    } catch (err) {
      setProblem(toProblem(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li data-breach={survey.breach}>
      <div>
        {survey.measuredOn} · {term(SURVEY_SURFACE_TERMS[survey.surface], lang)} ·{' '}
        {verdict.lowestM === verdict.highestM
          ? `${verdict.lowestM} ${term('unitM', lang)}`
          : t('{{lowest}} to {{highest}} m', { lowest: verdict.lowestM, highest: verdict.highestM })}{' '}
        <span className={survey.breach ? 'tag tag-danger' : 'tag'}>{survey.breach ? term('depthBreach', lang) : t('Within the licensed range')}</span>
      </div>
      {survey.finding && <p className="depth-finding">{survey.finding.message[lang]}</p>}
      {survey.finding && <p className="plan-note">{survey.finding.legalBasis[lang]}</p>}
      {survey.ledgerEntryId !== null ? (
        <p className="plan-note">{t('Made a lead: ledger entry {{id}}', { id: survey.ledgerEntryId })}</p>
      ) : (
        survey.breach &&
        writer && (
          <button type="button" className="secondary-button" disabled={busy} onClick={() => void lead()}>
            {t('Turn into a lead')}
          </button>
        )
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

/** Records a measured floor or face: one elevation at the site, or a point list. */
function SurveyForm({ rightId, centre, lang }: { rightId: number; centre: [number, number]; lang: Language }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const refreshSite = useInspectData((s) => s.refreshSite);
  const [surface, setSurface] = useState<SurveySurface>('floor');
  const [elevation, setElevation] = useState('');
  const [pointList, setPointList] = useState('');
  const [measuredOn, setMeasuredOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const read = readSurveyPoints(centre, elevation, pointList);
    if (!read.ok) {
      setProblem(
        read.problem.reason === 'noElevation'
          ? t('Give the measured elevation in metres, or a point list.')
          : t('Line {{line}} “{{text}}” is not “longitude, latitude, elevation”.', { line: read.problem.line, text: read.problem.text }),
      );
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await licencesApi.recordSurvey(rightId, { surface, points: read.points, ...(measuredOn && { measuredOn }) }, language);
      setElevation('');
      setPointList('');
      await refreshSite(language);
    } catch (err) {
      setProblem(toProblem(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="depth-form" onSubmit={(e) => void submit(e)} aria-label={t('Record an elevation survey')} noValidate>
      <label>
        <span>{t('Measured')}</span>
        <select name="survey-surface" value={surface} onChange={(e) => setSurface(e.target.value as SurveySurface)}>
          {SURVEY_SURFACES.map((s) => (
            <option key={s} value={s}>
              {term(SURVEY_SURFACE_TERMS[s], lang)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('Elevation at the site (m above sea level)')}</span>
        <input name="survey-elevation" inputMode="decimal" autoComplete="off" value={elevation} onChange={(e) => setElevation(e.target.value)} />
      </label>
      <details>
        <summary>{t('Or a survey point list')}</summary>
        <textarea name="survey-points" rows={3} value={pointList} onChange={(e) => setPointList(e.target.value)} placeholder={t('One point per line: longitude, latitude, elevation')} />
      </details>
      <label>
        <span>{t('Measured on (empty: today)')}</span>
        <input name="survey-date" type="date" value={measuredOn} onChange={(e) => setMeasuredOn(e.target.value)} />
      </label>
      <button type="submit" className="primary-button" disabled={busy}>
        {busy ? t('Recording…') : t('Record the survey')}
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
