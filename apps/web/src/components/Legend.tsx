import { term, type Language, type LayerDef } from '@mpm/domain';
import { styleFor, swatchColor, type Categories } from '../map/layer-styles.ts';

const W = 22;
const H = 14;

/** A small picture of how a layer is drawn: its fill and outline, or its line. */
export function LegendSwatch({ def }: { def: LayerDef }) {
  const style = styleFor(def);
  if (style.kind === 'polygon') {
    return (
      <svg className="legend-swatch" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        <rect
          x={1}
          y={1}
          width={W - 2}
          height={H - 2}
          rx={2}
          fill={swatchColor(style.fill)}
          fillOpacity={Math.max(style.fillOpacity, 0.12)}
          stroke={swatchColor(style.outline)}
          strokeWidth={Math.min(style.outlineWidth, 2.5)}
          strokeDasharray={style.outlineDash?.map((d) => d * style.outlineWidth).join(' ')}
        />
      </svg>
    );
  }
  const width = typeof style.width === 'number' ? style.width : Math.max(...style.width.values.map((v) => v.width));
  return (
    <svg className="legend-swatch" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
      {style.casing && <line x1={1} y1={H / 2} x2={W - 1} y2={H / 2} stroke={style.casing.color} strokeWidth={style.casing.width} />}
      <line
        x1={1}
        y1={H / 2}
        x2={W - 1}
        y2={H / 2}
        stroke={style.color}
        strokeWidth={Math.min(width, 4)}
        strokeLinecap={style.dash ? 'butt' : 'round'}
        strokeDasharray={style.dash?.map((d) => d * Math.min(width, 4)).join(' ')}
      />
    </svg>
  );
}

/** The colour key of a layer whose fill depends on a property (restoration status). */
export function CategoryLegend({ categories, lang }: { categories: Categories; lang: Language }) {
  return (
    <ul className="category-legend">
      {categories.values.map(({ value, color }) => (
        <li key={value}>
          <span className="category-chip" style={{ background: color }} aria-hidden="true" />
          {term(value, lang)}
        </li>
      ))}
    </ul>
  );
}
