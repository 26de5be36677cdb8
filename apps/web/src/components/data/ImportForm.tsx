import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_MODES,
  ROTATION_CONVENTIONS,
  SHAPEFILE_ENCODINGS,
  SOURCE_DATUMS,
  type ImportMode,
  type RotationConvention,
  type ShapefileEncoding,
  type SourceDatum,
} from '@mpm/contracts';
import type { UploadProgress } from '../../api/client.ts';
import { useDataSession } from '../../state/data-session.ts';
import { useSession } from '../../state/session-store.ts';
import { useTransferData } from '../../state/transfer-store.ts';

/** The files an import reads: a zip, a shapefile's parts, GeoPackage, GeoJSON, KML/KMZ (Ovital's too), DXF, coordinate tables, corner lists. */
const ACCEPT = '.zip,.shp,.shx,.dbf,.prj,.cpg,.gpkg,.geojson,.json,.kml,.kmz,.ovkml,.ovkmz,.dxf,.xlsx,.csv,.txt';

/** Whether any chosen file's name ends in one of `extensions`. */
const anyOf = (files: readonly File[], extensions: RegExp) => files.some((file) => extensions.test(file.name));

/** The server's refusals that ask for the seven parameters, or for a point table's feature column. */
const ASKS_FOR_PARAMETERS = ['legacyDatum', 'invalidBursaWolf'];
const ASKS_FOR_FEATURE_COLUMN = ['noFeatureColumn', 'unknownFeatureColumn'];

/** The seven Bursa–Wolf parameters in the order the API takes them, with their units. */
const PARAMETERS = [
  ['dx', 'm'],
  ['dy', 'm'],
  ['dz', 'm'],
  ['rx', '″'],
  ['ry', '″'],
  ['rz', '″'],
  ['scale', 'ppm'],
] as const;

/** `4524` or `epsg:4524` as the API takes it (`EPSG:4524`); anything else as typed, for the server to refuse in words. */
const epsgCode = (typed: string): string | undefined => {
  const text = typed.trim();
  if (!text) return undefined;
  const digits = /^(?:epsg:)?(\d{4,5})$/i.exec(text);
  return digits ? `EPSG:${digits[1]}` : text;
};

/** Upload progress as a whole percentage, or null before the browser knows the size. */
const percent = (progress: UploadProgress | null): number | null =>
  progress && progress.total > 0 ? Math.min(100, Math.round((progress.sent / progress.total) * 100)) : null;

/**
 * 数据导入, first step: the file or files, how they meet the layer (replace or add/update), and
 * what the file does not say (encoding, source CRS, which layer of a GeoPackage); uploaded with
 * its progress shown, answered by the preview below.
 */
