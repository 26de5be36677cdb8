import { MAP_PRINT_DPI, mapFrameMm, pageSizeMm, type MapPrintBody } from '@mpm/contracts';
import type { Language } from '@mpm/domain';
import { badRequest } from '../../../http/errors.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import { countyProfile } from '../settings/county-profile.ts';
import { chinaToday } from './china-time.ts';
import { mapPrintHtml } from './map-print-html.ts';
import type { PdfPrinter } from './pdf-printer.ts';

/** What printing a map needs from the app. */
export interface MapPrintContext {
  settings: Pick<SettingsRepository, 'countyProfile' | 'countyBoundary'>;
  printer: PdfPrinter;
  now: Date;
}

/** A printed map, with the file names it downloads under. */
export interface PrintedMap {
  bytes: Buffer;
  contentType: 'application/pdf' | 'image/png';
  /** The title as the file name (characters no file system takes replaced). */
  filename: string;
  asciiFilename: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** The raster's sides may differ from the frame's proportions by this share (a pixel's rounding, and more). */
const PROPORTION_TOLERANCE = 0.02;
/** Largest side of the raster in pixels: an A3 frame at twice {@link MAP_PRINT_DPI}. */
const MAX_SIDE_PX = 5000;

/** Width and height of a PNG from its header, or null when `bytes` is not one. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const ORIENTATION = { portrait: { zh: '纵向', en: 'portrait' }, landscape: { zh: '横向', en: 'landscape' } } as const;

/** The map's raster, checked: a PNG of sensible size with the proportions of the page's frame. */
function checkedImage(body: MapPrintBody): void {
  const png = BASE64.test(body.image) ? pngSize(Buffer.from(body.image, 'base64')) : null;
  if (!png || png.width < 16 || png.height < 16) {
    throw badRequest('invalidMapImage', { zh: '地图图像不是有效的 PNG 图片。', en: 'The map image is not a valid PNG picture.' });
  }
  if (png.width > MAX_SIDE_PX || png.height > MAX_SIDE_PX) {
    throw badRequest('mapImageTooLarge', {
      zh: `地图图像为 ${png.width}×${png.height} 像素，超过每边 ${MAX_SIDE_PX} 像素的上限。`,
      en: `The map image is ${png.width}×${png.height} pixels, more than the ${MAX_SIDE_PX} pixels a side allowed.`,
    });
  }
  const frame = mapFrameMm(body.paper, body.orientation);
  const expected = frame.widthMm / frame.heightMm;
  if (Math.abs(png.width / png.height / expected - 1) > PROPORTION_TOLERANCE) {
    const side = ORIENTATION[body.orientation];
    throw badRequest('mapImageProportions', {
      zh: `地图图像为 ${png.width}×${png.height} 像素，与 ${body.paper} ${side.zh}图框（${frame.widthMm}×${frame.heightMm} 毫米）的长宽比不符。`,
      en: `The map image is ${png.width}×${png.height} pixels, not the proportions of the ${body.paper} ${side.en} frame (${frame.widthMm}×${frame.heightMm} mm).`,
    });
  }
}

/**
 * Prints the map page (打印/导出地图) of `body`: the browser's raster of the frame checked, the
 * page composed around it (title, legend, scale bar, north arrow, coordinate system, extent,
 * producing unit from the county profile, China date) and printed by Chromium as a PDF, or
 * as a PNG of {@link MAP_PRINT_DPI} with the page's proportions.
 */
export async function renderMapPrint(context: MapPrintContext, body: MapPrintBody, lang: Language): Promise<PrintedMap> {
  checkedImage(body);
  const { county } = await countyProfile(context.settings);
  const html = mapPrintHtml(body, { county: county?.name ?? null, printedAt: context.now, lang });
  const page = pageSizeMm(body.paper, body.orientation);
  const bytes = await context.printer.printPage(html, { ...page, format: body.format, dpi: MAP_PRINT_DPI });
  const day = chinaToday(context.now);
  const title = body.title.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').trim();
  return {
    bytes,
    contentType: body.format === 'pdf' ? 'application/pdf' : 'image/png',
    filename: `${title}-${day}.${body.format}`,
    asciiFilename: `map-${day}.${body.format}`,
  };
}
