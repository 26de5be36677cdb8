import type { Knex } from 'knex';
import type { PhotoMimeType } from './photo-bytes.validation.ts';

/** A photo as written: the checked bytes' facts and where the file is. */
export interface NewPhoto {
  sha256: string;
  mimeType: PhotoMimeType;
  width: number;
  height: number;
  sizeBytes: number;
  /** Relative to the photo directory. */
  path: string;
  ledgerEntryId: number | null;
  /** Null for a public tip-off. */
  uploadedBy: number | null;
}

/** A photo as listed with its entry; `uploadedBy` is a display name, or `public`. */
export interface PhotoRow {
  id: number;
  mimeType: PhotoMimeType;
  width: number;
  height: number;
  sizeBytes: number;
  uploadedBy: string;
  uploadedAt: Date;
}

/** The photos table: the only SQL about photos. */
export function createPhotosRepository(knex: Knex) {
  const listed = (db: Knex) =>
    db({ p: 'photos' })
      .leftJoin({ u: 'users' }, 'u.id', 'p.uploaded_by')
      .select(
        'p.id',
        'p.mime_type AS mimeType',
        'p.width',
        'p.height',
        'p.size_bytes AS sizeBytes',
        db.raw(`coalesce(u.display_name, 'public') AS "uploadedBy"`),
        'p.created_at AS uploadedAt',
      );

  return {
    /** Adds a photo row; returns its id. */
    async insert(photo: NewPhoto, trx: Knex): Promise<number> {
      const [row] = await trx('photos')
        .insert({
          sha256: photo.sha256,
          mime_type: photo.mimeType,
          width: photo.width,
          height: photo.height,
          size_bytes: photo.sizeBytes,
          path: photo.path,
          ledger_entry_id: photo.ledgerEntryId,
          uploaded_by: photo.uploadedBy,
        })
        .returning('id');
      return Number((row as { id: number }).id);
    },

    /** Where a photo's file is and what type it is, or undefined. */
    async file(id: number): Promise<{ path: string; mimeType: PhotoMimeType; sizeBytes: number } | undefined> {
      return knex('photos').where({ id }).first('path', 'mime_type AS mimeType', 'size_bytes AS sizeBytes');
    },

    /** The photos of a ledger entry, oldest first. */
    async forEntry(entryId: number, db: Knex = knex): Promise<PhotoRow[]> {
      return listed(db).where('p.ledger_entry_id', entryId).orderBy('p.id');
    },
  };
}

export type PhotosRepository = ReturnType<typeof createPhotosRepository>;
