import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountyProfile } from '@mpm/contracts';
import { term, type CollectionId, type Language } from '@mpm/domain';
import { GK_ZONES, setupState, type SetupLayer } from '../../state/county-setup.ts';
import { useDataSession } from '../../state/data-session.ts';
import { toProblem, type Problem } from '../../state/resource.ts';
import { useServerData } from '../../state/server-store.ts';
import { useSession } from '../../state/session-store.ts';
import { useTransferData } from '../../state/transfer-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';

/**
 * The county's set-up (县域设置), atop data mode: its name, code and Gauss–Krüger zone, then its
 * boundary and townships, then every other layer, each imported from a file with the import form
 * below. Open until the county works; then a line that opens to change the profile.
 */
export function CountySetup({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const state = setupState(
    useServerData((s) => s.config),
    useServerData((s) => s.layers),
  );
  const countyVersion = useServerData((s) => s.config?.countyVersion);
  // Kept here, not in the form: a refusal because someone else saved first reloads the profile
  // (and with it the form), and is still said.
  const [profileProblem, setProfileProblem] = useState<Problem | null>(null);
  const current = useDataSession((s) => s.layer);
  const setLayer = useDataSession((s) => s.setLayer);
  const setTab = useDataSession((s) => s.setTab);
  const clearPreview = useTransferData((s) => s.clearPreview);
  const importInto = (id: CollectionId) => {
    setLayer(id);
    setTab('import');
    clearPreview();
  };
  const summary = state.profile
    ? t('{{name}} ({{code}}), 3° zone {{zone}}', { name: state.profile.name, code: state.profile.adminCode, zone: state.profile.gkZone })
    : t('Not set up yet');

  return (
    <details className="county-setup" open={!state.complete} aria-label={t('County setup')}>
      <summary>
        <strong>{t('County setup')}</strong> <span className="county-setup-summary">{summary}</span>
      </summary>
      {!state.complete && <p className="setup-hint">{t('Set up the county in order: its profile, its boundary, its townships; then import the other layers.')}</p>}
      <ol className="setup-steps">
        <li data-done={state.profile !== null}>
          <ProfileForm
            key={`${JSON.stringify(state.profile)}@${countyVersion}`}
            profile={state.profile}
            problem={profileProblem}
            setProblem={setProfileProblem}
          />
        </li>
        {state.base.map((layer) => (
          <li key={layer.id} data-done={layer.featureCount > 0}>
            <LayerStep layer={layer} lang={lang} current={current === layer.id} disabled={state.profile === null} onImport={importInto} />
          </li>
        ))}
        <li data-done={state.others.some((l) => l.featureCount > 0)}>
          <span className="setup-step-title">{t('Other layers')}</span>
          <ul className="setup-layers">
            {state.others.map((layer) => (
              <li key={layer.id}>
                <LayerStep layer={layer} lang={lang} current={current === layer.id} disabled={!state.complete} onImport={importInto} />
              </li>
            ))}
          </ul>
        </li>
      </ol>
    </details>
  );
}

/** A layer of the set-up: its name, how many features it holds, and a button that imports into it. */
function LayerStep(props: { layer: SetupLayer; lang: Language; current: boolean; disabled: boolean; onImport(id: CollectionId): void }) {
  const { t } = useTranslation();
  const { layer, lang } = props;
  return (
    <span className="setup-layer" data-layer={layer.id}>
      <span className="setup-step-title">{term(layer.id, lang)}</span>{' '}
      <span className="setup-count">
        {layer.featureCount > 0 ? t('{{count}} features', { count: layer.featureCount }) : t('Not imported')}
      </span>{' '}
      <button
        type="button"
        className="link-button"
        disabled={props.disabled}
        aria-pressed={props.current}
        aria-label={t('Import {{layer}}', { layer: term(layer.id, lang) })}
        onClick={() => props.onImport(layer.id)}
      >
        {layer.featureCount > 0 ? t('Import again') : t('Import from a file')}
      </button>
    </span>
  );
}

/**
 * The county's name, six-digit code and 3° Gauss–Krüger zone, saved by an admin from the version
 * the page loaded (someone else's save since is refused in words, and the form shows theirs).
 */
function ProfileForm(props: { profile: CountyProfile | null; problem: Problem | null; setProblem(problem: Problem | null): void }) {
  const { profile, problem, setProblem } = props;
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const saveCounty = useServerData((s) => s.saveCounty);
  const [name, setName] = useState(profile?.name ?? '');
  const [adminCode, setAdminCode] = useState(profile?.adminCode ?? '');
  const [zone, setZone] = useState(profile ? String(profile.gkZone) : '');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await saveCounty({ name, adminCode, gkZone: Number(zone) }, language);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="county-profile" onSubmit={(event) => void submit(event)}>
      <span className="setup-step-title">{t('County profile')}</span>
      <label className="data-field">
        {t('County name')}
        <input value={name} required maxLength={60} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="data-field">
        {t('Administrative code (6 digits)')}
        <input value={adminCode} required inputMode="numeric" pattern="\d{6}" maxLength={6} onChange={(e) => setAdminCode(e.target.value)} />
      </label>
      <label className="data-field">
        {t('Gauss–Krüger 3° zone')}
        <select value={zone} required onChange={(e) => setZone(e.target.value)}>
          <option value="">{t('Choose…')}</option>
          {GK_ZONES.map(({ zone: z, meridianDeg }) => (
            <option key={z} value={z}>
              {t('Zone {{zone}} (central meridian {{meridian}}° E)', { zone: z, meridian: meridianDeg })}
            </option>
          ))}
        </select>
      </label>
      <ProblemNotice problem={problem} />
      <button type="submit" disabled={busy}>
        {t('Save the profile')}
      </button>
    </form>
  );
}
