import { useTranslation } from 'react-i18next';
import { MAX_EXPIRING_WITHIN_DAYS } from '@mpm/contracts';
import { useSettingsData } from '../../state/admin-settings-store.ts';
import { NumberSetting } from './NumberSetting.tsx';

/** 巡查设置: how many days before its end a licence shows as expiring in the register and the site card. */
export function SettingsInspection() {
  const { t } = useTranslation();
  const inspection = useSettingsData((s) => s.inspection);
  const loadAll = useSettingsData((s) => s.loadAll);
  const saveInspection = useSettingsData((s) => s.saveInspection);
  return (
    <NumberSetting
      section="inspection"
      title={t('Expiring licences')}
      label={t('A licence is expiring within this many days of its end')}
      name="expiringWithinDays"
      inputMode="numeric"
      resource={inspection}
      stored={(data) => data.expiringWithinDays}
      parse={(text) => {
        const days = Number(text);
        return text.trim() === '' || !Number.isInteger(days) || days < 0 || days > MAX_EXPIRING_WITHIN_DAYS
          ? { problem: t('Give a whole number of days from 0 to {{max}}.', { max: MAX_EXPIRING_WITHIN_DAYS }) }
          : { value: days };
      }}
      save={(expiringWithinDays, lang) => saveInspection({ expiringWithinDays }, lang)}
      reload={(lang) => void loadAll(lang)}
    />
  );
}
