import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_AUDIT_FILTERS, type AuditFilters as Filters } from '../../state/admin-audit-store.ts';
import { useAdminData } from '../../state/admin-store.ts';
import { useSession } from '../../state/session-store.ts';
import { entityName } from './audit-names.ts';

interface AuditFiltersProps {
  filters: Filters;
  /** Every register the log names. */
  entities: readonly string[];
  busy: boolean;
  onSearch(filters: Filters): void;
}

/** Who wrote, which register and record, and between which China dates (inclusive). */
export function AuditFilters({ filters, entities, busy, onSearch }: AuditFiltersProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(filters);
  const users = useAdminData((s) => s.users.data);

  // The user name filter matches exactly: offer the accounts' names.
  useEffect(() => {
    if (useAdminData.getState().users.status === 'idle') void useAdminData.getState().loadUsers(useSession.getState().language);
  }, []);
  const field = (name: keyof Filters) => ({
    name,
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };
  const options = [...new Set([...entities, ...(draft.entity ? [draft.entity] : [])])].sort((a, b) =>
    entityName(a, t).localeCompare(entityName(b, t), 'zh-CN'),
  );
  return (
    <form className="admin-form audit-filters" onSubmit={submit} aria-label={t('Filter the audit log')}>
      <label>
        {t('User name')}
        <input {...field('user')} autoComplete="off" list="audit-user-names" />
        <datalist id="audit-user-names">
          {(users ?? []).map((account) => (
            <option key={account.id} value={account.username}>
              {account.displayName}
            </option>
          ))}
        </datalist>
      </label>
      <label>
        {t('Register')}
        <select {...field('entity')}>
          <option value="">{t('All registers')}</option>
          {options.map((entity) => (
            <option key={entity} value={entity}>
              {entityName(entity, t)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('Record')}
        <input {...field('entityId')} autoComplete="off" />
      </label>
      <div className="audit-dates">
        <label>
          {t('From')}
          <input type="date" {...field('from')} />
        </label>
        <label>
          {t('To')}
          <input type="date" {...field('to')} />
        </label>
      </div>
      <div className="admin-form-actions">
        <button type="submit" className="primary-button" disabled={busy}>
          {t('Search')}
        </button>
        <button
          type="button"
          className="secondary-button"
          onClick={() => {
            setDraft(NO_AUDIT_FILTERS);
            onSearch(NO_AUDIT_FILTERS);
          }}
        >
          {t('Clear filters')}
        </button>
      </div>
    </form>
  );
}
