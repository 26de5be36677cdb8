import type { AddParcelBody } from '@mpm/contracts';

/**
 * A boundary as pasted: GeoJSON (a Polygon or MultiPolygon, or a Feature holding one) when the
 * text starts with `{`, else a corner-point list (拐点坐标) for the server's parser; undefined when
 * the box is empty. The server validates either and names what is wrong.
 */
export function boundaryOf(text: string): Pick<AddParcelBody, 'geometry' | 'cornerList'> | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (!trimmed.startsWith('{')) return { cornerList: { text } };
  const parsed = JSON.parse(trimmed) as { type?: string; geometry?: unknown };
  return { geometry: (parsed.type === 'Feature' ? parsed.geometry : parsed) as AddParcelBody['geometry'] };
}

/**
 * A cutting line as pasted: a GeoJSON LineString (or a Feature holding one) when the text starts
 * with `{`, else one `lon, lat` pair a line (commas, spaces or tabs between). Throws on a line of
 * the list that is not two numbers, naming it; the server checks the rest.
 */
export function cuttingLineOf(text: string): GeoJSON.LineString {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const parsed = JSON.parse(trimmed) as { type?: string; geometry?: unknown };
    return (parsed.type === 'Feature' ? parsed.geometry : parsed) as GeoJSON.LineString;
  }
  const coordinates = trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      const numbers = line.split(/[\s,，]+/).map(Number);
      if (numbers.length !== 2 || numbers.some((n) => !Number.isFinite(n))) throw new Error(`${i + 1}: ${line}`);
      return numbers;
    });
  return { type: 'LineString', coordinates };
}
