import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '../i18n/languages.ts';
import { useServerData } from '../state/server-store.ts';
import { useSession } from '../state/session-store.ts';
import { AccountStatus } from './AccountStatus.tsx';
import { ModeSwitch } from './ModeSwitch.tsx';

/** Each language named in itself, so anyone can find theirs. */
const LANGUAGE_NAMES: Record<UiLanguage, string> = { 'zh-CN': '中文', en: 'English' };

/** The top bar: product title, the panel button (narrow screens), mode, language switch and sign-in state. */
export function Header() {
  const { t } = useTranslation();
  const panelOpen = useSession((s) => s.panelOpen);
  const setPanelOpen = useSession((s) => s.setPanelOpen);
  const county = useServerData((s) => s.config?.county ?? null);
  return (
    <header className="app-header">
      <button
        type="button"
        className="panel-toggle"
        aria-controls="layer-panel"
        aria-expanded={panelOpen}
        title={panelOpen ? t('Hide layers') : t('Show layers')}
        onClick={() => setPanelOpen(!panelOpen)}
      >
        <span aria-hidden="true">☰</span> <span className="panel-toggle-label">{t('Layers')}</span>
      </button>
      <div className="brand">
        <h1>{t('Mineral resource plan map')}</h1>
        <p className="subtitle">
          {county && <span className="county-name">{county.name} · </span>}
          {t('County mineral-resource plan and mine governance')}
        </p>
      </div>
      <div className="header-tools">
        <ModeSwitch />
        <LanguageSwitch />
        <AccountStatus />
      </div>
    </header>
  );
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const setLanguage = useSession((s) => s.setLanguage);
  return (
    <div className="language-switch" role="group" aria-label={t('Language')}>
      {UI_LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={language === lang}
          onClick={() => setLanguage(lang)}
        >
          {LANGUAGE_NAMES[lang]}
        </button>
      ))}
    </div>
  );
}
