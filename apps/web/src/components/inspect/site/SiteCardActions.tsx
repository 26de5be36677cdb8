import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { SiteCardResponse } from '@mpm/contracts';
import { term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useInspectSession } from '../../../state/inspect-session.ts';
import { useInspectData, type SiteOrigin } from '../../../state/inspect-store.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { toProblem } from '../../../state/resource.ts';
import { useSession } from '../../../state/session-store.ts';
import { SiteCardBody } from './SiteCardBody.tsx';

/** How long to wait for the map's snapshot before printing the card without it, in milliseconds. */
const SNAPSHOT_WAIT_MS = 6000;

/** Print the card, save it as PDF (the browser's print dialog), or record it in the ledger. */
export function SiteCardActions({ card }: { card: SiteCardResponse }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const unit = useSession((s) => s.areaUnit);
  const origin = useInspectData((s): SiteOrigin => (s.site.status === 'idle' ? 'tap' : s.site.origin));
  const createEntry = useLedger((s) => s.createEntry);
  const [recording, setRecording] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [pdfHint, setPdfHint] = useState(false);
  const { printing, startPrint } = usePrint();

  async function record() {
    setRecording(true);
    setProblem(null);
    const [lon, lat] = card.centre;
    const place = [card.township?.name, `${lon.toFixed(5)}, ${lat.toFixed(5)}`].filter(Boolean).join(' ');
    try {
      await createEntry(
        { title: `${term('sourceSiteCheck', lang)}${lang === 'zh' ? '：' : ': '}${place}`, geometry: card.geometry, source: 'siteCheck', siteCard: card },
        language,
      );
    } catch (err) {
      setProblem(toProblem(err).message);
    } finally {
      setRecording(false);
    }
  }

  return (
    <div className="site-actions">
      <div className="action-row">
        <button type="button" className="secondary-button" disabled={printing !== null} onClick={() => startPrint()}>
          {t('Print')}
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={printing !== null}
          onClick={() => {
            setPdfHint(true);
            startPrint();
          }}
        >
          {t('Save as PDF')}
        </button>
        <button type="button" className="primary-button" disabled={recording} onClick={() => void record()}>
          {recording ? t('Recording…') : t('Record in the ledger')}
        </button>
      </div>
      {pdfHint && <p className="plan-note">{t('In the print dialog, choose “Save as PDF” as the printer.')}</p>}
      {problem && (
        <p className="form-error" role="alert">
          {t('The entry could not be made: {{message}}', { message: problem })}
        </p>
      )}
      {printing &&
        createPortal(
          <div className="print-root" data-snapshot={printing.snapshot ? 'map' : 'none'}>
            <SiteCardBody card={card} origin={origin} lang={lang} unit={unit} snapshot={printing.snapshot} />
          </div>,
          document.body,
        )}
    </div>
  );
}

/**
 * Printing just the card: ask the map for a snapshot of the site, wait for it (or give up after
 * a while), render the card into a print-only root beside the app, print, and take it away.
 */
function usePrint() {
  const print = useInspectSession((s) => s.print);
  const requestPrint = useInspectSession((s) => s.requestPrint);
  const [awaited, setAwaited] = useState<number | null>(null);
  const [printing, setPrinting] = useState<{ snapshot: string | null } | null>(null);
  const printed = useRef(false);

  useEffect(() => {
    if (awaited === null) return;
    if (print.answered >= awaited) {
      setAwaited(null);
      setPrinting({ snapshot: print.snapshot });
      return;
    }
    const timer = setTimeout(() => {
      setAwaited(null);
      setPrinting({ snapshot: null });
    }, SNAPSHOT_WAIT_MS);
    return () => clearTimeout(timer);
  }, [awaited, print.answered, print.snapshot]);

  useEffect(() => {
    if (!printing || printed.current) return;
    printed.current = true;
    document.body.classList.add('printing-site-card');
    const image = document.querySelector<HTMLImageElement>('.print-root img');
    void (image ? image.decode().catch(() => undefined) : Promise.resolve()).then(() => {
      // Blocks until the dialog closes (printed, saved as PDF or cancelled).
      window.print();
      document.body.classList.remove('printing-site-card');
      printed.current = false;
      setPrinting(null);
    });
  }, [printing]);

  return {
    printing,
    startPrint() {
      setAwaited(print.request + 1);
      requestPrint();
    },
  };
}
