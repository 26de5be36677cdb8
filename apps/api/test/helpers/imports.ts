import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { multipartForm, type FormFile } from './photo-fixtures.ts';

/** `POST /api/imports` as the web sends it (multipart: the form's fields and files), signed in by `cookie`, in `lang`. */
export function postImport(app: FastifyInstance, fields: Record<string, string>, files: FormFile | FormFile[], cookie: string, lang = 'zh-CN') {
  const form = multipartForm(fields, files);
  return app.inject({ method: 'POST', url: '/api/imports', payload: form.payload, headers: { ...form.headers, cookie, 'accept-language': lang } });
}

/** How many previews the database keeps: a refused import adds none. */
export const countImports = async (knex: Knex) => Number((await knex('imports').count<{ n: string }[]>({ n: '*' }))[0].n);
