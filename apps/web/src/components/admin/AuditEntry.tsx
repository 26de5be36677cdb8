import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '@mpm/contracts';
import { domainLanguage } from '../../i18n/languages.ts';
import { useSession } from '../../state/session-store.ts';
import { chinaTime } from '../data/china-time.ts';
import { auditSides, changedFields, fieldName, fieldText } from './audit-diff.ts';
import { actionName, entityName } from './audit-names.ts';

/** One write of the log: when (China time), who, what, on which record; opened, its record before and after. */
export function AuditEntry({ entry }: { entry: AuditEntryView }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const [open, setOpen] = useState(false);
  const headId = `audit-entry-${entry.id}`;
  return (
    <li className="audit-entry" aria-labelledby={headId}>
      <div className="audit-entry-head" id={headId}>
        <time dateTime={entry.at}>{chinaTime(entry.at, language)}</time>{' '}
        <strong>{entry.by ? `${entry.by.displayName} (${entry.by.username})` : t('System')}</strong>{' '}
        {actionName(entry.action, t)}{' '}
        <span className="admin-badge">{entityName(entry.entity, t)}</span>
        {entry.entityId !== null && <code className="audit-record">{entry.entityId}</code>}
      </div>
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('Hide before and after') : t('Show before and after')}
      </button>
      {open && <AuditDetail entry={entry} />}
    </li>
  );
}

/** The fields the write changed, before beside after; what else it said; the raw entry on request. */
function AuditDetail({ entry }: { entry: AuditEntryView }) {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const { before, after, extra } = auditSides(entry.detail);
  const changes = changedFields(before, after);
  const extraKeys = Object.keys(extra);
  return (
    <div className="audit-detail">
      {changes.length === 0 ? (
        <p className="admin-muted">{t('No field changed.')}</p>
      ) : (
        <table className="audit-diff">
          <caption>{t('Changed fields ({{number}})', { number: changes.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Field')}</th>
              <th scope="col">{t('Value before')}</th>
              <th scope="col">{t('Value after')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.path}>
                <th scope="row">
                  {fieldName(change.path, lang) && <span className="audit-field-name">{fieldName(change.path, lang)} </span>}
                  <code>{change.path || t('(value)')}</code>
                </th>
                <td className={change.before === undefined ? 'audit-absent' : 'audit-before'}>{fieldText(change.before)}</td>
                <td className={change.after === undefined ? 'audit-absent' : 'audit-after'}>{fieldText(change.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {extraKeys.length > 0 && (
        <dl className="audit-extra">
          {extraKeys.map((key) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{fieldText(extra[key])}</dd>
            </div>
          ))}
        </dl>
      )}
      <details>
        <summary>{t('Raw entry (JSON)')}</summary>
        <pre className="audit-json">{JSON.stringify(entry, null, 2)}</pre>
      </details>
    </div>
  );
}
