import type { MapLegendEntry } from '@mpm/contracts';
import { term, type Language, type LayerDef } from '@mpm/domain';
import { styleFor, swatchColor } from '../map/layer-styles.ts';

/**
 * The printed legend (图例): each layer drawn on the map, in catalogue order, named in `lang`
 * and shown as the map draws it (fill and outline, or line and casing), with its colour classes.
 */
export function printLegend(defs: readonly LayerDef[], isOn: (def: LayerDef) => boolean, lang: Language): MapLegendEntry[] {
  return defs
    .filter(isOn)
    .map((def): MapLegendEntry => {
      const style = styleFor(def);
      const label = term(def.id, lang);
      if (style.kind === 'line') {
        const width = typeof style.width === 'number' ? style.width : Math.max(...style.width.values.map((v) => v.width));
        return {
          label,
          swatch: {
            kind: 'line',
            color: style.color,
            width,
            ...(style.dash ? { dash: [...style.dash] } : {}),
            ...(style.casing ? { casing: { ...style.casing } } : {}),
          },
        };
      }
      const categories = typeof style.fill === 'string' ? null : style.fill;
      return {
        label,
        swatch: {
          kind: 'polygon',
          fill: swatchColor(style.fill),
          fillOpacity: style.fillOpacity,
          outline: swatchColor(style.outline),
          outlineWidth: style.outlineWidth,
          ...(style.outlineDash ? { dash: [...style.outlineDash] } : {}),
        },
        ...(categories ? { categories: categories.values.map(({ value, color }) => ({ label: term(value, lang), color })) } : {}),
      };
    });
}
