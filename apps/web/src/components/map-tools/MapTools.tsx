import { useTranslation } from 'react-i18next';
import type { MeasureKind } from '../../measure/measure-figures.ts';
import { inspectTakesClicks, useInspectSession } from '../../state/inspect-session.ts';
import { useMeasureSession } from '../../state/measure-session.ts';
import { usePlan } from '../../state/plan-store.ts';
import { usePrintSession } from '../../state/print-session.ts';
import { usePublicSession } from '../../state/public-session.ts';
import { MeasureCard } from './MeasureCard.tsx';
import { PrintDialog } from './PrintDialog.tsx';
import '../../map-tools.css';

/** The tools that take the map's clicks elsewhere step aside for measuring: block drawing, site picking, tip-off marking. */
function takeMapClicks(): void {
  const plan = usePlan.getState();
  if (plan.tool !== 'pan') plan.setTool('pan');
  const inspect = useInspectSession.getState();
  if (inspectTakesClicks(inspect)) inspect.setTool('pan');
  const tipOff = usePublicSession.getState();
  if (tipOff.picking) tipOff.setPicking(false);
}

/** The map's own tools, in every mode: measuring a distance or an area (量算), and printing the map (打印). */
export function MapTools() {
  const { t } = useTranslation();
  const kind = useMeasureSession((s) => s.kind);
  const printing = usePrintSession((s) => s.open);
  const setPrinting = usePrintSession((s) => s.setOpen);
  const toggle = (wanted: MeasureKind) => {
    const session = useMeasureSession.getState();
    if (kind === wanted) return session.stop();
    takeMapClicks();
    session.start(wanted);
  };
  return (
    <>
      <div className="map-tools" role="toolbar" aria-label={t('Map tools')}>
        <button type="button" aria-pressed={kind === 'distance'} onClick={() => toggle('distance')} title={t('Measure distance')}>
          {t('Measure: distance')}
        </button>
        <button type="button" aria-pressed={kind === 'area'} onClick={() => toggle('area')} title={t('Measure area')}>
          {t('Measure: area')}
        </button>
        <button type="button" aria-haspopup="dialog" onClick={() => setPrinting(true)} title={t('Print the map')}>
          {t('Print')}
        </button>
      </div>
      <MeasureCard />
      {printing && <PrintDialog />}
    </>
  );
}
