import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerData } from '../state/server-store.ts';
import { useSession } from '../state/session-store.ts';
import { ChangePasswordDialog } from './admin/ChangePasswordDialog.tsx';
import { roleName } from './admin/role-names.ts';
import { InboxButton } from './InboxButton.tsx';
import { LoginDialog } from './LoginDialog.tsx';

/**
 * Who is signed in, with 修改密码 (forced open while an admin's reset stands) and sign-out; or
 * the sign-in button and its dialog.
 */
export function AccountStatus() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const user = useServerData((s) => s.user);
  const signOut = useServerData((s) => s.signOut);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const mustChange = user?.mustChangePassword ?? false;

  // Open until changed; it stays open afterwards to say that it was.
  useEffect(() => {
    if (mustChange) setPasswordOpen(true);
  }, [mustChange]);

  if (user) {
    const role = roleName(user.role, language);
    return (
      <div className="account">
        <InboxButton />
        <span className="account-name" title={t('Signed in as {{name}} ({{role}})', { name: user.displayName, role })}>
          {user.displayName}
          <span className="account-role">{role}</span>
        </span>
        <button type="button" className="link-button account-password" onClick={() => setPasswordOpen(true)}>
          {t('Change password')}
        </button>
        <button type="button" className="link-button" onClick={() => void signOut(language)}>
          {t('Sign out')}
        </button>
        {passwordOpen && <ChangePasswordDialog forced={mustChange} onClose={() => setPasswordOpen(false)} />}
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
