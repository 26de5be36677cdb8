import { useTranslation } from 'react-i18next';
import { M2_PER_MU, term, type Language } from '@mpm/domain';
import { ellipsoidalAreaM2, geodesicDistanceM } from '@mpm/geo';
import { formatNumber } from '../../plan/format.ts';
import { useDrawSession } from '../../state/draw-session.ts';

/** Corners of a ring without its closing repeat or a doubled click. */
function cornersOf(ring: readonly GeoJSON.Position[]): GeoJSON.Position[] {
  const out: GeoJSON.Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

/** The figures of one ring on the CGCS2000 ellipsoid: each side's length and, from three corners, the area. */
export function ringFigures(ring: readonly GeoJSON.Position[]): { sidesM: number[]; areaM2: number | null } {
  const corners = cornersOf(ring);
  if (corners.length < 2) return { sidesM: [], areaM2: null };
  const closed = corners.length >= 3 ? [...corners, corners[0]] : corners;
  const sidesM = closed.slice(1).map((p, i) => geodesicDistanceM(closed[i], p));
  const areaM2 = corners.length >= 3 ? ellipsoidalAreaM2({ type: 'Polygon', coordinates: [closed] }) : null;
  return { sidesM, areaM2 };
}

/** Area (亩 and m²) and side lengths of what is on the map, as it is drawn or dragged. */
export function DrawFigures({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const sketch = useDrawSession((s) => s.sketch);
  const rings = sketch.map(ringFigures).filter((f) => f.sidesM.length > 0);
  if (rings.length === 0) return null;
  const metres = (m: number) => `${formatNumber(m, lang, 1)} ${term('unitM', lang)}`;
  return (
    <div className="draw-figures" aria-live="polite" aria-label={t('While drawing')}>
      {rings.map((f, i) => (
        <div key={i} className="draw-figure">
          {f.areaM2 !== null && (
            <p className="draw-area">
              {t('Area')}：<span data-unit="mu">{`${formatNumber(f.areaM2 / M2_PER_MU, lang, 2)} ${term('unitMu', lang)}`}</span>
              {' · '}
              <span data-unit="m2">{`${formatNumber(f.areaM2, lang, 0)} ${term('unitM2', lang)}`}</span>
            </p>
          )}
          <ol className="draw-sides" aria-label={t('Side lengths')}>
            {f.sidesM.map((m, side) => (
              <li key={side}>
                {t('Side {{from}}–{{to}}', { from: side + 1, to: side + 2 > f.sidesM.length && f.sidesM.length > 1 ? 1 : side + 2 })}：{metres(m)}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}

/** The drawing's keys, as a desktop GIS lists them. */
export function DrawHelp() {
  const { t } = useTranslation();
  const keys: [string, string][] = [
    ['Ctrl+Z', t('Undo')],
    ['Ctrl+Shift+Z / Ctrl+Y', t('Redo')],
    ['Enter', t('Close the polygon being drawn')],
    ['Esc', t('Cancel the polygon being drawn; stop editing corners')],
    ['Delete', t('Delete the selected block (can be undone)')],
    [t('Right-click a corner'), t('Delete that corner')],
  ];
  return (
    <details className="draw-help">
      <summary>{t('Keyboard shortcuts')}</summary>
      <p className="plan-note">{t('Corners snap to the corners, else the edges, of existing zones and licences within 10 pixels.')}</p>
      <dl>
        {keys.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
