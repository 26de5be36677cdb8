import fs from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LedgerEntryView, LedgerParams, PhotoParams } from '@mpm/contracts';
import { badRequest, notFound } from '../../../http/errors.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import type { LedgerContext } from '../../../plugins/app/ledger/ledger-writes.ts';
import { addPhoto } from '../../../plugins/app/ledger/ledger-writes.ts';
import { readForm } from '../../../plugins/app/photos/multipart-form.ts';
import { PHOTO_EXTENSIONS } from '../../../plugins/app/photos/photo-bytes.validation.ts';
import type { PhotoStore } from '../../../plugins/app/photos/photo-store.ts';
import { checkedPhoto } from '../../../plugins/app/photos/photo-upload.ts';

const photoNotFound = (id: number) =>
  notFound('photoNotFound', { zh: `没有编号为 ${id} 的照片。`, en: `There is no photo ${id}.` });

/**
 * Ledger photos: `POST /api/ledger/:id/photos` (staff; multipart/form-data with one file field
 * `photo`, JPEG/PNG/WebP by its bytes) and `GET /api/photos/:id` (staff) serving the bytes with
 * their type and `nosniff`.
 */
const photos: FastifyPluginAsyncTypebox<{ store: PhotoStore; photoMaxBytes: number; context: () => LedgerContext }> = async (
  app,
  { store, photoMaxBytes, context },
) => {
  const staff = requireRole('inspector', 'planner', 'admin');

  app.post(
    '/api/ledger/:id/photos',
    {
      preValidation: staff,
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { params: LedgerParams, response: { 201: LedgerEntryView } },
    },
    async (request, reply) => {
      const form = await readForm(request, { fields: [], fileField: 'photo', maxFileBytes: photoMaxBytes, maxFieldBytes: 1024 });
      if (!form.file) {
        throw badRequest('photoMissing', {
          zh: '请在表单字段 photo 中附上照片。',
          en: 'Attach the photo as the form field "photo".',
        });
      }
      const photo = checkedPhoto(form.file, photoMaxBytes, { stripMetadata: false });
      const view = await addPhoto(context(), request.params.id, photo, request.user!, store, request.log);
      return reply.status(201).send(view);
    },
  );

  app.get('/api/photos/:id', { preValidation: staff, schema: { params: PhotoParams } }, async (request, reply) => {
    const { id } = request.params;
    const photo = await app.repos.ledger.photos.file(id);
    const file = photo && store.resolve(photo.path);
    const stat = file ? await fs.promises.stat(file).catch(() => undefined) : undefined;
    if (!photo || !file || !stat) {
      if (photo) request.log.error({ id, path: photo.path }, 'photo file is missing');
      throw photoNotFound(id);
    }
    return reply
      .type(photo.mimeType)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Length', stat.size)
      .header('Cache-Control', 'private, max-age=86400')
      .header('Content-Disposition', `inline; filename="photo-${id}.${PHOTO_EXTENSIONS[photo.mimeType]}"`)
      .send(fs.createReadStream(file));
  });
};
export default photos;
