import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserAccount } from '@mpm/contracts';
import { useAdminData } from '../../state/admin-store.ts';
import { useSession } from '../../state/session-store.ts';
import { chinaTime } from '../data/china-time.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { EditUserForm } from './EditUserForm.tsx';
import { IssuedPassword } from './IssuedPassword.tsx';
import { roleName } from './role-names.ts';

type Confirming = 'reset' | 'deactivate' | 'signOut';

/**
 * One account: who, role, state and last sign-in; its actions (edit name and role, reset the
 * password, deactivate or reactivate, sign out everywhere), the risky ones asked once more in
 * the row; what the last action did or why it was refused.
 */
export function UserRow({ account, isSelf }: { account: UserAccount; isSelf: boolean }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const action = useAdminData((s) => (s.action?.key === `user:${account.id}` ? s.action : null));
  const issued = useAdminData((s) => (s.issued?.userId === account.id ? s.issued : null));
  const { resetPassword, setActive, signOutEverywhere } = useAdminData.getState();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const pending = action?.status === 'pending';

  const confirm = async () => {
    const what = confirming;
    setConfirming(null);
    if (what === 'reset') await resetPassword(account, language);
    if (what === 'deactivate') await setActive(account, false, language);
    if (what === 'signOut') await signOutEverywhere(account, language);
  };
  const question: Record<Confirming, string> = {
    reset: t('Reset the password of {{name}}? Their current password stops working and they are signed out.', { name: account.displayName }),
    deactivate: t('Deactivate {{name}}? They are signed out and can no longer sign in.', { name: account.displayName }),
    signOut: t('Sign {{name}} out on every device?', { name: account.displayName }),
  };
  const doneText = action?.status === 'done' && action.done && {
    created: t('The account was created.'),
    updated: t('Saved.'),
    reset: t('The password was reset.'),
    deactivated: t('Deactivated; their sessions were ended.'),
    reactivated: t('Reactivated: they can sign in again.'),
    signedOut: t('Signed out everywhere ({{count}} sessions ended).', { count: action.sessionsEnded ?? 0 }),
  }[action.done];

  return (
    <li className={`admin-user${account.active ? '' : ' admin-user-inactive'}`} aria-label={`${account.displayName} (${account.username})`}>
      <div className="admin-user-head">
        <strong>{account.displayName}</strong> <span className="admin-muted">{account.username}</span>
        <span className="admin-badge">{roleName(account.role, language)}</span>
        {!account.active && <span className="admin-badge admin-badge-off">{t('Deactivated')}</span>}
        {account.mustChangePassword && <span className="admin-badge">{t('Must change password')}</span>}
        {isSelf && <span className="admin-badge">{t('You')}</span>}
      </div>
      <p className="admin-muted admin-user-meta">
        {account.lastSignInAt ? t('Last signed in {{time}}', { time: chinaTime(account.lastSignInAt, language) }) : t('Never signed in')}
      </p>
      {editing ? (
        <EditUserForm account={account} onClose={() => setEditing(false)} />
      ) : (
        <div className="admin-user-actions">
          <button type="button" className="link-button" disabled={pending} onClick={() => setEditing(true)}>
            {t('Edit')}
          </button>
          <button type="button" className="link-button" disabled={pending} onClick={() => setConfirming('reset')}>
            {t('Reset password')}
          </button>
          {account.active && !isSelf && (
            <button type="button" className="link-button" disabled={pending} onClick={() => setConfirming('deactivate')}>
              {t('Deactivate')}
            </button>
          )}
          {!account.active && (
            <button type="button" className="link-button" disabled={pending} onClick={() => void setActive(account, true, language)}>
              {t('Reactivate')}
            </button>
          )}
          {account.active && (
            <button type="button" className="link-button" disabled={pending} onClick={() => setConfirming('signOut')}>
              {t('Sign out everywhere')}
            </button>
          )}
        </div>
      )}
      {confirming && (
        <div className="admin-confirm" role="alertdialog" aria-label={question[confirming]}>
          <p>{question[confirming]}</p>
          <div className="admin-form-actions">
            <button type="button" className="primary-button admin-danger" onClick={() => void confirm()}>
              {t('Confirm')}
            </button>
            <button type="button" className="secondary-button" onClick={() => setConfirming(null)}>
              {t('Cancel')}
            </button>
          </div>
        </div>
      )}
      {issued && <IssuedPassword account={account} password={issued.password} />}
      {!editing && <ProblemNotice problem={action?.problem ?? null} />}
      {doneText && !issued && (
        <p className="admin-ok" role="status">
          {doneText}
        </p>
      )}
    </li>
  );
}
