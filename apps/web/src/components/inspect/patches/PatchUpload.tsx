import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { readPatchFile, roundsToSend, statedRound, type PatchFeature, type PatchFileProblem } from '../../../inspect/patch-files.ts';
import { useInspectData } from '../../../state/inspect-store.ts';
import { toProblem } from '../../../state/resource.ts';
import { useSession } from '../../../state/session-store.ts';

function problemText(problem: PatchFileProblem, t: TFunction): string {
  switch (problem.reason) {
    case 'unreadable':
      return t('The file could not be read as GeoJSON or KML.');
    case 'unsupported':
      return t('Only GeoJSON (.geojson, .json) and KML (.kml) files can be read.');
    case 'noPolygon':
      return t('The file has no polygon (Polygon or MultiPolygon).');
    case 'notLonLat':
      return t('Feature {{index}}: the coordinates are not longitude/latitude degrees (CGCS2000).', { index: problem.index });
    case 'noCode':
      return t('Feature {{index}} has no code (a “code” property, or a KML name).', { index: problem.index });
    case 'duplicateCode':
      return t('The code {{code}} names two patches; each patch needs its own.', { code: problem.code });
  }
}

/** A round of patches from a GeoJSON or KML file, sent to the server to be classified. */
export function PatchUpload() {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const uploadPatches = useInspectData((s) => s.uploadPatches);
  const [features, setFeatures] = useState<PatchFeature[] | null>(null);
  const [round, setRound] = useState('');
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [loaded, setLoaded] = useState<number | null>(null);
  const rounds = features ? roundsToSend(features, round.trim(), date) : [];
  const ready = features !== null && rounds.every((r) => r.detectionRound !== '' && /^\d{4}-\d{2}-\d{2}$/.test(r.detectedOn));

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    setLoaded(null);
    if (!file) return;
    const result = await readPatchFile(file);
    setProblem(result.ok ? null : problemText(result.problem, t));
    setFeatures(result.ok ? result.features : null);
    if (result.ok) {
      const stated = statedRound(result.features);
      setRound(stated.detectionRound);
      setDate(stated.detectedOn);
    }
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!features || !ready) return;
    setSending(true);
    setProblem(null);
    try {
      await uploadPatches(rounds, language);
      setLoaded(features.length);
      setFeatures(null);
    } catch (err) {
      setProblem(t('The patches could not be loaded: {{message}}', { message: toProblem(err).message }));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="patch-upload" onSubmit={send}>
      <label htmlFor={`${id}-file`}>{t('GeoJSON or KML file of the round')}</label>
      <input id={`${id}-file`} type="file" accept=".geojson,.json,.kml" onChange={(e) => void choose(e)} />
      {features && (
        <>
          <p className="plan-note" role="status">
            {t('{{count}} patches read.', { count: features.length })}
            {rounds.length > 1 && ` ${t('The file names {{count}} rounds; each is loaded as its own round.', { count: rounds.length })}`}
          </p>
          <label className="inline-field" htmlFor={`${id}-round`}>
            <span>{term('detectionRound', lang)}</span>
            <input id={`${id}-round`} value={round} onChange={(e) => setRound(e.target.value)} placeholder={t('e.g. 2025 Q3')} />
          </label>
          <label className="inline-field" htmlFor={`${id}-date`}>
            <span>{term('detectedOn', lang)}</span>
            <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <button type="submit" className="primary-button" disabled={!ready || sending}>
            {sending ? t('Loading and classifying…') : t('Load and classify')}
          </button>
        </>
      )}
      {loaded !== null && (
        <p className="plan-note" role="status">
          {t('{{count}} patches loaded and classified.', { count: loaded })}
        </p>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
