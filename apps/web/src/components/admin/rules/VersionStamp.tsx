import { useTranslation } from 'react-i18next';
import type { RulesetVersionStamp } from '@mpm/contracts';
import { useSession } from '../../../state/session-store.ts';
import { chinaTime } from '../../data/china-time.ts';

/** 第 N 版, who saved it and when (the system for the file recorded at the first start), and why. */
export function VersionStamp({ stamp }: { stamp: RulesetVersionStamp }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const who = stamp.savedBy ?? t('the system');
  const when = stamp.savedAt ? chinaTime(stamp.savedAt, language) : t('never saved here');
  return (
    <>
      {t('Version {{version}}, saved by {{who}} at {{when}}', { version: stamp.version, who, when })}
      {stamp.note && <span className="rules-note">{t('Note: {{note}}', { note: stamp.note })}</span>}
    </>
  );
}
