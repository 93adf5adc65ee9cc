/** Typed errors of sharing (export/import of a class archive); the UI words them by `code`. */
import { CodedError } from '../dsp/codedError';

export type ShareErrorCode =
  /** The file is not a zip archive at all (a photo, a PDF, a text file…). */
  | 'NOT_AN_ARCHIVE'
  /** The file starts like a zip archive but ends early: it was cut off while being sent or saved. */
  | 'TRUNCATED'
  /** A zip archive, but not one Sotaque made (no manifest, or another format id). */
  | 'FOREIGN_ARCHIVE'
  /** A Sotaque archive written by a newer version of the app (a newer format version). */
  | 'NEWER_VERSION'
  /** Over a size limit: the archive, an entry, the entry count or the unpacked total. */
  | 'TOO_LARGE'
  /** An entry is damaged or missing: bad zip structure, checksum, size or SHA-256 mismatch. */
  | 'CORRUPT_ENTRY'
  /** An audio file is not a WAV file the app can read. */
  | 'AUDIO_UNREADABLE'
  /** The manifest or the data do not follow the format (schema, lengths, references between rows). */
  | 'INVALID_DATA'
  /** Everything was valid but the device refused to store it (e.g. storage full); nothing was written. */
  | 'WRITE_FAILED';

/** Every code, for exhaustive tables (e.g. the UI's messages). */
export const SHARE_ERROR_CODES: readonly ShareErrorCode[] = [
  'NOT_AN_ARCHIVE',
  'TRUNCATED',
  'FOREIGN_ARCHIVE',
  'NEWER_VERSION',
  'TOO_LARGE',
  'CORRUPT_ENTRY',
  'AUDIO_UNREADABLE',
  'INVALID_DATA',
  'WRITE_FAILED',
];

/** A refused import or a failed export: what was expected, what was found, and (in `details`) the numbers. */
export class ShareError extends CodedError<ShareErrorCode> {
  override readonly name = 'ShareError';
}
