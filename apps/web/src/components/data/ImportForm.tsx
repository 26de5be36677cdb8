import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_MODES, SHAPEFILE_ENCODINGS, type ImportMode, type ShapefileEncoding } from '@mpm/contracts';
import type { UploadProgress } from '../../api/client.ts';
import { useDataSession } from '../../state/data-session.ts';
import { useSession } from '../../state/session-store.ts';
import { useTransferData } from '../../state/transfer-store.ts';

/** The files an import reads: a zip, a shapefile's parts, GeoPackage, GeoJSON, KML/KMZ, DXF. */
const ACCEPT = '.zip,.shp,.shx,.dbf,.prj,.cpg,.gpkg,.geojson,.json,.kml,.kmz,.dxf';

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
      <p className="plan-note">{t('A zip, or a shapefile’s .shp .shx .dbf .prj .cpg together; GeoPackage, GeoJSON, KML/KMZ or DXF.')}</p>
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
