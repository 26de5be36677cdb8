import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { UserError, badRequest } from '../../../http/errors.ts';
import { PHOTO_MESSAGES, PHOTO_TOO_LARGE } from './photo-reasons.ts';

/** What a form may hold: its text fields, and at most one file field. */
export interface FormShape {
  fields: readonly string[];
  fileField: string;
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest text field, in bytes. */
  maxFieldBytes: number;
  /** How many files the form may carry (one when unset). */
  maxFiles?: number;
  /** The answer to a file over `maxFileBytes` (a photo's when unset). */
  fileTooLarge?: (maxBytes: number) => UserError;
}

/** A form as read: text fields by name, the first file's bytes when one was sent, and every file with its name. */
export interface FormInput {
  fields: Record<string, string>;
  file?: Buffer;
  files: { name: string; bytes: Buffer }[];
}

const unknownField = (name: string, shape: FormShape) =>
  badRequest('unknownField', {
    zh: `表单中有未知字段“${name}”；可用字段：${[...shape.fields, shape.fileField].join('、')}。`,
    en: `The form has an unknown field "${name}"; the fields are ${[...shape.fields, shape.fileField].join(', ')}.`,
  });

/** The multipart errors a user can cause, answered in both languages. */
function userError(err: unknown, shape: FormShape): UserError | undefined {
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return shape.fileTooLarge?.(shape.maxFileBytes) ?? new UserError(413, PHOTO_TOO_LARGE, PHOTO_MESSAGES.photoTooLarge(shape.maxFileBytes));
  }
  if (code === 'FST_FILES_LIMIT') {
    const most = shape.maxFiles ?? 1;
    return most > 1
      ? badRequest('tooManyFiles', { zh: `一次最多上传 ${most} 个文件。`, en: `Send at most ${most} files at a time.` })
      : badRequest('tooManyFiles', { zh: '一次只能上传一张照片。', en: 'Send one photo at a time.' });
  }
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_PROTO_VIOLATION') {
    return badRequest('tooManyFields', {
      zh: `表单字段过多或字段名无效；可用字段：${[...shape.fields, shape.fileField].join('、')}。`,
      en: `The form has too many fields or an invalid field name; the fields are ${[...shape.fields, shape.fileField].join(', ')}.`,
    });
  }
  return undefined;
}

/** The request's parts within `shape`'s limits; a request that is not multipart is a 415. */
function partsOf(request: FastifyRequest, shape: FormShape) {
  if (!request.isMultipart()) {
    throw new UserError(415, 'multipartRequired', {
      zh: '请以 multipart/form-data 表单提交。',
      en: 'Send the request as multipart/form-data.',
    });
  }
  return request.parts({
    limits: {
      fileSize: shape.maxFileBytes,
      files: shape.maxFiles ?? 1,
      fields: shape.fields.length,
      parts: shape.fields.length + (shape.maxFiles ?? 1),
      fieldSize: shape.maxFieldBytes,
    },
  });
}

/** Keeps a text field of the form, or refuses an unknown, repeated or oversized one. */
function addField(fields: Record<string, string>, part: Extract<Multipart, { type: 'field' }>, shape: FormShape) {
  if (!shape.fields.includes(part.fieldname)) throw unknownField(part.fieldname, shape);
  if (part.fieldname in fields) {
    throw badRequest('repeatedField', { zh: `字段“${part.fieldname}”重复。`, en: `The field "${part.fieldname}" is repeated.` });
  }
  if (part.valueTruncated) {
    throw badRequest('fieldTooLong', {
      zh: `字段“${part.fieldname}”超过 ${shape.maxFieldBytes} 字节。`,
      en: `The field "${part.fieldname}" is over ${shape.maxFieldBytes} bytes.`,
    });
  }
  fields[part.fieldname] = String(part.value);
}

/** What reading the form threw, as the 4xx the user can act on. */
function formError(err: unknown, shape: FormShape): UserError {
  if (err instanceof UserError) return err;
  const known = userError(err, shape);
  if (known) return known;
  return badRequest('malformedForm', {
    zh: `表单数据不完整或格式错误（${(err as Error).message}）。`,
    en: `The form data is incomplete or malformed (${(err as Error).message}).`,
  });
}

/**
 * Reads a multipart/form-data request within `shape`: unknown, repeated or oversized fields and a
 * second file are refused with a 4xx naming them; so is a request that is not multipart or is cut
 * short. A file part with no name and no bytes (a form whose file input was left empty) counts as
 * no file. The files are held in memory: for small ones (photos); see {@link saveForm}.
 */
export async function readForm(request: FastifyRequest, shape: FormShape): Promise<FormInput> {
  const form: FormInput = { fields: {}, files: [] };
  try {
    for await (const part of partsOf(request, shape)) {
      if (part.type === 'field') {
        addField(form.fields, part, shape);
        continue;
      }
      if (part.fieldname !== shape.fileField) throw unknownField(part.fieldname, shape);
      const bytes = await part.toBuffer();
      if (bytes.length > 0 || part.filename) {
        form.file ??= bytes;
        form.files.push({ name: part.filename ?? '', bytes });
      }
    }
  } catch (err) {
    throw formError(err, shape);
  }
  return form;
}

/** A file of a form, as saved on disk. */
export interface SavedFile {
  /** The name the client gave it. */
  name: string;
  path: string;
  sizeBytes: number;
}

/** A form as saved: its text fields, its files on disk, their total size and the SHA-256 of their bytes in order. */
export interface SavedForm {
  fields: Record<string, string>;
  files: SavedFile[];
  sizeBytes: number;
  sha256: string;
}

/**
 * Reads a multipart/form-data request like {@link readForm}, but streams each file into `dir`
 * (under its own base name) as it arrives, never holding one whole in memory: a file over
 * `shape.maxFileBytes`, or files over `maxTotalBytes` together, stop the upload there with
 * `shape.fileTooLarge`. The caller owns `dir` and removes it, whatever happens.
 */
export async function saveForm(request: FastifyRequest, shape: FormShape, dir: string, maxTotalBytes = shape.maxFileBytes): Promise<SavedForm> {
  const form: SavedForm = { fields: {}, files: [], sizeBytes: 0, sha256: '' };
  const hash = crypto.createHash('sha256');
  const tooLarge = () => shape.fileTooLarge?.(maxTotalBytes) ?? new UserError(413, PHOTO_TOO_LARGE, PHOTO_MESSAGES.photoTooLarge(maxTotalBytes));
  try {
    for await (const part of partsOf(request, shape)) {
      if (part.type === 'field') {
        addField(form.fields, part, shape);
        continue;
      }
      if (part.fieldname !== shape.fileField) throw unknownField(part.fieldname, shape);
      const base = path.basename((part.filename ?? '').replace(/\\/g, '/'));
      const name = base === '' || base === '.' || base === '..' ? 'upload' : base;
      const target = path.join(dir, name);
      let sizeBytes = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          sizeBytes += chunk.length;
          form.sizeBytes += chunk.length;
          if (form.sizeBytes > maxTotalBytes) return done(tooLarge());
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(part.file, counted, fs.createWriteStream(target));
      if (part.file.truncated) throw tooLarge();
      if (sizeBytes > 0 || part.filename) form.files.push({ name: part.filename ?? '', path: target, sizeBytes });
      else await fs.promises.rm(target, { force: true });
    }
  } catch (err) {
    throw formError(err, shape);
  }
  form.sha256 = hash.digest('hex');
  return form;
}
