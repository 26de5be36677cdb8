import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RightOutputsResponse } from '@mpm/contracts';
import { term } from '@mpm/domain';
import { licencesApi } from '../../../api/licences.ts';
import { domainLanguage } from '../../../i18n/languages.ts';
import { formatNumber } from '../../../plan/format.ts';
import { useLicencesData } from '../../../state/licences-store.ts';
import { useServerData } from '../../../state/server-store.ts';
import { toProblem, type Problem } from '../../../state/resource.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';

const EMPTY = { year: '', output: '', sales: '', documentNo: '' };

/**
 * A mining right's yearly output and sales (产量、销量) as the bureau verified them (年度核实,
 * seed 004): the years recorded, each flagged 超能力开采 above the licensed capacity, and, for
 * admins, a form recording a year (a recorded year is replaced from the revision shown).
 */
export function LicenceOutputs({ rightId }: { rightId: number }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const isAdmin = useServerData((s) => s.user?.role === 'admin');
  const [data, setData] = useState<RightOutputsResponse | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    setData(null);
    licencesApi.outputs(rightId, language).then(
      (answer) => current && setData(answer),
      (err: unknown) => current && setProblem(toProblem(err)),
    );
    return () => {
      current = false;
    };
  }, [rightId, language]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const year = Number(draft.year);
    const existing = data?.outputs.find((o) => o.year === year);
    setBusy(true);
    setProblem(null);
    try {
      const answer = await licencesApi.recordOutput(
        rightId,
        year,
        {
          output10kt: Number(draft.output),
          ...(draft.sales.trim() && { sales10kt: Number(draft.sales) }),
          ...(draft.documentNo.trim() && { documentNo: draft.documentNo.trim() }),
          ...(existing && { baseRevision: existing.revision }),
        },
        language,
      );
      setData(answer);
      setDraft(EMPTY);
      // The register list flags 超能力开采 too.
      const store = useLicencesData.getState();
      void store.search(store.filters, language);
    } catch (err) {
      setProblem(toProblem(err));
      licencesApi.outputs(rightId, language).then(setData, () => undefined);
    } finally {
      setBusy(false);
    }
  }

  const field = (key: keyof typeof EMPTY) => ({ value: draft[key], onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })) });
  const tonnes = (value: number | null) => (value === null ? '—' : `${formatNumber(value, lang, 2)} ${term('unit10kt', lang)}`);

  return (
    <section className="licence-outputs" aria-label={t('Yearly output and sales')}>
      <h4>{t('Yearly output and sales')}</h4>
      {data && data.outputs.length === 0 && <p className="admin-muted">{t('No verified output recorded yet.')}</p>}
      {data && data.outputs.length > 0 && (
        <table className="licence-output-table">
          <thead>
            <tr>
              <th>{t('Year')}</th>
              <th>{t('Output')}</th>
              <th>{t('Sales')}</th>
              <th>{term('documentNo', lang)}</th>
              <th>{term('capacity10ktPerYear', lang)}</th>
            </tr>
          </thead>
          <tbody>
            {data.outputs.map((o) => (
              <tr key={o.year} data-over-capacity={o.overCapacity}>
                <td>{o.year}</td>
                <td>{tonnes(o.output10kt)}</td>
                <td>{tonnes(o.sales10kt)}</td>
                <td>{o.documentNo ?? '—'}</td>
                <td>{o.overCapacity ? <span className="licence-state flag-danger">{term('overCapacity', lang)}</span> : t('Within capacity')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data?.findings.map((f) => (
        <p key={f.message.en} className="licence-output-finding">
          <strong>{f.title[lang]}</strong>：{f.message[lang]} <span className="admin-muted">{f.legalBasis[lang]}</span>
        </p>
      ))}
      {isAdmin && (
        <form className="admin-form licence-output-form" onSubmit={(e) => void submit(e)} aria-label={t('Record a year’s output')}>
          <label>
            {t('Year')}
            <input name="output-year" type="number" step="1" required {...field('year')} />
          </label>
          <label>
            {t('Output (万吨)')}
            <input name="output-tonnage" type="number" step="any" required {...field('output')} />
          </label>
          <label>
            {t('Sales (万吨, optional)')}
            <input name="output-sales" type="number" step="any" {...field('sales')} />
          </label>
          <label>
            {term('documentNo', lang)}
            <input name="output-document" maxLength={200} {...field('documentNo')} />
          </label>
          <div className="admin-form-actions">
            <button type="submit" className="primary-button" disabled={busy}>
              {t('Record the output')}
            </button>
          </div>
        </form>
      )}
      <ProblemNotice problem={problem} />
    </section>
  );
}
