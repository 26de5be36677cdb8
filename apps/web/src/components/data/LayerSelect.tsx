import { term, type CollectionId, type Language, type LayerDef } from '@mpm/domain';
import { groupLayers } from '../../state/derived.ts';

interface LayerSelectProps {
  id: string;
  layers: readonly LayerDef[];
  value: CollectionId;
  lang: Language;
  onChange(id: CollectionId): void;
}

/** A choice of catalogue layer, grouped as the layer list groups them, named by the glossary. */
export function LayerSelect({ id, layers, value, lang, onChange }: LayerSelectProps) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value as CollectionId)}>
      {groupLayers(layers).map(({ group, layers: defs }) => (
        <optgroup key={group} label={term(group, lang)}>
          {defs.map((def) => (
            <option key={def.id} value={def.id}>
              {term(def.id, lang)}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
