import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaToday } from './data/china-time.ts';
import '../as-of.css';

/**
 * 截至日期: the day a register-backed answer (a check, the patch classes, the indicators) is asked
 * "as of". Empty is today; the server answers a past day on the licence register as it stood at
 * that day's end, and a later day as today. `name` tells the fields of different screens apart.
 */
export function AsOfField({ name, value, onChange }: { name: string; value: string; onChange(day: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <span className="as-of-field">
      <label htmlFor={id}>{t('As of')}</label>
      <input id={id} name={name} type="date" max={chinaToday()} value={value} onChange={(event) => onChange(event.target.value)} />
      {value && (
        <button type="button" className="link-button" onClick={() => onChange('')}>
          {t('Back to today')}
        </button>
      )}
    </span>
  );
}
