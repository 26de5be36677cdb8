import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { EXPORT_FORMATS, SHAPEFILE_ENCODINGS, type ExportFormat, type ShapefileEncoding } from '@mpm/contracts';
import type { CollectionId, Language, LayerDef } from '@mpm/domain';
import { layerExportUrl } from '../../api/transfer.ts';
import { exportCrsChoices, type ExportCrs } from '../../data/export-crs.ts';
import { useServerData } from '../../state/server-store.ts';
import { LayerSelect } from './LayerSelect.tsx';
import '../../data.css';

/** How each format is named in the list. */
const FORMAT_NAMES: Record<ExportFormat, string> = {
  geojson: 'GeoJSON',
  shp: 'Shapefile (.zip)',
  gpkg: 'GeoPackage',
  kml: 'KML',
  xlsx: 'Excel (.xlsx)',
  csv: 'CSV',
};

function crsLabel({ code, zone }: ExportCrs, t: TFunction): string {
  if (!zone) return t('CGCS2000 longitude/latitude ({{code}})', { code });
  const values = { width: zone.widthDeg, zone: zone.zone, code };
  return zone.prefixed
    ? t('CGCS2000 {{width}}° zone {{zone}}, eastings with the zone number ({{code}})', values)
    : t('CGCS2000 {{width}}° zone {{zone}}, eastings without the zone number ({{code}})', values);
}

interface ExportFormProps {
  lang: Language;
  /** The layer to export; with `layers`, the officer picks it and this is the first choice. */
  layer: CollectionId;
  /** Layers to choose from (the layer list's export); absent, the form exports `layer`. */
  layers?: readonly LayerDef[];
}

/**
 * 数据导出: a layer as GeoJSON, a shapefile zip (GBK or UTF-8), GeoPackage, KML, XLSX or CSV, in
 * CGCS2000 lon/lat or one of the county's Gauss–Krüger zones; a download link to the API.
 */
export function ExportForm({ lang, layer: initialLayer, layers }: ExportFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const bounds = useServerData((s) => s.config?.bounds ?? null);
  const crsChoices = useMemo(() => exportCrsChoices(bounds), [bounds]);
  const [picked, setPicked] = useState<CollectionId | null>(null);
  const [format, setFormat] = useState<ExportFormat>('geojson');
  const [crs, setCrs] = useState('EPSG:4490');
  const [encoding, setEncoding] = useState<ShapefileEncoding>('GBK');
  const layer = layers && picked && layers.some((def) => def.id === picked) ? picked : initialLayer;
  const lonLatOnly = format === 'kml';
  const href = layerExportUrl(layer, { format, crs, encoding }, lang);

  return (
    <div className="export-form">
      {layers && (
        <div className="data-field">
          <label htmlFor={`${id}-layer`}>{t('Layer')}</label>
          <LayerSelect id={`${id}-layer`} layers={layers} value={layer} lang={lang} onChange={setPicked} />
        </div>
      )}
      <div className="data-field">
        <label htmlFor={`${id}-format`}>{t('Format')}</label>
        <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_NAMES[f]}
            </option>
          ))}
        </select>
      </div>
      <div className="data-field">
        <label htmlFor={`${id}-crs`}>{t('Coordinate system')}</label>
        <select id={`${id}-crs`} value={lonLatOnly ? 'EPSG:4490' : crs} disabled={lonLatOnly} onChange={(e) => setCrs(e.target.value)}>
          {crsChoices.map((choice) => (
            <option key={choice.code} value={choice.code}>
              {crsLabel(choice, t)}
            </option>
          ))}
        </select>
      </div>
      {lonLatOnly && <p className="plan-note">{t('KML holds longitude/latitude only.')}</p>}
      {format === 'shp' && (
        <div className="data-field">
          <label htmlFor={`${id}-encoding`}>{t('Text encoding')}</label>
          <select id={`${id}-encoding`} value={encoding} onChange={(e) => setEncoding(e.target.value as ShapefileEncoding)}>
            {SHAPEFILE_ENCODINGS.map((e) => (
              <option key={e} value={e}>
                {e === 'GBK' ? t('GBK (what ArcGIS and most Chinese GIS read)') : 'UTF-8'}
              </option>
            ))}
          </select>
        </div>
      )}
      <a className="primary-button export-download" href={href} download>
        {t('Download')}
      </a>
    </div>
  );
}
