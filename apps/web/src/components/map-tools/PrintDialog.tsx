import { useEffect, useId, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { MAP_TITLE_MAX_LENGTH, type MapPrintFormat, type PaperOrientation, type PaperSize } from '@mpm/contracts';
import { useServerData } from '../../state/server-store.ts';
import { MAP_NOT_DRAWN, usePrintSession } from '../../state/print-session.ts';
import { problemText } from '../ProblemNotice.tsx';

/**
 * Printing the map (打印/导出地图): the current view on A4 or A3, portrait or landscape, as a PDF
 * or a PNG, under a title the user may change; the page adds the legend of the visible layers,
 * scale bar, north arrow, coordinate system, producing unit and date.
 */
export function PrintDialog() {
  const { t } = useTranslation();
  const titleId = useId();
  const { options, status, problem, setOpen, setOptions, print } = usePrintSession();
  const county = useServerData((s) => s.config?.county?.name ?? null);
  const defaultTitle = county ? t('{{county}} mineral resource plan map', { county }) : t('Mineral resource plan map');
  const [title, setTitle] = useState(options.title || defaultTitle);
  const busy = status === 'drawing' || status === 'printing';
  const close = () => setOpen(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);

  function submit(event: FormEvent) {
    event.preventDefault();
    print(title.trim() || defaultTitle);
  }

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <form className="dialog print-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit}>
        <h2 id={titleId}>{t('Print the map')}</h2>
        <label>
          {t('Title')}
          <input value={title} maxLength={MAP_TITLE_MAX_LENGTH} required onChange={(event) => setTitle(event.target.value)} />
        </label>
        <div className="print-choices">
          <label>
            {t('Paper')}
            <select value={options.paper} onChange={(event) => setOptions({ paper: event.target.value as PaperSize })}>
              <option value="A4">A4</option>
              <option value="A3">A3</option>
            </select>
          </label>
          <label>
            {t('Orientation')}
            <select value={options.orientation} onChange={(event) => setOptions({ orientation: event.target.value as PaperOrientation })}>
              <option value="landscape">{t('Landscape')}</option>
              <option value="portrait">{t('Portrait')}</option>
            </select>
          </label>
          <label>
            {t('File type')}
            <select value={options.format} onChange={(event) => setOptions({ format: event.target.value as MapPrintFormat })}>
              <option value="pdf">PDF</option>
              <option value="png">{t('PNG picture')}</option>
            </select>
          </label>
        </div>
        <p className="print-note">{t('The current view, with the legend of the visible layers, a scale bar, a north arrow, the coordinate system (CGCS2000), the producing unit and the date.')}</p>
        {busy && (
          <p className="print-status" role="status">
            {status === 'drawing' ? t('Drawing the map…') : t('Composing the page…')}
          </p>
        )}
        {status === 'done' && (
          <p className="print-status" role="status">
            {t('The map has been exported.')}
          </p>
        )}
        {problem && (
          <p className="form-error" role="alert">
            {problem.code === MAP_NOT_DRAWN ? t('The map could not be drawn for printing. Wait until it has loaded and try again.') : problemText(problem, t)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary-button" onClick={close}>
            {t('Close')}
          </button>
          <button type="submit" className="primary-button" disabled={busy}>
            {busy ? t('Exporting…') : t('Export the page')}
          </button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
