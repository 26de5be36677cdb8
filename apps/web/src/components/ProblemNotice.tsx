import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isNetworkProblem, type Problem } from '../state/resource.ts';

/**
 * What the page says about `problem` in the user's language: that the server cannot be reached,
 * or the server's own message, put in `sentence` when one is given.
 */
export function problemText(problem: Problem, t: TFunction, sentence?: (message: string) => string): string {
  if (isNetworkProblem(problem)) return t('Cannot reach the server. Check the network and try again.');
  return sentence ? sentence(problem.message) : problem.message;
}

interface ProblemNoticeProps {
  /** Nothing shows while this is null. */
  problem: Problem | null;
  /** The server's message in a sentence of the place (e.g. "Could not load the ledger: …"). */
  sentence?: (message: string) => string;
  /** Offers a retry beside the message. */
  onRetry?(): void;
}

/** A failed request, said as {@link problemText} says it, with a retry when there is one. */
export function ProblemNotice({ problem, sentence, onRetry }: ProblemNoticeProps) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p className="form-error" role="alert">
      {problemText(problem, t, sentence)}
      {onRetry && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={onRetry}>
            {t('Retry')}
          </button>
        </>
      )}
    </p>
  );
}
