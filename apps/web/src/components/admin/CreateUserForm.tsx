import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, type StaffRole } from '@mpm/contracts';
import { useAdminData } from '../../state/admin-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { roleName, STAFF_ROLES } from './role-names.ts';
import { draftFields } from './draft-fields.ts';

const EMPTY = { username: '', displayName: '', role: 'inspector' as StaffRole, password: '' };

/** A new account: user name, name, role and a first password; the server names anything wrong. */
export function CreateUserForm() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const action = useAdminData((s) => s.action);
  const createUser = useAdminData((s) => s.createUser);
  const [fields, setFields] = useState(EMPTY);
  const [open, setOpen] = useState(false);
  const mine = action?.key === 'create' ? action : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await createUser({ ...fields, username: fields.username.trim() }, language)) {
      setFields(EMPTY);
      setOpen(false);
    }
  }

  const field = draftFields(fields, setFields);

  return (
    <section className="plan-section admin-create">
      <button type="button" className="secondary-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('New account')}
      </button>
      {mine?.status === 'done' && (
        <p className="admin-ok" role="status">
          {t('The account was created.')}
        </p>
      )}
      {open && (
        <form className="admin-form" onSubmit={submit} aria-label={t('New account')}>
          <label>
            {t('User name')}
            <input name="new-username" autoComplete="off" required {...field('username')} />
          </label>
          <label>
            {t('Name')}
            <input name="new-display-name" autoComplete="off" required {...field('displayName')} />
          </label>
          <label>
            {t('Role')}
            <select name="new-role" {...field('role')}>
              {STAFF_ROLES.map((role) => (
                <option key={role} value={role}>
                  {roleName(role, language)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('First password')}
            <input name="new-password" type="password" autoComplete="new-password" required aria-describedby="new-password-rule" {...field('password')} />
          </label>
          {/* Outside the label: the rule names the user name, and the user-name box keeps its own name. */}
          <p id="new-password-rule" className="admin-muted">
            {t('At least {{min}} characters, and not the user name or containing it.', { min: PASSWORD_MIN_LENGTH })}
          </p>
          <ProblemNotice problem={mine?.problem ?? null} />
          <div className="admin-form-actions">
            <button type="submit" className="primary-button" disabled={mine?.status === 'pending'}>
              {t('Create account')}
            </button>
            <button
              type="button"
              className="secondary-button"
              onClick={() => {
                setFields(EMPTY);
                setOpen(false);
              }}
            >
              {t('Cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
