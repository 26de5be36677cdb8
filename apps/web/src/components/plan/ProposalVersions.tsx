import { useTranslation } from 'react-i18next';
import type { Language } from '@mpm/domain';
import { proposalsApi } from '../../api/proposals.ts';
import { formatAreaIn } from '../../plan/format.ts';
import { useProposalSession } from '../../state/proposals-session.ts';
import { useProposalData, versionsOf } from '../../state/proposals-store.ts';
import { useSession } from '../../state/session-store.ts';
import { DiscardConfirm } from './DiscardConfirm.tsx';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import { PdfButton } from './PdfButton.tsx';
import { chinaTime } from '../data/china-time.ts';

/**
 * The open proposal's history, latest first: who saved each version, when, with what note, area and
 * worst outcome. Any version can be opened (as the basis of the next save) or printed.
 */
export function ProposalVersions({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const open = useProposalSession((s) => s.open);
  const versions = useProposalData((s) => versionsOf(s, open?.id));
  const request = useProposalSession((s) => s.request);
  if (!open || !versions) return null;
  const latestFirst = [...versions].reverse();

  return (
    <section className="plan-section proposal-versions" aria-labelledby="proposal-versions-title">
      <h3 id="proposal-versions-title">{t('Versions of “{{name}}”', { name: open.name })}</h3>
      <p className="plan-note">
        {t('Opening an earlier version puts it in the form and on the map; saving it then makes a new latest version. No version is ever changed.')}
      </p>
      <DiscardConfirm source="versions" />
      <ol className="version-items" aria-labelledby="proposal-versions-title">
        {latestFirst.map((v) => {
          const shown = v.version === open.shownVersion;
          return (
            <li key={v.version} className="version-item" data-version={v.version} aria-current={shown ? 'true' : undefined}>
              <div className="version-head">
                <span className="version-number">{t('Version {{version}}', { version: v.version })}</span>
                {v.worstOutcome ? <OutcomeBadge outcome={v.worstOutcome} lang={lang} /> : <span className="no-conflict">{t('No conflict')}</span>}
                <span className="version-area">{formatAreaIn(v.areaKm2, 'km2', lang)}</span>
              </div>
              <div className="version-saved">
                {t('Saved by {{name}}, {{time}}', { name: v.createdBy, time: chinaTime(v.createdAt, language) })}
              </div>
              {v.note && <p className="version-note">{v.note}</p>}
              <div className="version-actions">
                {shown ? (
                  <span className="plan-note">{t('Shown')}</span>
                ) : (
                  <button type="button" className="link-button" onClick={() => request({ kind: 'open', id: open.id, version: v.version }, 'versions', language)}>
                    {t('Open')}
                  </button>
                )}
                <PdfButton
                  className="link-button"
                  label={t('PDF report')}
                  filename={`proposal-${open.id}-v${v.version}.pdf`}
                  fetchPdf={() => proposalsApi.versionReport(open.id, v.version, language)}
                />
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
