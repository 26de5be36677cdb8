import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAP_IMAGE_MAX_BASE64, MapPrintBody } from '@mpm/contracts';
import { attachment } from '../../../http/attachment.ts';
import { requestLanguage } from '../../../http/errors.ts';
import { renderMapPrint } from '../../../plugins/app/reports/map-print.ts';

/**
 * `POST /api/map-print` (打印/导出地图): the map view the browser drew for the page's frame,
 * composed into a thematic map page (title, legend, scale bar, north arrow, CGCS2000, extent,
 * the county bureau, the China date) and answered as a PDF or PNG download, A4 or A3, portrait
 * or landscape. Anyone may print what they see; 503 when the server has no Chromium.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/map-print',
    {
      // The raster and the JSON around it.
      bodyLimit: MAP_IMAGE_MAX_BASE64 + 64 * 1024,
      // Each print starts a renderer: a few a minute per client is plenty, counted once the body is valid.
      config: { rateLimit: { max: 10, timeWindow: '1 minute', hook: 'preHandler' } },
      schema: { body: MapPrintBody },
    },
    async (request, reply) => {
      const context = { settings: app.repos.settings, printer: app.pdfPrinter, now: new Date() };
      const printed = await renderMapPrint(context, request.body, requestLanguage(request));
      return reply.type(printed.contentType).header('content-disposition', attachment(printed.filename, printed.asciiFilename)).send(printed.bytes);
    },
  );
};
export default routes;
