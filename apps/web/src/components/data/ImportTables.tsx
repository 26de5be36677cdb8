import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '@mpm/contracts';
import { formatValue, getLayer, term, type CollectionId, type FieldDef, type Language } from '@mpm/domain';

/** The fields an import can fill: the layer's own, not those computed from the geometry or read from another register. */
export const importableFields = (layer: CollectionId): FieldDef[] => getLayer(layer).fields.filter((field) => !field.computed && !field.derivedFrom);

interface MappingTableProps {
  preview: ImportPreview;
  lang: Language;
  disabled: boolean;
  /** Another field (or null: not imported) for a source column. */
  onChange(column: string, field: string | null): void;
}

/** The column mapping: each source column and the layer field it fills, changeable. */
export function MappingTable({ preview, lang, disabled, onChange }: MappingTableProps) {
  const { t } = useTranslation();
  const fields = importableFields(preview.layer as CollectionId);
  const columns = Object.keys(preview.mapping);
  if (columns.length === 0) return <p className="plan-note">{t('The file has no attribute columns.')}</p>;
  return (
    <table className="data-table import-mapping">
      <thead>
        <tr>
          <th scope="col">{t('Column in the file')}</th>
          <th scope="col">{t('Layer field')}</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column) => (
          <tr key={column} data-column={column}>
            <th scope="row">{column}</th>
            <td>
              <select
                aria-label={t('Field for column {{column}}', { column })}
                value={preview.mapping[column] ?? ''}
                disabled={disabled}
                onChange={(e) => onChange(column, e.target.value || null)}
              >
                <option value="">{t('(not imported)')}</option>
                {fields.map((field) => (
                  <option key={field.key} value={field.key}>
                    {term(field.key, lang)}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The first features as they will be stored, one row each, in the layer's field order. */
export function SampleTable({ preview, lang }: { preview: ImportPreview; lang: Language }) {
  const { t } = useTranslation();
  const present = new Set(preview.sample.flatMap((row) => Object.keys(row)));
  const fields = getLayer(preview.layer as CollectionId).fields.filter((field) => present.has(field.key));
  if (preview.sample.length === 0) return <p className="plan-note">{t('The file has no features.')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table import-sample">
        <thead>
          <tr>
            <th scope="col">#</th>
            {fields.map((field) => (
              <th key={field.key} scope="col">
                {term(field.key, lang)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.sample.map((row, index) => (
            <tr key={index}>
              <td className="numeric">{index + 1}</td>
              {fields.map((field) => (
                <td key={field.key} className={field.type === 'number' || field.type === 'integer' ? 'numeric' : undefined}>
                  {formatValue(field, row[field.key], lang)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
