import type { FastifyRequest } from 'fastify';
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
    return badRequest('tooManyFiles', { zh: '一次只能上传一张照片。', en: 'Send one photo at a time.' });
  }
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_PROTO_VIOLATION') {
    return badRequest('tooManyFields', {
      zh: `表单字段过多或字段名无效；可用字段：${[...shape.fields, shape.fileField].join('、')}。`,
      en: `The form has too many fields or an invalid field name; the fields are ${[...shape.fields, shape.fileField].join(', ')}.`,
    });
  }
  return undefined;
}

/**
 * Reads a multipart/form-data request within `shape`: unknown, repeated or oversized fields and a
 * second file are refused with a 4xx naming them; so is a request that is not multipart or is cut
 * short. A file part with no name and no bytes (a form whose file input was left empty) counts as
 * no file.
 */
export async function readForm(request: FastifyRequest, shape: FormShape): Promise<FormInput> {
  if (!request.isMultipart()) {
    throw new UserError(415, 'multipartRequired', {
      zh: '请以 multipart/form-data 表单提交。',
      en: 'Send the request as multipart/form-data.',
    });
  }
  const form: FormInput = { fields: {}, files: [] };
  try {
    const parts = request.parts({
      limits: {
        fileSize: shape.maxFileBytes,
        files: shape.maxFiles ?? 1,
        fields: shape.fields.length,
        parts: shape.fields.length + (shape.maxFiles ?? 1),
        fieldSize: shape.maxFieldBytes,
      },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== shape.fileField) throw unknownField(part.fieldname, shape);
        const bytes = await part.toBuffer();
        if (bytes.length > 0 || part.filename) {
          form.file ??= bytes;
          form.files.push({ name: part.filename ?? '', bytes });
        }
        continue;
      }
      if (!shape.fields.includes(part.fieldname)) throw unknownField(part.fieldname, shape);
      if (part.fieldname in form.fields) {
        throw badRequest('repeatedField', { zh: `字段“${part.fieldname}”重复。`, en: `The field "${part.fieldname}" is repeated.` });
      }
      if (part.valueTruncated) {
        throw badRequest('fieldTooLong', {
          zh: `字段“${part.fieldname}”超过 ${shape.maxFieldBytes} 字节。`,
          en: `The field "${part.fieldname}" is over ${shape.maxFieldBytes} bytes.`,
        });
      }
      form.fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    const known = userError(err, shape);
    if (known) throw known;
    throw badRequest('malformedForm', {
      zh: `表单数据不完整或格式错误（${(err as Error).message}）。`,
      en: `The form data is incomplete or malformed (${(err as Error).message}).`,
    });
  }
  return form;
}
