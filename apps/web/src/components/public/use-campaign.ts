import { useEffect, useState } from 'react';
import type { RestorationCampaignResponse } from '@mpm/contracts';
import { publicApi } from '../../api/public.ts';
import type { UiLanguage } from '../../i18n/languages.ts';
import { toProblem, type Problem } from '../../state/resource.ts';

/**
 * `GET /api/restoration/campaign` for the day shown, asked again when the day or the language
 * changes (or `retry` is called); an answer for an earlier day that arrives late is dropped.
 */
export function useCampaign(asOf: string, language: UiLanguage, enabled = true) {
  const [data, setData] = useState<RestorationCampaignResponse | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setProblem(null);
    publicApi.campaign(asOf, language).then(
      (answer) => current && setData(answer),
      (err: unknown) => current && setProblem(toProblem(err)),
    );
    return () => {
      current = false;
    };
  }, [asOf, language, enabled, attempt]);
  return { data, problem, retry: () => setAttempt((n) => n + 1) };
}
