import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockGeometry } from '@mpm/rules';
import { useBoundaryDrawing, type BoundaryPurpose } from '../../../state/boundary-drawing.ts';
import { BlockFileInput } from '../../plan/BlockFileInput.tsx';
import { CornerListField } from './licence-fields.tsx';

/** Where a licence's boundary comes from when it is given by hand. */
export type BoundarySource = 'cornerList' | 'file' | 'draw';

/** The boundary sources as a select's options. */
export function BoundarySourceOptions() {
  const { t } = useTranslation();
  return (
    <>
      <option value="cornerList">{t('A corner list')}</option>
      <option value="file">{t('GeoJSON or KML file')}</option>
      <option value="draw">{t('A drawing on the map')}</option>
    </>
  );
}

/** The input of the chosen boundary source: a corner-list box, a GeoJSON/KML file, or a drawing on the map. */
export function BoundaryInput(props: {
  source: BoundarySource;
  purpose: BoundaryPurpose;
  cornerList: { name: string; value: string; onChange(event: { target: { value: string } }): void };
  fileBlock: BlockGeometry | null;
  onFileBlock(geometry: BlockGeometry): void;
}) {
  const { t } = useTranslation();
  if (props.source === 'cornerList') return <CornerListField label={t('Boundary as a corner list')} {...props.cornerList} />;
  if (props.source === 'draw') return <DrawnBoundaryField purpose={props.purpose} />;
  return (
    <>
      <BlockFileInput onBlock={props.onFileBlock} />
      {props.fileBlock && (
        <p className="admin-muted" role="status">
          {t('Boundary read from the file.')}
        </p>
      )}
    </>
  );
}

/** The boundary drawn on the map for `purpose`'s form; null until its polygon closes. */
export const useDrawnBoundary = (purpose: BoundaryPurpose): BlockGeometry | null =>
  useBoundaryDrawing((s) => (s.purpose === purpose ? s.geometry : null));

/**
 * 在地图上绘制: a button that lets the admin draw a licence's boundary on the map (one polygon,
 * closed with Enter or on its first corner), and says what the map holds. The drawing leaves
 * the map when the field goes (the form closed, another source chosen).
 */
export function DrawnBoundaryField({ purpose }: { purpose: BoundaryPurpose }) {
  const { t } = useTranslation();
  const start = useBoundaryDrawing((s) => s.start);
  const mine = useBoundaryDrawing((s) => s.purpose === purpose);
  const drawing = useBoundaryDrawing((s) => s.drawing) && mine;
  const geometry = useDrawnBoundary(purpose);

  useEffect(
    () => () => {
      const state = useBoundaryDrawing.getState();
      if (state.purpose === purpose) state.stop();
    },
    [purpose],
  );

  return (
    <div className="drawn-boundary">
      <button type="button" className="secondary-button" aria-pressed={drawing} onClick={() => start(purpose)}>
        {geometry ? t('Draw again') : t('Draw on the map')}
      </button>
      {drawing && <p className="admin-muted">{t('Click the map to place the corners; Enter or a click on the first corner closes the boundary.')}</p>}
      {geometry && (
        <p className="admin-muted" role="status">
          {t('Boundary drawn on the map.')}
        </p>
      )}
    </div>
  );
}
