import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem, InboxKind } from '@mpm/contracts';
import { reportKey } from '@mpm/domain';
import { reportLabel } from './inspect/campaigns/report-label.ts';
import { domainLanguage } from '../i18n/languages.ts';
import { INBOX_REFRESH_MS, openInboxTarget, useInbox } from '../state/inbox-store.ts';
import { useServerData } from '../state/server-store.ts';
import { useSession } from '../state/session-store.ts';
import { problemText } from './ProblemNotice.tsx';
import '../inbox.css';

/** Each kind's heading, keyed for i18n by its English. */
const KIND_TITLES: Record<InboxKind, string> = {
  expiringLicence: 'Licences expiring soon',
  overdueLedger: 'Ledger entries past their deadline',
  newTipOff: 'New tip-offs',
  proposalWaiting: 'Proposals waiting for a decision',
  overdueTask: 'Campaign tasks past their deadline',
  reportLate: 'Campaign reports late',
  reportDue: 'Campaign reports due',
};

/**
 * 待办: a button in the header with the count of what waits for the signed-in staff member,
 * opening a panel of the items by kind; a click opens the record in its mode. Asked again on
 * sign-in and every {@link INBOX_REFRESH_MS}.
 */
export function InboxButton() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  // Someone who must change their password first is refused everything else (403): no inbox until then.
  const userId = useServerData((s) => (s.user && !s.user.mustChangePassword ? s.user.id : null));
  const { inbox, problem, load, clear } = useInbox();
  const [open, setOpen] = useState(false);
  const panelId = useId();

  useEffect(() => {
    if (userId === null) {
      clear();
      return;
    }
    void load(language);
    const timer = window.setInterval(() => void load(language), INBOX_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [userId, language, load, clear]);

  if (userId === null) return null;
  const total = inbox?.total ?? 0;
  const choose = (item: InboxItem) => {
    setOpen(false);
    openInboxTarget(item.target, item.label, language);
  };

  return (
    <div className="inbox" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        className="link-button inbox-button"
        aria-expanded={open}
        aria-controls={panelId}
        title={t('Inbox: {{count}} waiting', { count: total })}
        onClick={() => {
          if (!open) void load(language);
          setOpen(!open);
        }}
      >
        {t('Inbox')}
        {total > 0 && (
          <span className="inbox-count" data-testid="inbox-count">
            {total}
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} className="inbox-panel grouped-list" role="dialog" aria-label={t('Inbox')}>
          {problem && <p className="grouped-list-note grouped-list-error">{problemText(problem, t)}</p>}
          {inbox && total === 0 && <p className="grouped-list-note">{t('Nothing is waiting.')}</p>}
          {inbox?.groups
            .filter((group) => group.count > 0)
            .map((group) => (
              <section key={group.kind} className="grouped-list-group">
                <h3>
                  {t(KIND_TITLES[group.kind])} <span className="inbox-group-count">{group.count}</span>
                </h3>
                <ul>
                  {group.items.map((item) => (
                    <li key={`${item.id}/${item.report ? reportKey(item.report) : ''}`}>
                      <button type="button" className="inbox-item grouped-list-item" onClick={() => choose(item)}>
                        <span className="inbox-label">{item.label}</span>
                        <span className="inbox-detail">
                          {item.detail && <>{item.detail} · </>}
                          {item.report && <>{reportLabel(item.report, domainLanguage(language))} · </>}
                          <time dateTime={item.date}>{item.date}</time>
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
                {group.count > group.items.length && (
                  <p className="grouped-list-note">{t('and {{count}} more', { count: group.count - group.items.length })}</p>
                )}
              </section>
            ))}
        </div>
      )}
    </div>
  );
}
