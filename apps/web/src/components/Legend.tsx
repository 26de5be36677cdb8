import { RESTORATION_STATUSES, term, type Language, type LayerDef, type RestorationStatus } from '@mpm/domain';
import { styleFor, swatchColor, type Categories, type PatternCategories } from '../map/layer-styles.ts';
import { PATTERN_SIZE, statusPatternPixels } from '../map/status-patterns.ts';

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

const isStatus = (value: string): value is RestorationStatus => (RESTORATION_STATUSES as readonly string[]).includes(value);

/** A category's colour chip, with the pattern the map draws over that colour when it has one. */
export function CategoryChip({ color, pattern }: { color: string; pattern?: { value: string; image: string } }) {
  if (!pattern || !isStatus(pattern.value)) return <span className="category-chip" style={{ background: color }} aria-hidden="true" />;
  const ink = statusPatternPixels(pattern.value)
    .map(([x, y]) => `M${x} ${y}h1v1h-1z`)
    .join('');
  return (
    <svg className="category-chip pattern-chip" data-pattern={pattern.image} viewBox={`0 0 ${PATTERN_SIZE} ${PATTERN_SIZE}`} aria-hidden="true">
      <rect width={PATTERN_SIZE} height={PATTERN_SIZE} fill={color} />
      <path d={ink} fill="#1a1a1a" fillOpacity={0.75} />
    </svg>
  );
}

/** The colour (and pattern) key of a layer whose fill depends on a property (restoration status). */
export function CategoryLegend({ categories, patterns, lang }: { categories: Categories; patterns?: PatternCategories; lang: Language }) {
  return (
    <ul className="category-legend">
      {categories.values.map(({ value, color }) => (
        <li key={value}>
          <CategoryChip color={color} pattern={patterns?.values.find((p) => p.value === value)} />
          {term(value, lang)}
        </li>
      ))}
    </ul>
  );
}
