import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockGeometry } from '@mpm/rules';
import { readBlockFile, type BlockFileProblem } from '../../plan/block-files.ts';
import { usePlan } from '../../state/plan-store.ts';

/**
 * A GeoJSON or KML file: its first polygon becomes the block — the plan's, or, given `onBlock`,
 * whatever the caller makes of it (a licence's boundary).
 */
export function BlockFileInput({ onBlock }: { onBlock?: (geometry: BlockGeometry) => void } = {}) {
  const { t } = useTranslation();
  const id = useId();
  const setBlock = usePlan((s) => s.setBlock);
  const [problem, setProblem] = useState<BlockFileProblem | null>(null);
  const [reading, setReading] = useState(false);
  const messages: Record<BlockFileProblem['reason'], string> = {
    unreadable: t('The file could not be read as GeoJSON or KML.'),
    unsupported: t('Only GeoJSON (.geojson, .json) and KML (.kml) files can be read.'),
    noPolygon: t('The file has no polygon (Polygon or MultiPolygon): there is no block to check.'),
    notLonLat: t(
      'The polygon’s coordinates are not longitude/latitude degrees (CGCS2000). Paste projected coordinates as a corner-point list instead.',
    ),
  };

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setReading(true);
    const result = await readBlockFile(file);
    setReading(false);
    setProblem(result.ok ? null : result.problem);
    if (result.ok) {
      if (onBlock) onBlock(result.geometry);
      else setBlock(result.geometry, 'upload');
    }
  }

  return (
    <div className="block-file">
      <label htmlFor={`${id}-file`}>{t('GeoJSON or KML file')}</label>
      <input id={`${id}-file`} type="file" accept=".geojson,.json,.kml" disabled={reading} onChange={(e) => void choose(e)} />
      <p className="plan-note">{t('The first polygon in the file is taken as the block.')}</p>
      {problem && (
        <p className="form-error" role="alert">
          {messages[problem.reason]}
        </p>
      )}
    </div>
  );
}
