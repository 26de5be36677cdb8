import { useTranslation } from 'react-i18next';
import type { SiteCardResponse } from '@mpm/contracts';
import { term, type Language } from '@mpm/domain';
import { formatArea, formatMetres } from '../../../plan/format.ts';
import { useInspectSession } from '../../../state/inspect-session.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { useSession, type AreaUnit } from '../../../state/session-store.ts';
import { LedgerStatusBadge, PatchClassChip } from '../terms.tsx';

interface RecordsProps {
  card: SiteCardResponse;
  lang: Language;
  unit: AreaUnit;
  /** On paper: the records as text, without the buttons that open them. */
  printed: boolean;
}

/**
 * The change patches and the problem-ledger entries at the site (or within the server's few
 * metres of it), nearest first: on screen each is a button to its record (the patch on the patch
 * tab and the map, the entry in the ledger).
 */
export function SiteRecords({ card, lang, unit, printed }: RecordsProps) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const setTab = useInspectSession((s) => s.setTab);
  const selectPatch = useInspectSession((s) => s.selectPatch);
  const openEntry = useLedger((s) => s.openEntry);
  const away = (distanceM: number) => (distanceM === 0 ? t('at the site') : t('{{distance}} away', { distance: formatMetres(distanceM, lang) }));
  const link = (label: string, open: () => void) =>
    printed ? (
      <span className="site-record-name">{label}</span>
    ) : (
      <button type="button" className="link-button site-record-name" onClick={open}>
        {label}
      </button>
    );

  return (
    <>
      <h4>{term('change_patches', lang)}</h4>
      {card.patches.length === 0 ? (
        <p className="plan-note site-none">{t('No change patch at or near the site.')}</p>
      ) : (
        <ul className="site-records site-patches">
          {card.patches.map((patch) => (
            <li key={patch.id} data-patch-id={patch.id} data-class={patch.classification}>
              {link(patch.code, () => {
                setTab('patches');
                selectPatch(patch.id, patch.bbox);
              })}
              <PatchClassChip value={patch.classification} lang={lang} />
              <span className="site-record-meta">
                {[patch.detectionRound, formatArea(patch.areaM2, unit, lang), away(patch.distanceM)].join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h4>{term('ledger', lang)}</h4>
      {card.ledgerEntries.length === 0 ? (
        <p className="plan-note site-none">{t('No ledger entry at or near the site.')}</p>
      ) : (
        <ul className="site-records site-entries">
          {card.ledgerEntries.map((entry) => (
            <li key={entry.id} data-entry-id={entry.id}>
              {link(t('Entry #{{id}}', { id: entry.id }), () => {
                setTab('ledger');
                void openEntry(entry.id, language);
              })}
              <LedgerStatusBadge status={entry.status} lang={lang} />
              <span className="site-record-meta">
                {[entry.violationType ? term(entry.violationType, lang) : t('Violation type not set'), entry.title, away(entry.distanceM)].join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
