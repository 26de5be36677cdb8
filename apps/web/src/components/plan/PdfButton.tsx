import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveFile } from '../../plan/save-file.ts';
import { toProblem, type Problem } from '../../state/resource.ts';
import { problemText } from '../ProblemNotice.tsx';

type PdfState = { status: 'idle' } | { status: 'pending' } | { status: 'problem'; problem: Problem };

interface PdfButtonProps {
  label: string;
  /** File name offered to the browser. */
  filename: string;
  /** Asks the server for the PDF (it runs the check again and prints it: a few seconds). */
  fetchPdf(): Promise<Blob>;
  disabled?: boolean;
  className?: string;
}

/** Downloads a review report (审查报告) as PDF, showing that it is being printed and why it failed. */
export function PdfButton({ label, filename, fetchPdf, disabled = false, className = 'secondary-button' }: PdfButtonProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<PdfState>({ status: 'idle' });

  async function download() {
    setState({ status: 'pending' });
    try {
      saveFile(await fetchPdf(), filename);
      setState({ status: 'idle' });
    } catch (err) {
      setState({ status: 'problem', problem: toProblem(err) });
    }
  }

  return (
    <span className="pdf-download">
      <button type="button" className={className} disabled={disabled || state.status === 'pending'} onClick={() => void download()}>
        {state.status === 'pending' ? t('Preparing the PDF…') : label}
      </button>
      {state.status === 'problem' && (
        <span className="form-error" role="alert">
          {t('Could not make the PDF report: {{message}}', { message: problemText(state.problem, t) })}
        </span>
      )}
    </span>
  );
}
