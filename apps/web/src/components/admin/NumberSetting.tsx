import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsSection } from '../../state/admin-settings-store.ts';
import type { Resource } from '../../state/resource.ts';
import type { UiLanguage } from '../../i18n/languages.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { SaveOutcome, useSaving } from './SaveOutcome.tsx';

/** One setting of one number, as a form: what the server holds, typed over, checked, then saved as a new version. */
export function NumberSetting<T extends { version: number }>(props: {
  section: SettingsSection;
  title: string;
  label: string;
  /** The input's name (the setting's field). */
  name: string;
  inputMode: 'numeric' | 'decimal';
  resource: Resource<T>;
  stored: (data: T) => number;
  /** The number typed, or why it cannot be saved. */
  parse: (text: string) => { value: number } | { problem: string };
  save: (value: number, lang: UiLanguage) => Promise<boolean>;
  reload: (lang: UiLanguage) => void;
  note?: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const saving = useSaving(props.section);
  const { data } = props.resource;
  const version = data?.version;
  // What the admin typed, over the version it was typed on: a new version shows what now holds.
  const [typed, setTyped] = useState<{ version: number | undefined; text: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = typed && typed.version === version ? typed.text : data ? String(props.stored(data)) : '';
  const titleId = `settings-${props.section}-title`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = props.parse(shown);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    if (await props.save(parsed.value, language)) setTyped(null);
  }

  return (
    <section className="plan-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{props.title}</h3>
      <ProblemNotice problem={props.resource.problem} onRetry={() => props.reload(language)} />
      {data && (
        <form className="admin-form" onSubmit={submit} noValidate aria-label={props.title}>
          <label>
            {props.label}
            <input name={props.name} inputMode={props.inputMode} value={shown} onChange={(event) => setTyped({ version, text: event.target.value })} />
          </label>
          {props.note && <p className="plan-note">{props.note(data)}</p>}
          {problem && (
            <p className="form-error" role="alert">
              {problem}
            </p>
          )}
          <SaveOutcome section={props.section} />
          <div className="admin-form-actions">
            <button type="submit" className="primary-button" disabled={saving}>
              {t('Save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
