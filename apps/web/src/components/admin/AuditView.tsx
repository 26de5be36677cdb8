import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditData } from '../../state/admin-audit-store.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { AuditEntry } from './AuditEntry.tsx';
import { AuditFilters } from './AuditFilters.tsx';

/** 审计日志: the chain's verification, the filters, and every write newest first, a page at a time. */
export function AuditView() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const filters = useAuditData((s) => s.filters);
  const pages = useAuditData((s) => s.pages);
  const more = useAuditData((s) => s.more);
  const search = useAuditData((s) => s.search);
  const loadMore = useAuditData((s) => s.loadMore);

  useEffect(() => {
    void search(useAuditData.getState().filters, language);
  }, [search, language]);

  const entries = pages.data?.entries ?? [];
  return (
    <div className="admin-audit">
      <AuditVerify />
      <section className="plan-section" aria-labelledby="audit-entries-title">
        <AuditFilters
          key={JSON.stringify(filters)}
          filters={filters}
          entities={pages.data?.entities ?? []}
          busy={pages.status === 'loading'}
          onSearch={(next) => void search(next, language)}
        />
        <div className="admin-list-head">
          <h3 id="audit-entries-title">{t('Writes ({{number}} shown)', { number: entries.length })}</h3>
          <button type="button" className="link-button" onClick={() => void search(filters, language)} disabled={pages.status === 'loading'}>
            {t('Reload')}
          </button>
        </div>
        <ProblemNotice
          problem={pages.problem}
          sentence={(message) => t('Could not load the audit log: {{message}}', { message })}
          onRetry={() => void search(filters, language)}
        />
        {pages.status === 'loading' && <p className="admin-muted">{t('Loading…')}</p>}
        {pages.status === 'ready' && entries.length === 0 && <p className="admin-muted">{t('No write matches these filters.')}</p>}
        <ol className="audit-list" aria-label={t('Audit log')}>
          {entries.map((entry) => (
            <AuditEntry key={entry.id} entry={entry} />
          ))}
        </ol>
        <ProblemNotice problem={more.problem} onRetry={() => void loadMore(language)} />
        {pages.data?.next !== null && pages.data !== null && (
          <button type="button" className="secondary-button" disabled={more.status === 'loading'} onClick={() => void loadMore(language)}>
            {more.status === 'loading' ? t('Loading…') : t('More')}
          </button>
        )}
      </section>
    </div>
  );
}

/** 核验审计链: walks the hash chain on the server and says whether it holds, with its head hash. */
function AuditVerify() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const verify = useAuditData((s) => s.verify);
  const verifyChain = useAuditData((s) => s.verifyChain);
  const result = verify.status === 'ready' ? verify.data : null;
  return (
    <section className="plan-section" aria-labelledby="audit-verify-title">
      <h3 id="audit-verify-title">{t('Audit chain')}</h3>
      <p className="plan-note">{t('Each entry carries a hash of the one before: altering or removing an entry breaks the chain.')}</p>
      <button type="button" className="secondary-button" disabled={verify.status === 'loading'} onClick={() => void verifyChain(language)}>
        {verify.status === 'loading' ? t('Verifying…') : t('Verify the audit chain')}
      </button>
      <ProblemNotice problem={verify.problem} />
      {result && (
        <div className={result.ok ? 'audit-verdict audit-verdict-ok' : 'audit-verdict audit-verdict-broken'} role="status">
          <p>
            <strong>{result.ok ? t('The chain holds.') : t('The chain is broken.')}</strong> {result.message}
          </p>
          <p className="audit-hash">
            {t('Entries: {{number}}', { number: result.entries })} · {t('Head hash')} <code>{result.headHash}</code>
          </p>
          {result.broken && <p>{t('First bad entry: {{id}} ({{reason}})', { id: result.broken.id, reason: result.broken.reason })}</p>}
        </div>
      )}
    </section>
  );
}
