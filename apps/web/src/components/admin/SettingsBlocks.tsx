import { useTranslation } from 'react-i18next';
import { MAX_MIN_BLOCK_AREA_M2 } from '@mpm/domain';
import { useSettingsData } from '../../state/admin-settings-store.ts';
import { NumberSetting } from './NumberSetting.tsx';

/** 最小地块面积: a proposed block smaller than this is refused by the check, by saving and by the live check. */
export function SettingsBlocks() {
  const { t } = useTranslation();
  const blocks = useSettingsData((s) => s.blocks);
  const loadAll = useSettingsData((s) => s.loadAll);
  const saveBlocks = useSettingsData((s) => s.saveBlocks);
  return (
    <NumberSetting
      section="blocks"
      title={t('Smallest block')}
      label={t('A block smaller than this is refused by the check and by saving, in m²')}
      name="minBlockAreaM2"
      inputMode="decimal"
      resource={blocks}
      stored={(data) => data.minBlockAreaM2}
      parse={(text) => {
        const areaM2 = Number(text);
        return text.trim() === '' || !Number.isFinite(areaM2) || areaM2 < 0 || areaM2 > MAX_MIN_BLOCK_AREA_M2
          ? { problem: t('Give an area from 0 to {{max}} m².', { max: MAX_MIN_BLOCK_AREA_M2 }) }
          : { value: areaM2 };
      }}
      save={(minBlockAreaM2, lang) => saveBlocks({ minBlockAreaM2 }, lang)}
      reload={(lang) => void loadAll(lang)}
      note={(data) =>
        t('Default: {{area}} m², the smallest patch one can draw on a 1:10 000 sheet (2 mm × 2 mm); not a legal figure.', { area: data.defaultMinBlockAreaM2 })
      }
    />
  );
}
