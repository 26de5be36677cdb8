import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TermKey } from '@mpm/domain';
import { notFound } from '../../../http/errors.ts';
import { isStaffRequest } from '../../../plugins/app/auth/auth.plugin.ts';
import { publicFieldKeys } from '../../../plugins/app/layers/field-visibility.ts';

/**
 * Lets an anonymous caller through only while the county publishes the restoration parcels and
 * every one of `fields` (catalogue keys of `restoration_parcels`) that the answer reveals; else a
 * 404, as for a layer that is not public. Staff always pass.
 */
export async function requirePublished(app: FastifyInstance, request: FastifyRequest, fields: readonly TermKey[]): Promise<void> {
  if (isStaffRequest(request)) return;
  const { restoration_parcels: setting } = await app.repos.layers.settings();
  const open = publicFieldKeys('restoration_parcels', setting.hiddenFields);
  const missing = setting.isPublic ? fields.filter((field) => !open.includes(field)) : [...fields];
  if (missing.length === 0) return;
  throw notFound('notPublished', {
    zh: `县里未公开恢复治理图斑的这些信息：${missing.join('、')}。`,
    en: `The county does not publish these restoration parcel fields: ${missing.join(', ')}.`,
  });
}
