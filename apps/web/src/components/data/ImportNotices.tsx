import { useTranslation } from 'react-i18next';
import type { ImportNotice } from '@mpm/contracts';

/**
 * What the import did to the source's coordinates besides projecting them, one note each: X and
 * Y read swapped, GCJ-02 taken back to WGS 84, a legacy datum shifted with the county's seven
 * parameters, a drawing's points and texts left out.
 */
export function ImportNotices({ notices }: { notices: readonly ImportNotice[] | undefined }) {
  const { t } = useTranslation();
  const sentences: Record<ImportNotice, string> = {
    xySwapped: t('X and Y were swapped in the file (X held the eastings): they were read the other way round.'),
    gcj02ToWgs84: t('The coordinates were in GCJ-02 (Ovital, Amap): converted to WGS 84 point by point (to about a metre).'),
    datumShifted: t('The file is in Xi’an 1980 or Beijing 1954: converted to CGCS2000 with the seven parameters given.'),
    dxfPointsSkipped: t('The drawing’s points and texts (point numbers, labels, blocks) were left out: only its lines and hatches are read.'),
  };
  return (
    <>
      {(notices ?? []).map((notice) => (
        <p key={notice} className="import-note" role="note" data-notice={notice}>
          {sentences[notice]}
        </p>
      ))}
    </>
  );
}
