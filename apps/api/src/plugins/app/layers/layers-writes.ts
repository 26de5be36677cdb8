import type { Knex } from 'knex';
import type { LayerSettingsBody } from '@mpm/contracts';
import { term, type CollectionId } from '@mpm/domain';
import { auditedWrite } from '../audit/audited-write.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { expectedSetting, withoutBase } from '../settings/setting-version.ts';
import type { LayerSetting, StoredLayerSetting } from './layers-repository.ts';

/** What a layer write needs from the app. */
export interface LayersContext {
  knex: Knex;
  repos: Pick<Repositories, 'layers' | 'audit'>;
}

/** The setting as the audit log keeps it: without its version (the entry's detail names that). */
const audited = ({ isPublic, hiddenFields }: StoredLayerSetting): LayerSetting => ({ isPublic, hiddenFields });

/**
 * `PUT /api/layers/:id`: whether the public sees the layer, and which of its fields it does not.
 * A `baseVersion` that is no longer the setting's version is a 409 naming who saved it and when.
 */
export function saveLayerSetting(context: LayersContext, id: CollectionId, body: LayerSettingsBody, userId: number): Promise<StoredLayerSetting> {
  const { layers } = context.repos;
  const { base, change } = withoutBase(body);
  const current = async (trx: Knex) => (await layers.settings(trx))[id];
  return auditedWrite(context, {
    by: userId,
    action: 'update',
    entity: 'layer_settings',
    entityId: id,
    read: async (trx) => {
      await layers.lockSetting(id, trx);
      return current(trx);
    },
    expected: expectedSetting(base, (setting: StoredLayerSetting) => setting.saved, {
      zh: `图层“${term(id, 'zh')}”的发布设置`,
      en: `The publication of layer "${term(id, 'en')}"`,
    }),
    write: async (trx) => {
      await layers.saveSetting(id, change, userId, trx);
      return current(trx);
    },
    before: audited,
    after: audited,
    detail: (result, before) => ({ ...body, fromVersion: before.saved.version, version: result.saved.version }),
  });
}
