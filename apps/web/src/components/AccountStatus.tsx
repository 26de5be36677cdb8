import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { term, type TermKey } from '@mpm/domain';
import type { UserView } from '@mpm/contracts';
import { domainLanguage } from '../i18n/languages.ts';
import { useServerData } from '../state/server-store.ts';
import { useSession } from '../state/session-store.ts';
import { LoginDialog } from './LoginDialog.tsx';

/** Glossary key of each staff role's name. */
const ROLE_TERMS: Record<UserView['role'], TermKey> = { inspector: 'inspector', planner: 'planner', admin: 'adminRole' };

/** Who is signed in, with sign-out; or the sign-in button and its dialog. */
export function AccountStatus() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const user = useServerData((s) => s.user);
  const signOut = useServerData((s) => s.signOut);
  const [dialogOpen, setDialogOpen] = useState(false);

  if (user) {
    const role = term(ROLE_TERMS[user.role], domainLanguage(language));
    return (
      <div className="account">
        <span className="account-name" title={t('Signed in as {{name}} ({{role}})', { name: user.displayName, role })}>
          {user.displayName}
          <span className="account-role">{role}</span>
        </span>
        <button type="button" className="link-button" onClick={() => void signOut(language)}>
          {t('Sign out')}
        </button>
      </div>
    );
  }
  return (
    <div className="account">
      <button type="button" className="primary-button" onClick={() => setDialogOpen(true)}>
        {t('Sign in')}
      </button>
      {dialogOpen && <LoginDialog onClose={() => setDialogOpen(false)} />}
    </div>
  );
}
