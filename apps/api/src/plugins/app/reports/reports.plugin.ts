import fp from 'fastify-plugin';
import { createPdfPrinter, type PdfPrinter } from './pdf-printer.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Prints report pages to PDF with headless Chromium (launched on first use, closed with the app). */
    pdfPrinter: PdfPrinter;
  }
}

/**
 * The PDF printer of the review reports: one Chromium for the whole app, started by the first
 * report (so servers that never print never start it), at most two pages printing at once.
 */
export default fp(
  async (app) => {
    const printer = createPdfPrinter({ log: (err) => app.log.error({ err }, 'Chromium did not start') });
    app.decorate('pdfPrinter', printer);
    app.addHook('onClose', async () => printer.close());
  },
  { name: 'reports' },
);
