import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatchCollection, PatchProperties } from '@mpm/contracts';
import { PATCH_CLASS_TERMS, PATCH_CLASS_VIOLATIONS, PATCH_CLASSES, term, type Language } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { formatArea } from '../../../plan/format.ts';
import { bboxOf, useInspectSession } from '../../../state/inspect-session.ts';
import { useInspectData } from '../../../state/inspect-store.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { toProblem } from '../../../state/resource.ts';
import { useSession, type AreaUnit } from '../../../state/session-store.ts';
import { AsOfField } from '../../AsOfField.tsx';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { PatchClassChip } from '../terms.tsx';
import { PatchUpload } from './PatchUpload.tsx';

type Patch = PatchCollection['features'][number];

/**
 * The change patches (卫片图斑) of a round, classified against the rights and zones — of today, or
 * the licence register as it stood on a past day (截至日期) —: a count per class, a table (a click shows the patch on the map), and one click from a doubtful patch to a lead.
 */
export function PatchesView() {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const unit = useSession((s) => s.areaUnit);
  const patches = useInspectData((s) => s.patches);
  const rounds = useInspectData((s) => s.rounds);
  const round = useInspectData((s) => s.patchRound);
  const asOf = useInspectData((s) => s.patchAsOf);
  const loadPatches = useInspectData((s) => s.loadPatches);

  useEffect(() => {
    if (useInspectData.getState().patches.status === 'idle') void loadPatches(useSession.getState().language, '');
  }, [loadPatches]);

  const features = patches.data?.features ?? [];
  const counts = Object.fromEntries(PATCH_CLASSES.map((c) => [c, features.filter((f) => f.properties.classification === c).length]));

  return (
    <>
      <section className="plan-section" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{term('change_patches', lang)}</h3>
        <label className="inline-field" htmlFor={`${id}-round`}>
          <span>{term('detectionRound', lang)}</span>
          <select id={`${id}-round`} value={round} onChange={(e) => void loadPatches(language, e.target.value)}>
            <option value="">{t('All rounds')}</option>
            {rounds.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <AsOfField name="patches-as-of" value={asOf} onChange={(day) => void loadPatches(language, round, day)} />
        {patches.data && (
          <p className="plan-note patches-as-of" role="status">
            {t('Classified against the licence register as it stood at the end of {{day}}.', { day: patches.data.asOf })}
          </p>
        )}
        <ul className="class-legend" aria-label={t('Patches by class')}>
          {PATCH_CLASSES.map((c) => (
            <li key={c} data-class={c}>
              <PatchClassChip value={c} lang={lang} /> <span className="class-count">{counts[c]}</span>
            </li>
          ))}
        </ul>
        {patches.status === 'loading' && (
          <p className="plan-note" role="status">
            {t('Loading the patches…')}
          </p>
        )}
        <ProblemNotice problem={patches.problem} sentence={(message) => t('Could not load the patches: {{message}}', { message })} />
        <details className="site-more">
          <summary>{t('Load a round of patches')}</summary>
          <PatchUpload />
        </details>
      </section>
      <section className="plan-section" aria-label={t('Patch table')}>
        {features.length === 0 && patches.status === 'ready' ? (
          <p className="plan-note">{t('No patches in this round.')}</p>
        ) : (
          <PatchTable features={features} lang={lang} unit={unit} />
        )}
      </section>
    </>
  );
}

function PatchTable({ features, lang, unit }: { features: readonly Patch[]; lang: Language; unit: AreaUnit }) {
  const { t } = useTranslation();
  const selectedPatchId = useInspectSession((s) => s.selectedPatchId);
  const selectPatch = useInspectSession((s) => s.selectPatch);
  return (
    <table className="patch-table">
      <thead>
        <tr>
          <th scope="col">{term('code', lang)}</th>
          <th scope="col">{t('Class')}</th>
          <th scope="col">{term('areaMu', lang)}</th>
          <th scope="col">{t('Lead')}</th>
        </tr>
      </thead>
      <tbody>
        {features.map((patch) => {
          const p = patch.properties;
          return (
            <tr key={p.id} data-patch-id={p.id} data-class={p.classification} aria-selected={selectedPatchId === p.id}>
              <td>
                <button type="button" className="link-button patch-code" onClick={() => selectPatch(p.id, bboxOf(patch.geometry))}>
                  {p.code}
                </button>
                <span className="patch-meta">
                  {p.detectedOn}
                  {p.licenceNos.length > 0 && ` · ${p.licenceNos.join(', ')}`}
                </span>
              </td>
              <td>
                <PatchClassChip value={p.classification} lang={lang} />
                {p.zones && p.zones.length > 0 && <span className="patch-meta">{p.zones.map((z) => z.name).join(', ')}</span>}
                {p.landClasses && <span className="patch-meta patch-land-classes">{t('on {{classes}}', { classes: landClassNames(p, lang) })}</span>}
              </td>
              <td className="numeric">
                {formatArea(p.areaM2, unit, lang)}
                {p.outsideAreaM2 !== undefined && (
                  <span className="patch-meta">{t('outside: {{area}}', { area: formatArea(p.outsideAreaM2, unit, lang) })}</span>
                )}
              </td>
              <td>
                <LeadCell patch={patch} lang={lang} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The patch's ledger entry, or the button that makes one from a doubtful patch. */
function LeadCell({ patch, lang }: { patch: Patch; lang: Language }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const createEntry = useLedger((s) => s.createEntry);
  const openEntry = useLedger((s) => s.openEntry);
  const setTab = useInspectSession((s) => s.setTab);
  const loadPatches = useInspectData((s) => s.loadPatches);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const p: PatchProperties = patch.properties;

  if (p.ledgerEntryId !== null) {
    const entryId = p.ledgerEntryId;
    return (
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setTab('ledger');
          void openEntry(entryId, language);
        }}
      >
        {t('Entry #{{id}}', { id: entryId })}
      </button>
    );
  }
  if (p.classification === 'legal') return <span className="plan-note">—</span>;

  async function makeLead() {
    if (p.classification === 'legal') return;
    setBusy(true);
    setProblem(null);
    try {
      const classTerm = term(PATCH_CLASS_TERMS[p.classification], lang);
      await createEntry(
        {
          title: `${term('sourcePatch', lang)} ${p.code}${lang === 'zh' ? '：' : ': '}${classTerm}${p.landClasses ? `${lang === 'zh' ? '，' : ', '}${t('on {{classes}}', { classes: landClassNames(p, lang) })}` : ''}`,
          geometry: patch.geometry,
          source: 'patch',
          patchId: p.id,
          violationType: PATCH_CLASS_VIOLATIONS[p.classification],
        },
        language,
      );
      void loadPatches(language);
    } catch (err) {
      setProblem(toProblem(err).message);
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="secondary-button lead-button" disabled={busy} onClick={() => void makeLead()}>
        {t('Make a lead')}
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}

/** The land classes a doubtful patch meets, each as its class and name: 草地“北塬村坡草地”. */
const landClassNames = (p: PatchProperties, lang: Language): string =>
  (p.landClasses ?? []).map((z) => (lang === 'zh' ? `${term(z.collection, lang)}“${z.name}”` : `${term(z.collection, lang).toLowerCase()} "${z.name}"`)).join(lang === 'zh' ? '、' : ', ');
