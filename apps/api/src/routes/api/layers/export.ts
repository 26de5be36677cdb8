import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FieldDef } from '@mpm/domain';
import { LayerExportQuery } from '@mpm/contracts';
import { attachment } from '../../../http/attachment.ts';
import { parseBbox } from '../../../http/bbox.ts';
import { badRequest, requestLanguage } from '../../../http/errors.ts';
import { visibleCollection } from '../../../plugins/app/layers/layer-access.ts';
import { filterValue } from '../../../plugins/app/transfer/export-columns.ts';
import { exportEpsg, exportLayer } from '../../../plugins/app/transfer/layer-export.ts';

const unknownFilter = (name: string, layer: string) =>
  badRequest('unknownExportFilter', {
    zh: `“${name}”不是图层“${layer}”可筛选的字段。`,
    en: `"${name}" is not a field of layer "${layer}" to filter by.`,
  });

const unknownValue = (name: string, value: string) =>
  badRequest('unknownExportFilterValue', {
    zh: `字段“${name}”没有取值“${value}”。`,
    en: `Field "${name}" has no value "${value}".`,
  });

/**
 * `GET /api/layers/:id/export` (数据导出): a layer, or the part of it in `bbox` whose fields
 * equal the other parameters, as GeoJSON, a shapefile zip, GeoPackage, KML, XLSX or CSV, in
 * CGCS2000 lon/lat or a Gauss–Krüger zone. Callers see what the OGC API shows them.
 */
const layerExport: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/layers/:id/export',
    {
      config: { heavy: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { params: Type.Object({ id: Type.String() }), querystring: LayerExportQuery },
    },
    async (request, reply) => {
      const { format, crs, encoding = 'GBK', bbox, lang = requestLanguage(request), ...filters } = request.query;
      const { id, fields } = await visibleCollection(app, request, request.params.id);
      const epsg = exportEpsg(crs, format);
      const equals = Object.entries(filters).map(([name, raw]): [FieldDef, string] => {
        const field = fields.find((f) => f.key === name);
        if (!field) throw unknownFilter(name, id);
        const value = filterValue(field, String(raw));
        if (value === undefined) throw unknownValue(name, String(raw));
        return [field, value];
      });
      const features = await app.repos.layers.all(id, {
        bbox: bbox === undefined ? undefined : parseBbox(bbox),
        fields,
        equals,
      });
      const file = await exportLayer({ layer: id, format, epsg, encoding, lang }, features, fields);
      return reply
        .type(file.contentType)
        .header('Content-Disposition', attachment(file.name, file.asciiName))
        .header('Cache-Control', 'no-store')
        .send(file.bytes);
    },
  );
};
export default layerExport;
