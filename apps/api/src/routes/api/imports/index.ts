import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { LAYER_EDITOR_ROLES, getLayer, isCollectionId, type CollectionId } from '@mpm/domain';
import { IMPORT_MODES, ImportPreview, LayerRevision, LayerRevisionsResponse, SHAPEFILE_ENCODINGS, type ImportMode } from '@mpm/contracts';
import { UserError, badRequest, requestLanguage } from '../../../http/errors.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { findSource } from '../../../plugins/app/imports/coordinate-table.ts';
import { unpackZip } from '../../../plugins/app/imports/import-files.ts';
import { previewImport, previewIn, type StoredPreview } from '../../../plugins/app/imports/import-preview.ts';
import { commitImport, importNotFound, restoreRevision } from '../../../plugins/app/imports/imports-writes.ts';
import { GdalError } from '../../../plugins/app/transfer/gdal.ts';
import { readSource } from '../../../plugins/app/imports/read-source.ts';
import { sourceLayers } from '../../../plugins/app/imports/source-layers.ts';
import { unknownLayer } from '../../../plugins/app/layers/layer-access.ts';
import { saveForm } from '../../../plugins/app/photos/multipart-form.ts';

/** The text fields of an import form beside its files. */
const IMPORT_FIELDS = ['layer', 'mode', 'encoding', 'sourceCrs', 'sourceLayer', 'mapping', 'featureColumn', 'sourceDatum', 'datumParameters', 'datumRotation'] as const;

/** Files one import may carry: a shapefile's five parts, or a zip. */
const MAX_IMPORT_FILES = 20;

const tooLarge = (maxBytes: number) =>
  new UserError(413, 'importTooLarge', {
    zh: `上传文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限（IMPORT_MAX_MB），未写入任何数据。`,
    en: `The upload is over the ${Math.round(maxBytes / 1024 / 1024)} MB limit (IMPORT_MAX_MB); nothing was written.`,
  });

/** A form field that must be one of `allowed`, or absent. */
function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!allowed.includes(value as T)) {
    throw badRequest('invalidImportField', {
      zh: `${name} 须为 ${allowed.join('、')} 之一，收到“${value}”。`,
      en: `${name} must be one of ${allowed.join(', ')}; got "${value}".`,
    });
  }
  return value as T;
}

function parsedMapping(raw: string | undefined): Record<string, string | null> {
  if (raw === undefined || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const ok =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) &&
    Object.values(parsed).every((v) => v === null || typeof v === 'string');
  if (!ok) {
    throw badRequest('invalidMapping', {
      zh: 'mapping 须为 JSON 对象：源字段名 → 图层字段（或 null 表示不导入）。',
      en: 'mapping must be a JSON object: source column → layer field (or null to leave it out).',
    });
  }
  return parsed as Record<string, string | null>;
}

/**
 * Imports of the bureau's own files (数据导入), for data managers and admins: `POST /api/imports` reads the file
 * (multipart: the file or a shapefile's parts, `layer`, optional `mode`, `encoding`,
 * `sourceCrs`, `sourceLayer`, `mapping`; for a point table `featureColumn`; for lon/lat
 * `sourceDatum` wgs84 | gcj02; for Xi'an 1980 or Beijing 1954 the seven `datumParameters` and
 * `datumRotation`) and answers a preview without writing to the layer;
 * `GET /api/imports/:id/features` gives the previewed features (GeoJSON, each with its index and
 * whether a problem names it) for the map; `POST /api/imports/:id/commit` writes them as the
 * layer's next revision. A layer's revisions are
 * listed, and any can be undone by restoring the layer as it stood before it.
 */
/**
 * Runs the reading of an upload, answering what GDAL cannot read (a damaged or truncated file)
 * with a 422 naming the upload and quoting GDAL, rather than a 500.
 */
async function readingSource<T>(names: string[], read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!(err instanceof GdalError)) throw err;
    const shown = names.slice(0, 5).join('、');
    throw new UserError(422, 'sourceUnreadable', {
      zh: `GDAL 无法读取“${shown}”（${err.gdalMessage.trim()}）：文件可能已损坏、不完整或格式不符；请检查后重新导出。未写入任何数据。`,
      en: `GDAL cannot read "${shown}" (${err.gdalMessage.trim()}): the file may be damaged, incomplete or not what its name says; check it and export it again. Nothing was written.`,
    });
  }
}

