import { useTranslation } from 'react-i18next';
import { term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useSession } from '../../../state/session-store.ts';

/** Whether a listing is in force today, or when and why it left the list. */
export function ListingState({ listing }: { listing: { inForce: boolean; delistedOn: string | null; delistingReason: string | null } }) {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  if (listing.inForce) return <span className="listing-state listing-in-force">{t('Listed')}</span>;
  if (listing.delistedOn === null) return <span className="listing-state listing-exited">{t('Not yet in force')}</span>;
  return (
    <span className="listing-state listing-exited">
      {t('Delisted')} {listing.delistedOn}
      {listing.delistingReason && ` · ${term('delistingReason', lang)}：${listing.delistingReason}`}
    </span>
  );
}
