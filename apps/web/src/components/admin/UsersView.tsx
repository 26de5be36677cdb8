import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminData } from '../../state/admin-store.ts';
import { useServerData } from '../../state/server-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { CreateUserForm } from './CreateUserForm.tsx';
import { SignOutAll } from './SignOutAll.tsx';
import { UserRow } from './UserRow.tsx';

/** 用户管理: every account (active first), a form for a new one, and each account's actions. */
export function UsersView() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const me = useServerData((s) => s.user);
  const users = useAdminData((s) => s.users);
  const loadUsers = useAdminData((s) => s.loadUsers);

  useEffect(() => {
    void loadUsers(language);
  }, [loadUsers, language]);

  const list = [...(users.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.id - b.id);
  return (
    <div className="admin-users">
      <CreateUserForm />
      <section className="plan-section" aria-labelledby="admin-users-title">
        <div className="admin-list-head">
          <h3 id="admin-users-title">{t('Accounts ({{number}})', { number: list.length })}</h3>
          <button type="button" className="link-button" onClick={() => void loadUsers(language)} disabled={users.status === 'loading'}>
            {t('Reload')}
          </button>
        </div>
        <SignOutAll onDone={() => void loadUsers(language)} />
        <ProblemNotice
          problem={users.problem}
          sentence={(message) => t('Could not load the accounts: {{message}}', { message })}
          onRetry={() => void loadUsers(language)}
        />
        {users.status === 'loading' && !users.data && <p className="admin-muted">{t('Loading…')}</p>}
        <ul className="admin-user-list" aria-label={t('Accounts')}>
          {list.map((account) => (
            <UserRow key={account.id} account={account} isSelf={account.id === me?.id} />
          ))}
        </ul>
      </section>
    </div>
  );
}