const imports: FastifyPluginAsyncTypebox<{ importMaxBytes: number }> = async (app, { importMaxBytes }) => {
  await app.register(multipart);
  // Data managers (数据管理员) and admins: the roles that keep the county's layers.
  const editors = { preValidation: requireRole(...LAYER_EDITOR_ROLES) };
  const layerOf = (id: string): CollectionId => {
    if (!isCollectionId(id)) throw unknownLayer(id);
    return id;
  };

  app.post('/api/imports', { ...editors, schema: { response: { 201: ImportPreview } } }, async (request, reply) => {
    // The files are streamed to disk as they arrive, the cap enforced meanwhile.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mpm-import-'));
    try {
      const uploads = path.join(dir, 'upload');
      await fs.mkdir(uploads);
      const form = await saveForm(
        request,
        { fields: IMPORT_FIELDS, fileField: 'file', maxFileBytes: importMaxBytes, maxFieldBytes: 64 * 1024, maxFiles: MAX_IMPORT_FILES, fileTooLarge: tooLarge },
        uploads,
        importMaxBytes,
      );
      const layer = layerOf(form.fields.layer ?? '');
      const mode: ImportMode = oneOf('mode', form.fields.mode, IMPORT_MODES) ?? 'replace';
      const encoding = oneOf('encoding', form.fields.encoding, SHAPEFILE_ENCODINGS);
      const mapping = parsedMapping(form.fields.mapping);
      if (form.files.length === 0) {
        throw badRequest('noImportFile', { zh: '请选择要导入的文件。', en: 'Choose a file to import.' });
      }
      const total = form.sizeBytes;
      let sourceDir = uploads;
      if (form.files.length === 1 && path.extname(form.files[0].path).toLowerCase() === '.zip') {
        sourceDir = path.join(dir, 'unzipped');
        await unpackZip(form.files[0].path, sourceDir);
        await fs.rm(form.files[0].path);
      }
      const { dataset, read, layers, chosen } = await readingSource(form.files.map((f) => f.name), async () => {
        const { source: dataset, gcj02: ovital } = await findSource(sourceDir);
        const { sourceCrs, featureColumn, sourceDatum, datumParameters, datumRotation } = form.fields;
        // A source of several layers read with none chosen previews its first, and says to choose.
        const layers = await sourceLayers(dataset);
        const chosen = Boolean(form.fields.sourceLayer);
        const sourceLayer = chosen ? form.fields.sourceLayer : layers[0]?.name;
        const choices = { encoding, sourceCrs, sourceLayer, featureColumn, sourceDatum, datumParameters, datumRotation, ovital, polygons: getLayer(layer).geometry === 'polygon' };
        const read = await readSource(dataset, choices, dir);
        return { dataset, read, layers, chosen };
      });
      const fileName = form.files.length === 1 ? path.basename(form.files[0].name) : dataset.name;
      const file = { name: fileName, sizeBytes: total, sha256: form.sha256 };
      const { preview, features } = await previewImport(app.repos, {
        layer, read, mode, mapping, file, userId: request.user!.id, sourceLayers: { layers, chosen },
      });
      await app.repos.imports.insertImport({ id: preview.id, layer, userId: request.user!.id, fileName, fileSizeBytes: total, fileSha256: file.sha256, mode, preview, features });
      return reply.status(201).send(previewIn(preview, requestLanguage(request)));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  app.get(
    '/api/imports/:id/features',
    { ...editors, schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } },
    async (request, reply) => {
      const stored = await app.repos.imports.storedImport(request.params.id);
      if (!stored) throw importNotFound(request.params.id);
      const withProblems = new Set((stored.preview as StoredPreview).problems.map((p) => p.feature));
      reply.type('application/geo+json');
      return {
        type: 'FeatureCollection',
        features: stored.features.map((feature, index) => ({
          type: 'Feature',
          geometry: feature.geometry,
          properties: { ...feature.properties, index, hasProblem: withProblems.has(index) },
        })),
      };
    },
  );

  app.post(
    '/api/imports/:id/commit',
    { ...editors, config: { heavy: true }, schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: LayerRevision } } },
    async (request) => commitImport(app, request.params.id, request.user!),
  );

  app.get(
    '/api/layers/:id/revisions',
    { ...editors, schema: { params: Type.Object({ id: Type.String() }), response: { 200: LayerRevisionsResponse } } },
    async (request) => ({ revisions: await app.repos.imports.revisions(layerOf(request.params.id)) }),
  );

  app.post(
    '/api/layers/:id/revisions/:rev/restore',
    {
      ...editors,
      schema: { params: Type.Object({ id: Type.String(), rev: Type.Integer({ minimum: 1 }) }), response: { 200: LayerRevision } },
    },
    async (request) => restoreRevision(app, layerOf(request.params.id), request.params.rev, request.user!),
  );
};
export default imports;
