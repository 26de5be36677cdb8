import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CORNER_LIST_FORMATS, type CornerListExportFormat } from '@mpm/contracts';
import type { CollectionId, Language } from '@mpm/domain';
import { queryString } from '../api/client.ts';

/** Where a boundary's corner-point list downloads from: a feature of a layer, or a saved proposal (a version of it). */
export type CornerListSource = { layer: CollectionId; featureId: number } | { proposalId: number; version?: number };

/** The layers whose features have a corner-point list to export (as the server serves them). */
export const CORNER_LIST_LAYERS: readonly CollectionId[] = ['mining_rights', 'exploration_rights', 'mining_blocks', 'exploration_blocks'];

/** The URL of a boundary's corner-point list in `format`, its file named in `lang` (the session cookie goes along). */
export function cornerListUrl(source: CornerListSource, format: CornerListExportFormat, lang: Language): string {
  const path =
    'layer' in source ? `/api/layers/${source.layer}/features/${source.featureId}/corner-list` : `/api/proposals/${source.proposalId}/corner-list`;
  return `${path}${queryString({ format, version: 'proposalId' in source ? source.version : undefined, lang })}`;
}

/**
 * 导出界址点: the three texts the planner reads (a plain table; registration and exchange files in
 * GBK, as their software reads them), chosen and downloaded.
 */
export function CornerListExport({ source, lang }: { source: CornerListSource; lang: Language }) {
  const { t } = useTranslation();
  const id = useId();
  const [format, setFormat] = useState<CornerListExportFormat>('plainTable');
  const names: Record<CornerListExportFormat, string> = {
    plainTable: t('Corner table (UTF-8)'),
    registration: t('Mining-right registration text (GBK)'),
    exchange: t('Coordinate exchange file (GBK)'),
  };
  return (
    <span className="corner-list-export">
      <label className="visually-hidden" htmlFor={`${id}-format`}>
        {t('Corner-point list format')}
      </label>
      <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as CornerListExportFormat)}>
        {CORNER_LIST_FORMATS.map((f) => (
          <option key={f} value={f}>
            {names[f]}
          </option>
        ))}
      </select>
      <a className="secondary-button" href={cornerListUrl(source, format, lang)} download>
        {t('Export corner points')}
      </a>
    </span>
  );
}
