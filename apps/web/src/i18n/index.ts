import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import adminEn from './admin.en.json';
import adminZhCN from './admin.zh-CN.json';
import rulesEn from './rules.en.json';
import rulesZhCN from './rules.zh-CN.json';
import campaignsEn from './campaigns.en.json';
import campaignsZhCN from './campaigns.zh-CN.json';
import dataEn from './data.en.json';
import dataZhCN from './data.zh-CN.json';
import editEn from './edit.en.json';
import editZhCN from './edit.zh-CN.json';
import depthEn from './depth.en.json';
import depthZhCN from './depth.zh-CN.json';
import en from './en.json';
import inspectEn from './inspect.en.json';
import inspectZhCN from './inspect.zh-CN.json';
import licencesEn from './licences.en.json';
import licencesZhCN from './licences.zh-CN.json';
import mapToolsEn from './map-tools.en.json';
import mapToolsZhCN from './map-tools.zh-CN.json';
import parcelsEn from './parcels.en.json';
import parcelsZhCN from './parcels.zh-CN.json';
import proposalsEn from './proposals.en.json';
import proposalsZhCN from './proposals.zh-CN.json';
import publicEn from './public.en.json';
import publicZhCN from './public.zh-CN.json';
import setupEn from './setup.en.json';
import setupZhCN from './setup.zh-CN.json';
import sweepEn from './sweep.en.json';
import sweepZhCN from './sweep.zh-CN.json';
import zhCN from './zh-CN.json';
import { DEFAULT_LANGUAGE, type UiLanguage } from './languages.ts';

/**
 * Sets up i18next with the bundled UI strings, keyed by their English text. Domain words
 * (layers, fields, enum values) are not here: they come from the glossary through `term()`.
 */
export function initI18n(lng: UiLanguage) {
  return i18next.use(initReactI18next).init({
    // One file per mode beside the common one, merged: keys are English text, so they cannot clash.
    resources: {
      'zh-CN': { translation: { ...zhCN, ...inspectZhCN, ...publicZhCN, ...dataZhCN, ...setupZhCN, ...adminZhCN, ...rulesZhCN, ...proposalsZhCN, ...mapToolsZhCN, ...licencesZhCN, ...parcelsZhCN, ...campaignsZhCN, ...editZhCN, ...sweepZhCN, ...depthZhCN } },
      en: { translation: { ...en, ...inspectEn, ...publicEn, ...dataEn, ...setupEn, ...adminEn, ...rulesEn, ...proposalsEn, ...mapToolsEn, ...licencesEn, ...parcelsEn, ...campaignsEn, ...editEn, ...sweepEn, ...depthEn } },
    },
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    // Keys are English sentences: dots and colons in them are text, not paths.
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
}

export { i18next };
