import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole, UserAccount } from '@mpm/contracts';
import { useAdminData, type AccountEdit } from '../../state/admin-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { FormActions } from './FormActions.tsx';
import { roleName, STAFF_ROLES } from './role-names.ts';

/** An account's name and role, saved from the version the list showed (a 409 says who changed it since). */
export function EditUserForm({ account, onClose }: { account: UserAccount; onClose(): void }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const action = useAdminData((s) => (s.action?.key === `user:${account.id}` ? s.action : null));
  const updateUser = useAdminData((s) => s.updateUser);
  const [displayName, setDisplayName] = useState(account.displayName);
  const [role, setRole] = useState<StaffRole>(account.role);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const edit: AccountEdit = {
      ...(displayName !== account.displayName && { displayName }),
      ...(role !== account.role && { role }),
    };
    if (Object.keys(edit).length === 0) {
      onClose();
      return;
    }
    if (await updateUser(account, edit, language)) onClose();
  }

  return (
    <form className="admin-form" onSubmit={submit} aria-label={t('Edit {{name}}', { name: account.displayName })}>
      <label>
        {t('Name')}
        <input name="display-name" required value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
      </label>
      <label>
        {t('Role')}
        <select name="role" value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
          {STAFF_ROLES.map((option) => (
            <option key={option} value={option}>
              {roleName(option, language)}
            </option>
          ))}
        </select>
      </label>
      <ProblemNotice problem={action?.problem ?? null} />
      <FormActions submitLabel={t('Save')} saving={action?.status === 'pending'} onCancel={onClose} />
    </form>
  );
}
