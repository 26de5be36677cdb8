import { Type, type Static } from 'typebox';

/** Paper sizes the map prints on, portrait width × height in millimetres (GB/T 148, ISO 216). */
export const PAPER_SIZES_MM = { A4: [210, 297], A3: [297, 420] } as const;
export const PAPER_SIZES = ['A4', 'A3'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
export const PAPER_ORIENTATIONS = ['portrait', 'landscape'] as const;
export type PaperOrientation = (typeof PAPER_ORIENTATIONS)[number];
export const MAP_PRINT_FORMATS = ['pdf', 'png'] as const;
export type MapPrintFormat = (typeof MAP_PRINT_FORMATS)[number];

/**
 * The printed page's bands, in millimetres: the margin all round, the title above the map
 * frame and the notes below it (coordinate system, extent, producer, date). The frame takes
 * the rest; the legend, scale and north arrow sit inside it, as on a thematic map.
 */
export const MAP_PRINT_LAYOUT_MM = { margin: 10, title: 16, notes: 11 } as const;

/** Resolution of the map's raster on paper, in dots per inch. */
export const MAP_PRINT_DPI = 150;

/** CSS pixels per millimetre (96 per inch): the unit the browser lays out and MapLibre draws in. */
export const CSS_PX_PER_MM = 96 / 25.4;

/** A rectangle in millimetres. */
export interface SizeMm {
  widthMm: number;
  heightMm: number;
}

/** The page of `paper` turned to `orientation`. */
export function pageSizeMm(paper: PaperSize, orientation: PaperOrientation): SizeMm {
  const [short, long] = PAPER_SIZES_MM[paper];
  return orientation === 'portrait' ? { widthMm: short, heightMm: long } : { widthMm: long, heightMm: short };
}

/** The map frame (图廓) on that page: what is left inside the margin, under the title and above the notes. */
export function mapFrameMm(paper: PaperSize, orientation: PaperOrientation): SizeMm {
  const page = pageSizeMm(paper, orientation);
  const { margin, title, notes } = MAP_PRINT_LAYOUT_MM;
  return { widthMm: page.widthMm - 2 * margin, heightMm: page.heightMm - 2 * margin - title - notes };
}

/** Most characters in a printed map's title. */
export const MAP_TITLE_MAX_LENGTH = 60;
/** Most bytes of the map raster, base64-encoded (an A3 frame at 150 dpi is about 2 400 × 1 500 pixels). */
export const MAP_IMAGE_MAX_BASE64 = 16 * 1024 * 1024;

const Color = Type.String({ pattern: '^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$' });
const Dash = Type.Array(Type.Number({ minimum: 0, maximum: 20 }), { maxItems: 6 });

/** How a polygon layer looks in the legend: fill and outline as on the map (widths in screen pixels). */
export const PolygonSwatch = Type.Object(
  {
    kind: Type.Literal('polygon'),
    fill: Color,
    fillOpacity: Type.Number({ minimum: 0, maximum: 1 }),
    outline: Color,
    outlineWidth: Type.Number({ minimum: 0, maximum: 10 }),
    /** Dash and gap lengths in multiples of the outline width. */
    dash: Type.Optional(Dash),
  },
  { additionalProperties: false },
);

/** How a line layer looks in the legend, with an optional wider casing under it (railways). */
export const LineSwatch = Type.Object(
  {
    kind: Type.Literal('line'),
    color: Color,
    width: Type.Number({ minimum: 0, maximum: 12 }),
    dash: Type.Optional(Dash),
    casing: Type.Optional(Type.Object({ color: Color, width: Type.Number({ minimum: 0, maximum: 16 }) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

/** One visible layer in the printed legend, named in the reader's language, with its colour classes if it has them. */
export const MapLegendEntry = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 60 }),
    swatch: Type.Union([PolygonSwatch, LineSwatch]),
    categories: Type.Optional(
      Type.Array(Type.Object({ label: Type.String({ minLength: 1, maxLength: 40 }), color: Color }, { additionalProperties: false }), {
        maxItems: 12,
      }),
    ),
  },
  { additionalProperties: false },
);
export type MapLegendEntry = Static<typeof MapLegendEntry>;

/**
 * `POST /api/map-print`: the map as the browser drew it for the frame of `paper` turned to
 * `orientation` (a PNG, base64, of the frame's proportions), where it lies, and what the page
 * says about it; the answer is the page as a PDF or a PNG.
 */
export const MapPrintBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: MAP_TITLE_MAX_LENGTH }),
    paper: Type.Enum(PAPER_SIZES),
    orientation: Type.Enum(PAPER_ORIENTATIONS),
    format: Type.Enum(MAP_PRINT_FORMATS),
    /** The frame's raster: a PNG, base64 without a `data:` prefix. */
    image: Type.String({ minLength: 1, maxLength: MAP_IMAGE_MAX_BASE64 }),
    /** Ground distance across the middle of the frame, west edge to east edge, in metres (geodesic, GRS80). */
    frameWidthM: Type.Number({ exclusiveMinimum: 0, maximum: 5_000_000 }),
    /** The frame's extent [west, south, east, north], EPSG:4490 degrees. */
    bounds: Type.Tuple([
      Type.Number({ minimum: -180, maximum: 180 }),
      Type.Number({ minimum: -90, maximum: 90 }),
      Type.Number({ minimum: -180, maximum: 180 }),
      Type.Number({ minimum: -90, maximum: 90 }),
    ]),
    legend: Type.Array(MapLegendEntry, { maxItems: 40 }),
  },
  { additionalProperties: false },
);
export type MapPrintBody = Static<typeof MapPrintBody>;
