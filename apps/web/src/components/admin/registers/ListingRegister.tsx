import { useEffect, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useRegisters } from '../../../state/registers-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import './registers.css';

/** The dated-listing registers of the 管理 mode: their title and their loader in the store. */
const REGISTERS = {
  sanctions: { title: 'sanctionList', load: 'loadSanctions' },
  greenMines: { title: 'greenMineDirectory', load: 'loadGreenMines' },
} as const;

/**
 * A dated-listing register (异常名录, 绿色矿山名录): its add form, then every listing, in force or
 * delisted, counted in the title. The mining rights are loaded too, for the forms and the names.
 */
export function ListingRegister<Listing extends { id: number; inForce: boolean }>({
  register,
  addForm,
  item,
}: {
  register: keyof typeof REGISTERS;
  addForm: ReactNode;
  item: (listing: Listing) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const { title, load: loader } = REGISTERS[register];
  const listings = useRegisters((s) => s[register]);
  const load = useRegisters((s) => s[loader]);
  const loadMiningRights = useRegisters((s) => s.loadMiningRights);
  const rows = (listings.data ?? []) as readonly Listing[];

  useEffect(() => {
    void load(language);
    void loadMiningRights(language);
  }, [language, load, loadMiningRights]);

  return (
    <div className="admin-registers">
      {addForm}
      <ProblemNotice problem={listings.problem} onRetry={() => void load(language)} />
      <section className="plan-section" aria-labelledby={id}>
        <h3 id={id}>
          {term(title, lang)} ({rows.filter((r) => r.inForce).length} / {rows.length})
        </h3>
        {listings.status === 'ready' && rows.length === 0 && <p className="plan-note">{t('No listing yet.')}</p>}
        <ul className="register-list" aria-label={term(title, lang)}>
          {rows.map(item)}
        </ul>
      </section>
    </div>
  );
}
