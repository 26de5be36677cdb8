import type { MapPrintBody } from '@mpm/contracts';
import type { UiLanguage } from '../i18n/languages.ts';
import { requestBlob } from './client.ts';

/** `POST /api/map-print`: the printed map page, a PDF or PNG. */
export const mapPrintApi = {
  print: (body: MapPrintBody, lang: UiLanguage) => requestBlob('/api/map-print', lang, body.format === 'pdf' ? 'application/pdf' : 'image/png', body),
};
