import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TipOffResponse, TipOffStatusResponse } from '@mpm/contracts';
import { term, type Language } from '@mpm/domain';
import { publicApi } from '../../api/public.ts';
import { toProblem } from '../../state/resource.ts';
import { useSession } from '../../state/session-store.ts';
import { problemText } from '../ProblemNotice.tsx';
import { chinaTime } from '../data/china-time.ts';

const formatTime = (iso: string, lang: Language) => chinaTime(iso, lang === 'zh' ? 'zh-CN' : 'en');

/** Copies text; on pages where the Clipboard API is not allowed (plain http), through a selection. */
async function copyText(text: string, node: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!node) return false;
    const range = document.createRange();
    range.selectNodeContents(node);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return document.execCommand('copy');
  }
}

/** The receipt code of a tip-off just sent, large, with a copy button: the only way back to it. */
export function ReceiptCard({ receipt, onLookUp, onNew }: { receipt: TipOffResponse; onLookUp(): void; onNew(): void }) {
  const { t } = useTranslation();
  const codeRef = useRef<HTMLParagraphElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="receipt-card" role="status" aria-labelledby="receipt-title">
      <h3 id="receipt-title">{t('Tip-off received')}</h3>
      <p>{t('Your receipt code:')}</p>
      <p className="receipt-code" ref={codeRef} data-receipt-code={receipt.receiptCode}>
        {receipt.receiptCode}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="primary-button"
          onClick={() => void copyText(receipt.receiptCode, codeRef.current).then(setCopied)}
        >
          {copied ? t('Copied') : t('Copy code')}
        </button>
        <button type="button" className="secondary-button" onClick={onLookUp}>
          {t('Look up its status')}
        </button>
      </div>
      {copied === false && <p className="form-error">{t('Could not copy: write the code down.')}</p>}
      <p className="panel-note">
        {t('Keep this code: with it you can look up how your tip-off is handled. It is not shown again.')}
      </p>
      <button type="button" className="link-button" onClick={onNew}>
        {t('Send another tip-off')}
      </button>
    </div>
  );
}

/**
 * Looks a tip-off up by its receipt code and shows where it stands, with each step of its
 * handling in the bureau's terms (待核查, 核查中…). `asked` starts a lookup from outside (the receipt).
 */
export function TipOffLookup({ lang, asked }: { lang: Language; asked: { code: string; at: number } | null }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const [code, setCode] = useState('');
  const [result, setResult] = useState<TipOffStatusResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function lookUp(value: string) {
    const wanted = value.trim();
    if (!wanted) return setError(t('Enter the receipt code.'));
    setBusy(true);
    setError(null);
    try {
      setResult(await publicApi.tipOffStatus(wanted, language));
    } catch (err) {
      setResult(null);
      setError(problemText(toProblem(err), t));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (!asked) return;
    setCode(asked.code);
    void lookUp(asked.code);
    // Only a new request from outside starts a lookup; typing does not.
  }, [asked]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void lookUp(code);
  };

  return (
    <section className="public-section tip-off-lookup" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('Look up a tip-off')}</h3>
      <form className="lookup-row" onSubmit={submit}>
        <label htmlFor={`${id}-code`} className="visually-hidden">
          {term('receiptCode', lang)}
        </label>
        <input
          id={`${id}-code`}
          type="text"
          value={code}
          placeholder={term('receiptCode', lang)}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setCode(event.target.value)}
        />
        <button type="submit" className="secondary-button" disabled={busy}>
          {t('Look up')}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="tip-off-result" data-status={result.status}>
          <p>
            {term('ledgerStatus', lang)}
            {lang === 'zh' ? '：' : ': '}
            <strong className="ledger-status" data-status={result.status}>
              {term(result.status, lang)}
            </strong>
          </p>
          <p className="panel-note">
            {t('Sent {{sent}}; last change {{changed}}', {
              sent: formatTime(result.createdAt, lang),
              changed: formatTime(result.updatedAt, lang),
            })}
          </p>
          <ol className="status-history" aria-label={t('Handling so far')}>
            {result.history.map((step, i) => (
              <li key={`${step.at}|${i}`} data-status={step.status}>
                <time dateTime={step.at}>{formatTime(step.at, lang)}</time> {term(step.status, lang)}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
