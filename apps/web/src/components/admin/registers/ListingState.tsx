import { useTranslation } from 'react-i18next';
import { term, type Language } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useSession } from '../../../state/session-store.ts';

/** A label's colon as each language writes it. */
export const colon = (lang: Language) => (lang === 'en' ? ': ' : '：');

/** Whether a listing is in force today, or when and why it left the list. */
export function ListingState({ listing }: { listing: { inForce: boolean; delistedOn: string | null; delistingReason: string | null } }) {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  if (listing.inForce) return <span className="listing-state listing-in-force">{t('Listed')}</span>;
  if (listing.delistedOn === null) return <span className="listing-state listing-exited">{t('Not yet in force')}</span>;
  return (
    <span className="listing-state listing-exited">
      {t('Delisted')} {listing.delistedOn}
      {listing.delistingReason && ` · ${term('delistingReason', lang)}${colon(lang)}${listing.delistingReason}`}
    </span>
  );
}
