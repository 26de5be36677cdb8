import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '@mpm/contracts';
import { term, type CollectionId, type Language, type TermKey } from '@mpm/domain';
import { useSession } from '../../state/session-store.ts';
import { useTransferData } from '../../state/transfer-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { MappingTable, SampleTable } from './ImportTables.tsx';
import { ImportNotices } from './ImportNotices.tsx';

/**
 * 数据导入, second step: what the server read from the file (format, encoding, CRS, geometry,
 * count), the column mapping (a change sends the file again), the first rows, what a commit
 * would add, change and remove, each problem, and the commit (写入图层), confirmed when it
 * replaces the layer.
 */
export function ImportPreviewView({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const preview = useTransferData((s) => s.preview);
  const request = useTransferData((s) => s.previewRequest);
  const written = useTransferData((s) => s.written);
  const previewImport = useTransferData((s) => s.previewImport);
  const commit = useTransferData((s) => s.commit);
  const [confirming, setConfirming] = useState(false);
  const data = preview.data;

  if (!data) {
    return <ProblemNotice problem={preview.problem} sentence={(message) => t('The file could not be read: {{message}}', { message })} />;
  }
  const committedKey = `import:${data.id}`;
  const committed = written.key === committedKey && written.status === 'ready' ? written.data : null;
  const committing = written.key === committedKey && written.status === 'loading';
  const busy = preview.status === 'loading' || committing;
  const remap = (column: string, field: string | null) => {
    if (request) void previewImport({ ...request, mapping: { ...data.mapping, [column]: field } }, language);
  };
  const doCommit = () => {
    setConfirming(false);
    void commit(language);
  };

  return (
    <section className="plan-section import-preview" aria-labelledby="import-preview-title">
      <h3 id="import-preview-title">{t('Preview')}</h3>
      <ProblemNotice problem={preview.problem} sentence={(message) => t('The file could not be read: {{message}}', { message })} />
      <PreviewFacts preview={data} lang={lang} />
      {data.sourceLayers.length > 1 && (
        <SourceLayerChoice
          preview={data}
          chosen={Boolean(request?.sourceLayer)}
          disabled={busy || committed !== null}
          // Another layer has other columns: the mapping starts again from them.
          onChange={(sourceLayer) => request && void previewImport({ ...request, sourceLayer, mapping: undefined }, language)}
        />
      )}

      <h4>{t('Column mapping')}</h4>
      {data.mappingSaved && (
        <p className="import-note" role="note" data-testid="import-mapping-saved">
          {t('Using the field mapping saved at the last import of this layer with these columns.')}
        </p>
      )}
      <MappingTable preview={data} lang={lang} disabled={busy || committed !== null} onChange={remap} />

      <h4>{t('First rows ({{shown}} of {{count}})', { shown: data.sample.length, count: data.featureCount })}</h4>
      <SampleTable preview={data} lang={lang} />

      <p className="import-counts" data-testid="import-counts">
        {t('Writing it adds {{added}}, changes {{changed}} and removes {{removed}} features.', data.counts)}
      </p>

      <h4>{t('Problems')}</h4>
      {data.problems.length === 0 ? (
        <p className="plan-note import-no-problems">{t('No problems found.')}</p>
      ) : (
        <ul className="import-problems">
          {data.problems.map((problem, index) => (
            <li key={index} data-reason={problem.reason}>
              {problem.feature === null
                ? problem.message
                : t('Feature {{number}}: {{message}}', { number: problem.feature + 1, message: problem.message })}
            </li>
          ))}
        </ul>
      )}

      {committed ? (
        <p className="plan-note import-done" role="status">
          {t('Written as revision {{revision}} of the layer: {{added}} added, {{changed}} changed, {{removed}} removed.', committed)}
        </p>
      ) : confirming ? (
        <div className="data-confirm" role="alertdialog" aria-label={t('Replace the layer?')}>
          <p>
            {t('This replaces every feature of “{{layer}}” with the {{count}} features of the file. It can be undone from the revisions.', {
              layer: term(data.layer as CollectionId, lang),
              count: data.featureCount,
            })}
          </p>
          <div className="data-actions">
            <button type="button" className="primary-button data-danger" onClick={doCommit}>
              {t('Replace the layer')}
            </button>
            <button type="button" className="secondary-button" onClick={() => setConfirming(false)}>
              {t('Cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="primary-button"
          disabled={!data.committable || busy}
          // Replacing asks first when it removes features; into an empty layer there is nothing to lose.
          onClick={() => (data.mode === 'replace' && data.counts.removed > 0 ? setConfirming(true) : doCommit())}
        >
          {committing ? t('Writing…') : t('Write to the layer')}
        </button>
      )}
      {!data.committable && <p className="plan-note">{t('Fix the problems above in the file, then upload it again.')}</p>}
      {written.key === committedKey && (
        <ProblemNotice problem={written.problem} sentence={(message) => t('The import could not be written: {{message}}', { message })} />
      )}
    </section>
  );
}

/**
 * The layer of a source of several (a GeoPackage's tables, a KML's folders, a workbook's sheets):
 * until the officer picks one, the first is previewed and nothing can be written.
 */
function SourceLayerChoice(props: { preview: ImportPreview; chosen: boolean; disabled: boolean; onChange(layer: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const { preview, chosen } = props;
  return (
    <div className="data-field import-source-layer">
      <label htmlFor={id}>{t('Source layer')}</label>
      <select id={id} value={chosen ? preview.sourceLayer : ''} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value)}>
        {!chosen && (
          <option value="" disabled>
            {t('The file holds several layers: choose the one to import.')}
          </option>
        )}
        {preview.sourceLayers.map((layer) => (
          <option key={layer.name} value={layer.name}>
            {t('{{name}} ({{count}} features, {{type}})', { name: layer.name, count: layer.featureCount ?? '?', type: layer.geometryType })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** What the server detected: file, format, encoding, CRS, geometry and count, with the notes they call for. */
function PreviewFacts({ preview, lang }: { preview: ImportPreview; lang: Language }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="import-facts">
        <dt>{t('File')}</dt>
        <dd>
          {preview.fileName} <span className="unit">{t('{{size}} KB', { size: Math.max(1, Math.round(preview.fileSizeBytes / 1024)) })}</span>
        </dd>
        <dt>{t('Format')}</dt>
        <dd data-testid="import-format">
          {preview.format}
          {preview.sourceLayer && ` · ${preview.sourceLayer}`}
        </dd>
        <dt>{t('Text encoding')}</dt>
        <dd data-testid="import-encoding">
          {preview.encoding ?? t('Not applicable')}
          {preview.encodingGuessed && ` (${t('guessed')})`}
        </dd>
        <dt>{t('Coordinate system')}</dt>
        <dd data-testid="import-crs">{preview.crs}</dd>
        <dt>{t('Geometry')}</dt>
        <dd>{preview.geometryType}</dd>
        <dt>{t('Features')}</dt>
        <dd data-testid="import-feature-count">{preview.featureCount}</dd>
        <dt>{t('Import mode')}</dt>
        <dd>{preview.mode === 'replace' ? t('Replace the whole layer') : t('Add, and update features with the same key')}</dd>
        {preview.key && (
          <>
            <dt>{t('Key')}</dt>
            <dd>{term(preview.key as TermKey, lang)}</dd>
          </>
        )}
      </dl>
      {preview.encodingGuessed && (
        <p className="import-note" role="note">
          {t('The encoding was guessed: check that the Chinese text in the rows below reads right.')}
        </p>
      )}
      {preview.wgs84AsCgcs2000 && (
        <p className="import-note" role="note">
          {t('The file is in WGS 84, taken as CGCS2000 (they differ by centimetres).')}
        </p>
      )}
      {preview.droppedZ && <p className="import-note">{t('Heights (Z) and measures (M) were dropped: layers are stored in 2-D.')}</p>}
      <ImportNotices notices={preview.notices} />
    </>
  );
}
