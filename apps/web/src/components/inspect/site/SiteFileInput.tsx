import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readBlockFile, type BlockFileProblem } from '../../../plan/block-files.ts';
import { useInspectData } from '../../../state/inspect-store.ts';
import { useSession } from '../../../state/session-store.ts';

/** A GeoJSON or KML file whose first polygon is the site (read as plan mode reads a block file). */
export function SiteFileInput() {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const checkSite = useInspectData((s) => s.checkSite);
  const [problem, setProblem] = useState<BlockFileProblem | null>(null);
  const messages: Record<BlockFileProblem['reason'], string> = {
    unreadable: t('The file could not be read as GeoJSON or KML.'),
    unsupported: t('Only GeoJSON (.geojson, .json) and KML (.kml) files can be read.'),
    noPolygon: t('The file has no polygon (Polygon or MultiPolygon).'),
    notLonLat: t('The polygon’s coordinates are not longitude/latitude degrees (CGCS2000).'),
  };

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const result = await readBlockFile(file);
    setProblem(result.ok ? null : result.problem);
    if (result.ok) void checkSite(result.geometry, 'upload', language);
  }

  return (
    <div className="site-file">
      <label htmlFor={`${id}-file`}>{t('GeoJSON or KML file')}</label>
      <input id={`${id}-file`} type="file" accept=".geojson,.json,.kml" onChange={(e) => void choose(e)} />
      <p className="plan-note">{t('The first polygon in the file is taken as the site.')}</p>
      {problem && (
        <p className="form-error" role="alert">
          {messages[problem.reason]}
        </p>
      )}
    </div>
  );
}
