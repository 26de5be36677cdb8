import { useEffect, useRef } from 'react';
import type { SiteCardResponse } from '@mpm/contracts';
import { domainLanguage } from '../../../i18n/languages.ts';
import type { SiteOrigin } from '../../../state/inspect-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { SiteCardActions } from './SiteCardActions.tsx';
import { SiteCardBody } from './SiteCardBody.tsx';

/** The site card on the site tab, with its print, PDF and ledger buttons. */
export function SiteCard({ card, origin }: { card: SiteCardResponse; origin: SiteOrigin }) {
  const language = useSession((s) => s.language);
  const unit = useSession((s) => s.areaUnit);
  const ref = useRef<HTMLElement>(null);

  // Each new card comes into view below the inputs, scrolling the panel only (not the page).
  useEffect(() => {
    const section = ref.current;
    const panel = section?.closest<HTMLElement>('.inspect-panel');
    if (!section || !panel) return;
    const head = panel.querySelector<HTMLElement>('.inspect-head')?.offsetHeight ?? 0;
    panel.scrollBy({ top: section.getBoundingClientRect().top - panel.getBoundingClientRect().top - head, behavior: 'smooth' });
  }, [card]);

  return (
    <section ref={ref} className="plan-section site-card-section">
      <SiteCardBody card={card} origin={origin} lang={domainLanguage(language)} unit={unit} />
      <SiteCardActions card={card} />
    </section>
  );
}