export function ImportForm() {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const layer = useDataSession((s) => s.layer);
  const files = useDataSession((s) => s.files);
  const choices = useDataSession((s) => s.choices);
  const setFiles = useDataSession((s) => s.setFiles);
  const setChoices = useDataSession((s) => s.setChoices);
  const loading = useTransferData((s) => s.preview.status === 'loading');
  const previewImport = useTransferData((s) => s.previewImport);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  // When the upload finished: the server's reading is then timed, by the second, until it answers.
  const [uploadedAt, setUploadedAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (uploadedAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [uploadedAt]);
  const refusal = useTransferData((s) => s.preview.problem?.code);
  const [featureColumn, setFeatureColumn] = useState('');
  const [sourceDatum, setSourceDatum] = useState<SourceDatum | ''>('');
  const [parameters, setParameters] = useState<string[]>(() => PARAMETERS.map(() => ''));
  const [rotation, setRotation] = useState<RotationConvention>('positionVector');
  const lonLatFile = anyOf(files, /\.(kml|kmz|ovkml|ovkmz|geojson|json)$/i);
  const table = anyOf(files, /\.(xlsx|csv)$/i);
  const givesParameters = parameters.some((p) => p.trim() !== '');
  const lastShifted = useTransferData((s) => s.preview.data?.notices?.includes('datumShifted') ?? false);
  // Shown while the server asks for them, and beside a preview they converted; kept for the next file meanwhile.
  const asksParameters = (refusal !== undefined && ASKS_FOR_PARAMETERS.includes(refusal)) || (givesParameters && lastShifted);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (files.length === 0 || loading) return;
    setProgress({ sent: 0, total: 0 });
    setUploadedAt(null);
    await previewImport(
      {
        layer,
        files,
        mode: choices.mode,
        encoding: choices.encoding || undefined,
        sourceCrs: epsgCode(choices.sourceCrs),
        sourceLayer: choices.sourceLayer.trim() || undefined,
        featureColumn: table ? featureColumn.trim() || undefined : undefined,
        sourceDatum: lonLatFile ? sourceDatum || undefined : undefined,
        datumParameters: asksParameters && givesParameters ? parameters.map((p) => p.trim()).join(',') : undefined,
        datumRotation: asksParameters && givesParameters ? rotation : undefined,
      },
      language,
      (next) => {
        setProgress(next);
        if (next.total > 0 && next.sent >= next.total) setUploadedAt((at) => at ?? Date.now());
      },
    );
    setProgress(null);
    setUploadedAt(null);
  }

  const done = percent(progress);
  const uploaded = progress !== null && progress.total > 0 && progress.sent >= progress.total;
  const readingSeconds = uploadedAt === null ? 0 : Math.floor((now - uploadedAt) / 1000);
  const modeNames: Record<ImportMode, string> = {
    replace: t('Replace the whole layer'),
    upsert: t('Add, and update features with the same key'),
  };

  return (
    <form className="import-form" onSubmit={(e) => void send(e)}>
      <label htmlFor={`${id}-files`}>{t('File or files to import')}</label>
      <input
        id={`${id}-files`}
        type="file"
        multiple
        accept={ACCEPT}
        onChange={(e) => {
          setFiles([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      <p className="plan-note">
        {t('A zip, or a shapefile’s .shp .shx .dbf .prj .cpg together; GeoPackage, GeoJSON, KML/KMZ or DXF.')}{' '}
        {t('Also Ovital (奥维) .ovkml/.ovkmz, Excel or CSV coordinate tables (点号, X, Y per row, or WKT), and corner-point list texts (.txt).')}
      </p>
      {files.length > 0 && (
        <ul className="import-files" aria-label={t('Chosen files')}>
          {files.map((file) => (
            <li key={`${file.name}-${file.size}`}>
              {file.name} <span className="unit">{t('{{size}} KB', { size: Math.max(1, Math.round(file.size / 1024)) })}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="data-field">
        <label htmlFor={`${id}-mode`}>{t('Import mode')}</label>
        <select id={`${id}-mode`} value={choices.mode} onChange={(e) => setChoices({ mode: e.target.value as ImportMode })}>
          {IMPORT_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {modeNames[mode]}
            </option>
          ))}
        </select>
      </div>
      {(table || (refusal !== undefined && ASKS_FOR_FEATURE_COLUMN.includes(refusal))) && (
        <div className="data-field">
          <label htmlFor={`${id}-feature`}>{t('Column that tells the features apart')}</label>
          <input
            id={`${id}-feature`}
            value={featureColumn}
            placeholder={t('Detect (地块编号, 编号, 图斑编号, 许可证号…)')}
            onChange={(e) => setFeatureColumn(e.target.value)}
          />
        </div>
      )}
      {lonLatFile && (
        <div className="data-field">
          <label htmlFor={`${id}-datum`}>{t('Datum of the longitudes and latitudes')}</label>
          <select id={`${id}-datum`} value={sourceDatum} onChange={(e) => setSourceDatum(e.target.value as SourceDatum | '')}>
            <option value="">{t('As the file says (Ovital .ovkml/.ovkmz: GCJ-02; others: WGS 84)')}</option>
            {SOURCE_DATUMS.map((datum) => (
              <option key={datum} value={datum}>
                {datum === 'wgs84' ? t('WGS 84 (taken as CGCS2000)') : t('GCJ-02 (Ovital 9.3+, Amap): converted to WGS 84')}
              </option>
            ))}
          </select>
        </div>
      )}
      <details className="import-options">
        <summary>{t('What the file does not say')}</summary>
        <div className="data-field">
          <label htmlFor={`${id}-encoding`}>{t('Text encoding')}</label>
          <select
            id={`${id}-encoding`}
            value={choices.encoding}
            onChange={(e) => setChoices({ encoding: e.target.value as ShapefileEncoding | '' })}
          >
            <option value="">{t('Detect')}</option>
            {SHAPEFILE_ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {encoding}
              </option>
            ))}
          </select>
        </div>
        <div className="data-field">
          <label htmlFor={`${id}-crs`}>{t('Source coordinate system')}</label>
          <input
            id={`${id}-crs`}
            value={choices.sourceCrs}
            placeholder={t('Detect (e.g. EPSG:4524)')}
            onChange={(e) => setChoices({ sourceCrs: e.target.value })}
          />
        </div>
        <div className="data-field">
          <label htmlFor={`${id}-layer`}>{t('Layer in the file')}</label>
          <input
            id={`${id}-layer`}
            value={choices.sourceLayer}
            placeholder={t('The only or first one')}
            onChange={(e) => setChoices({ sourceLayer: e.target.value })}
          />
        </div>
      </details>
      {asksParameters && (
        <fieldset className="import-parameters" data-testid="import-datum-parameters">
          <legend>{t('Seven parameters of the county’s conversion to CGCS2000 (Bursa–Wolf)')}</legend>
          <p className="plan-note">
            {t('The file is in Xi’an 1980 or Beijing 1954: it is read only with the parameters of the county’s own conversion.')}
          </p>
          {PARAMETERS.map(([name, unit], i) => (
            <div className="data-field" key={name}>
              <label htmlFor={`${id}-${name}`}>
                {name} <span className="unit">{unit}</span>
              </label>
              <input
                id={`${id}-${name}`}
                inputMode="decimal"
                value={parameters[i]}
                onChange={(e) => setParameters(parameters.map((p, j) => (j === i ? e.target.value : p)))}
              />
            </div>
          ))}
          <div className="data-field">
            <label htmlFor={`${id}-rotation`}>{t('Rotation convention')}</label>
            <select id={`${id}-rotation`} value={rotation} onChange={(e) => setRotation(e.target.value as RotationConvention)}>
              {ROTATION_CONVENTIONS.map((convention) => (
                <option key={convention} value={convention}>
                  {convention === 'positionVector' ? t('Position vector (PROJ +towgs84)') : t('Coordinate frame (ArcGIS Coordinate_Frame)')}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      )}
      <button type="submit" className="primary-button" disabled={files.length === 0 || loading}>
        {loading ? t('Reading the file…') : t('Upload and preview')}
      </button>
      {loading && progress && (
        <div className="upload-progress" role="status">
          <progress max={100} value={uploaded ? undefined : (done ?? undefined)} aria-label={t('Upload progress')} />
          <span>{uploaded ? (readingSeconds >= 1 ? t('Uploaded; the server is reading the file… {{seconds}} s', { seconds: readingSeconds }) : t('Uploaded; the server is reading the file…')) : done === null ? t('Uploading…') : t('Uploading… {{percent}}%', { percent: done })}</span>
        </div>
      )}
    </form>
  );
}
