import type { Knex } from 'knex';
import type { LayerSettingsBody } from '@mpm/contracts';
import type { CollectionId } from '@mpm/domain';
import { auditedWrite } from '../audit/audited-write.ts';
import type { Repositories } from '../repositories.plugin.ts';
import type { LayerSetting } from './layers-repository.ts';

/** What a layer write needs from the app. */
export interface LayersContext {
  knex: Knex;
  repos: Pick<Repositories, 'layers' | 'audit'>;
}

/** `PUT /api/layers/:id`: whether the public sees the layer, and which of its fields it does not. */
export function saveLayerSetting(context: LayersContext, id: CollectionId, body: LayerSettingsBody, userId: number): Promise<LayerSetting> {
  const { layers } = context.repos;
  const current = async (trx: Knex) => (await layers.settings(trx))[id];
  return auditedWrite(context, {
    by: userId,
    action: 'update',
    entity: 'layer_settings',
    entityId: id,
    read: current,
    write: async (trx) => {
      await layers.saveSetting(id, body, trx);
      return current(trx);
    },
    detail: () => ({ ...body }),
  });
}
