import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { TipOffParams, TipOffResponse, TipOffStatusResponse } from '@mpm/contracts';
import type { LedgerContext } from '../../../plugins/app/ledger/ledger-writes.ts';
import { TIP_OFF_FIELDS, createTipOff, tipOffInput, tipOffStatus } from '../../../plugins/app/ledger/tip-offs.ts';
import { readForm } from '../../../plugins/app/photos/multipart-form.ts';
import { createPhotoStore } from '../../../plugins/app/photos/photo-store.ts';
import { checkedPhoto } from '../../../plugins/app/photos/photo-upload.ts';

/** Room for a 2 000-character description in UTF-8 (3 bytes per Chinese character), with margin. */
const MAX_FIELD_BYTES = 8 * 1024;

/**
 * Public tip-offs (举报), no account needed: `POST /api/tip-offs` (multipart/form-data: `lon`,
 * `lat`, `description`, optional `contact` and `photo`), limited to `tipOffsPerHour` per address,
 * answers a receipt code; `GET /api/tip-offs/:receiptCode` shows the status to its holder.
 */
const tipOffs: FastifyPluginAsyncTypebox<{ photosDir: string; photoMaxBytes: number; tipOffsPerHour: number }> = async (
  app,
  { photosDir, photoMaxBytes, tipOffsPerHour },
) => {
  const store = createPhotoStore(photosDir);
  await store.prepare();
  await app.register(multipart);
  const context = (): LedgerContext => ({ knex: app.knex, repos: app.repos, now: new Date() });

  app.post(
    '/api/tip-offs',
    {
      // Counted on arrival, before the form is read: a flood costs the server next to nothing.
      config: { rateLimit: { max: tipOffsPerHour, timeWindow: '1 hour' } },
      schema: { response: { 201: TipOffResponse } },
    },
    async (request, reply) => {
      const form = await readForm(request, {
        fields: TIP_OFF_FIELDS,
        fileField: 'photo',
        maxFileBytes: photoMaxBytes,
        maxFieldBytes: MAX_FIELD_BYTES,
      });
      const input = tipOffInput(form.fields);
      // Location, camera and owner metadata never reach the bureau's disk.
      const photo = form.file ? checkedPhoto(form.file, photoMaxBytes, { stripMetadata: true }) : undefined;
      return reply.status(201).send(await createTipOff(context(), input, photo, store, request.log));
    },
  );

  app.get(
    '/api/tip-offs/:receiptCode',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { params: TipOffParams, response: { 200: TipOffStatusResponse } },
    },
    async (request) => tipOffStatus(context(), request.params.receiptCode),
  );
};
export default tipOffs;
