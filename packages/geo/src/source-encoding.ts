/** The text encodings a bureau's shapefiles come in. */
export type SourceEncoding = 'GBK' | 'UTF-8';

/** How the encoding was found: said by the `.cpg`, by the DBF's language byte, or guessed from the text. */
export interface DetectedEncoding {
  encoding: SourceEncoding;
  from: 'cpg' | 'ldid' | 'guess';
  /** A guess from the bytes is shown to the officer in the preview before anything is written. */
  needsConfirmation: boolean;
}

/** `.cpg` values, as ArcGIS, QGIS and GDAL write them, normalised (upper case, no spaces). */
const CPG_VALUES: Record<string, SourceEncoding> = {
  '936': 'GBK',
  CP936: 'GBK',
  ANSI936: 'GBK',
  GBK: 'GBK',
  GB2312: 'GBK',
  GB18030: 'GBK',
  'UTF-8': 'UTF-8',
  UTF8: 'UTF-8',
  '65001': 'UTF-8',
};

/** The encoding a `.cpg` file names (`936`, `CP936`, `ANSI 936`, `GBK`, `UTF-8`…), or undefined for another or none. */
export function encodingFromCpg(text: string): SourceEncoding | undefined {
  return CPG_VALUES[text.replace(/^\uFEFF/, '').replace(/\s+/g, '').toUpperCase()];
}

/** DBF language driver ids (byte 29) that mean code page 936 (simplified Chinese, GBK). */
const GBK_LDIDS = new Set([0x4d, 0x7a]);

/**
 * The encoding a DBF's header says: its language driver byte when it names code page 936, else
 * a guess from its records (valid UTF-8 with non-ASCII text is UTF-8, other non-ASCII text GBK),
 * flagged for the officer to confirm on the preview's Chinese text.
 */
export function dbfEncoding(dbf: Uint8Array): DetectedEncoding {
  if (dbf.length > 29 && GBK_LDIDS.has(dbf[29])) return { encoding: 'GBK', from: 'ldid', needsConfirmation: false };
  const headerBytes = dbf.length >= 10 ? dbf[8] | (dbf[9] << 8) : 0;
  const records = dbf.subarray(Math.min(headerBytes, dbf.length));
  const ascii = records.every((byte) => byte < 0x80);
  if (ascii) return { encoding: 'UTF-8', from: 'guess', needsConfirmation: false };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(records);
    return { encoding: 'UTF-8', from: 'guess', needsConfirmation: true };
  } catch {
    return { encoding: 'GBK', from: 'guess', needsConfirmation: true };
  }
}

/** A shapefile's encoding: the `.cpg`'s when it names one this product knows, else {@link dbfEncoding}. */
export function shapefileEncoding(dbf: Uint8Array, cpg?: string): DetectedEncoding {
  const named = cpg === undefined ? undefined : encodingFromCpg(cpg);
  return named ? { encoding: named, from: 'cpg', needsConfirmation: false } : dbfEncoding(dbf);
}
