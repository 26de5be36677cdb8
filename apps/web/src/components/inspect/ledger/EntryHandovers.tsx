import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverView, LedgerEntryView } from '@mpm/contracts';
import { FINAL_LEDGER_STATUSES, HANDOVER_DEPARTMENTS, term, type HandoverDepartment, type Language } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { chinaToday } from '../../data/china-time.ts';

/** Today in the browser's calendar, as a date input takes it. */
const todayInput = () => chinaToday();

/**
 * The case's hand-overs (移交) to 公安 / 应急管理 / 生态环境: each with its receiving department,
 * date and, once concluded, the receiving case number and result; a form to hand over, and one
 * to record the result of an open hand-over.
 */
export function EntryHandovers({ view, busy }: { view: LedgerEntryView; busy: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const handOver = useLedger((s) => s.handOver);
  const [department, setDepartment] = useState<HandoverDepartment>('publicSecurity');
  const [receiving, setReceiving] = useState('');
  const [date, setDate] = useState(todayInput);
  const final = FINAL_LEDGER_STATUSES.includes(view.status);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (receiving.trim() === '') return;
    if (await handOver({ department, receivingDepartment: receiving.trim(), handedOverOn: date }, language)) setReceiving('');
  }

  return (
    <section className="plan-section entry-handovers" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{term('handover', lang)}</h4>
      {view.handovers.length > 0 && (
        <ul className="handover-list">
          {view.handovers.map((h) => (
            <HandoverItem key={h.id} handover={h} lang={lang} busy={busy} />
          ))}
        </ul>
      )}
      {!final && (
        <form className="handover-form" onSubmit={(e) => void submit(e)}>
          <fieldset disabled={busy}>
            <label htmlFor={`${id}-dept`}>{t('Hand over to')}</label>
            <select id={`${id}-dept`} value={department} onChange={(e) => setDepartment(e.target.value as HandoverDepartment)}>
              {HANDOVER_DEPARTMENTS.map((d) => (
                <option key={d} value={d}>
                  {term(d, lang)}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-receiving`}>{term('receivingDepartment', lang)}</label>
            <input id={`${id}-receiving`} value={receiving} maxLength={200} onChange={(e) => setReceiving(e.target.value)} />
            <label htmlFor={`${id}-date`}>{term('handedOverOn', lang)}</label>
            <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            <button type="submit" className="secondary-button" disabled={receiving.trim() === '' || date === ''}>
              {t('Hand over')}
            </button>
          </fieldset>
        </form>
      )}
    </section>
  );
}

/** One hand-over, with the form for its result while it is open. */
function HandoverItem({ handover, lang, busy }: { handover: HandoverView; lang: Language; busy: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const conclude = useLedger((s) => s.concludeHandover);
  const [caseNumber, setCaseNumber] = useState('');
  const [result, setResult] = useState('');
  const [date, setDate] = useState(todayInput);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (caseNumber.trim() && result.trim()) void conclude(handover.id, { caseNumber: caseNumber.trim(), result: result.trim(), concludedOn: date }, language);
  }

  return (
    <li data-handover-id={handover.id} data-status={handover.status}>
      <span className="handover-what">
        {term(handover.department, lang)} · {handover.receivingDepartment} · {handover.handedOverOn} · {term(handover.status, lang)}
      </span>
      {handover.status === 'concluded' ? (
        <span className="handover-result">
          {term('receivingCaseNo', lang)} {handover.caseNumber} · {handover.concludedOn} · {handover.result}
        </span>
      ) : (
        <form onSubmit={submit} aria-label={t('Record the result')}>
          <fieldset disabled={busy}>
            <label htmlFor={`${id}-case`}>{term('receivingCaseNo', lang)}</label>
            <input id={`${id}-case`} value={caseNumber} maxLength={100} onChange={(e) => setCaseNumber(e.target.value)} />
            <label htmlFor={`${id}-result`}>{term('handoverResult', lang)}</label>
            <input id={`${id}-result`} value={result} maxLength={4000} onChange={(e) => setResult(e.target.value)} />
            <label htmlFor={`${id}-on`}>{t('Concluded on')}</label>
            <input id={`${id}-on`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            <button type="submit" className="secondary-button" disabled={!caseNumber.trim() || !result.trim() || date === ''}>
              {t('Record the result')}
            </button>
          </fieldset>
        </form>
      )}
    </li>
  );
}
