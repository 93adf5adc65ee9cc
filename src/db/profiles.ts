/**
 * Learner profiles on one device (a class sharing a phone) and the optional teacher PIN.
 *
 * - Profiles are `learners` rows; the active one is the `activeLearnerId` setting. Switching needs no
 *   password. Removing a profile removes its sessions, attempts, their audio and features, and the
 *   teacher's reviews of them, in one transaction.
 * - The teacher PIN (4–12 digits) guards teacher mode. Only a salted PBKDF2-SHA-256 hash is stored
 *   (`teacherPin` setting), computed with WebCrypto; the PIN itself is never written anywhere.
 */
import { CodedError } from '../dsp/codedError';
import { ensureLearner } from './attempts';
import { newUid, type LearnerRow, type SotaqueDb } from './schema';

export const ACTIVE_LEARNER_KEY = 'activeLearnerId';
export const TEACHER_PIN_KEY = 'teacherPin';
/** Wrong-PIN bookkeeping: `{ failures, lockedUntil }` (ms since the epoch). */
export const PIN_FAILURES_KEY = 'teacherPinFailures';
/** Wrong PINs allowed before each further try must wait. */
export const FREE_PIN_TRIES = 3;
/** Longest wait between tries after many wrong PINs, in ms. */
export const MAX_PIN_WAIT_MS = 5 * 60 * 1000;
/** Longest profile name, in characters. */
export const MAX_PROFILE_NAME = 40;
/** PBKDF2 iterations for new PIN hashes (stored with each hash, so it can change later). */
export const PIN_ITERATIONS = 210_000;

export type ProfileErrorCode = 'NAME_EMPTY' | 'NAME_TOO_LONG' | 'NAME_TAKEN' | 'PROFILE_NOT_FOUND' | 'PIN_FORMAT' | 'PIN_WRONG' | 'PIN_LOCKED';

/** A profile or PIN problem with a code the UI translates; the message says what was expected and found. */
export class ProfileError extends CodedError<ProfileErrorCode> {
  override readonly name = 'ProfileError';

  constructor(
    code: ProfileErrorCode,
    message: string,
    /** For `PIN_LOCKED`, and `PIN_WRONG` when that wrong PIN starts a wait: seconds until the next try. */
    readonly waitSeconds?: number,
  ) {
    super(code, message, waitSeconds === undefined ? {} : { waitSeconds });
  }
}

export type Profile = LearnerRow & { readonly id: number };

/** The stored form of the PIN: salted PBKDF2-SHA-256, base64. */
export interface PinHash {
  readonly algorithm: 'PBKDF2-SHA-256';
  readonly iterations: number;
  readonly salt: string;
  readonly hash: string;
}

function cleanName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) throw new ProfileError('NAME_EMPTY', 'A profile needs a name: type the learner’s name.');
  if (clean.length > MAX_PROFILE_NAME) throw new ProfileError('NAME_TOO_LONG', `A profile name has at most ${MAX_PROFILE_NAME} characters; this one has ${clean.length}.`);
  return clean;
}

async function assertNameFree(db: SotaqueDb, name: string, except?: number): Promise<void> {
  const lower = name.toLocaleLowerCase();
  const clash = (await db.learners.toArray()).find((l) => l.id !== except && l.name.toLocaleLowerCase() === lower);
  if (clash) throw new ProfileError('NAME_TAKEN', `There is already a learner called “${clash.name}”: choose another name.`);
}

/** Every profile, in the order they were created. */
export async function listProfiles(db: SotaqueDb): Promise<Profile[]> {
  return (await db.learners.orderBy('id').toArray()) as Profile[];
}

/** Creates a profile (the name trimmed, unique ignoring case); returns its id. */
export async function createProfile(db: SotaqueDb, name: string, language: LearnerRow['language']): Promise<number> {
  const clean = cleanName(name);
  return db.transaction('rw', db.learners, async () => {
    await assertNameFree(db, clean);
    return (await db.learners.add({ uid: newUid(), name: clean, language, createdAt: Date.now() })) as number;
  });
}

export async function renameProfile(db: SotaqueDb, id: number, name: string): Promise<void> {
  const clean = cleanName(name);
  await db.transaction('rw', db.learners, async () => {
    if (!(await db.learners.get(id))) throw new ProfileError('PROFILE_NOT_FOUND', `No learner with id ${id} on this device.`);
    await assertNameFree(db, clean, id);
    await db.learners.update(id, { name: clean });
  });
}

/** How much removing a profile deletes (for the confirmation). */
export async function profileAttemptCount(db: SotaqueDb, id: number): Promise<number> {
  return db.attempts.where('learnerId').equals(id).count();
}

/**
 * Removes a profile with its sessions, attempts, audio, features and reviews. When it was the
 * active one, the first remaining profile becomes active (none: the setting is cleared).
 */
export async function removeProfile(db: SotaqueDb, id: number): Promise<void> {
  await db.transaction('rw', [db.learners, db.attempts, db.attemptAudio, db.attemptFeatures, db.reviews, db.sessions, db.settings], async () => {
    if (!(await db.learners.get(id))) throw new ProfileError('PROFILE_NOT_FOUND', `No learner with id ${id} on this device.`);
    const attemptIds = (await db.attempts.where('learnerId').equals(id).primaryKeys()) as number[];
    await db.attemptAudio.bulkDelete(attemptIds);
    await db.attemptFeatures.bulkDelete(attemptIds);
    await db.reviews.bulkDelete(attemptIds);
    await db.attempts.bulkDelete(attemptIds);
    await db.sessions.where('learnerId').equals(id).delete();
    await db.learners.delete(id);
    const active = await db.settings.get(ACTIVE_LEARNER_KEY);
    if (active?.value === id) {
      const next = await db.learners.orderBy('id').first();
      if (next?.id !== undefined) await db.settings.put({ key: ACTIVE_LEARNER_KEY, value: next.id });
      else await db.settings.delete(ACTIVE_LEARNER_KEY);
    }
  });
}

/** Makes `id` the active profile (no password). */
export async function setActiveLearner(db: SotaqueDb, id: number): Promise<void> {
  await db.transaction('rw', db.learners, db.settings, async () => {
    if (!(await db.learners.get(id))) throw new ProfileError('PROFILE_NOT_FOUND', `No learner with id ${id} on this device.`);
    await db.settings.put({ key: ACTIVE_LEARNER_KEY, value: id });
  });
}

/**
 * The active profile's id: the setting when it names an existing profile, else the first profile
 * (created on a first run by `ensureLearner`), which then becomes the active one.
 */
/**
 * The active profile without creating one: the saved choice while it exists, else the first profile,
 * else null (a device nobody has practised on yet — opening Share or Teacher creates no profile).
 */
export async function currentLearner(db: SotaqueDb): Promise<number | null> {
  const saved = (await db.settings.get(ACTIVE_LEARNER_KEY))?.value;
  if (typeof saved === 'number' && (await db.learners.get(saved))) return saved;
  return (await db.learners.orderBy('id').first())?.id ?? null;
}

export async function activeLearner(db: SotaqueDb, language: LearnerRow['language']): Promise<number> {
  return db.transaction('rw', db.learners, db.settings, async () => {
    const saved = (await db.settings.get(ACTIVE_LEARNER_KEY))?.value;
    if (typeof saved === 'number' && (await db.learners.get(saved))) return saved;
    const id = await ensureLearner(db, language);
    await db.settings.put({ key: ACTIVE_LEARNER_KEY, value: id });
    return id;
  });
}

// --- Teacher PIN -----------------------------------------------------------------------------

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function checkPinFormat(pin: string): void {
  if (!/^\d{4,12}$/.test(pin)) throw new ProfileError('PIN_FORMAT', `A teacher PIN is 4 to 12 digits; got ${pin.length} character(s)${/\D/.test(pin) ? ', not all digits' : ''}.`);
}

async function pbkdf2(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

/** A fresh salted hash of `pin` (the form stored in settings). */
export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  checkPinFormat(pin);
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), hash: toBase64(await pbkdf2(pin, salt, iterations)) };
}

function isPinHash(value: unknown): value is PinHash {
  const v = value as PinHash | null;
  return typeof v === 'object' && v !== null && v.algorithm === 'PBKDF2-SHA-256' && typeof v.iterations === 'number' && typeof v.salt === 'string' && typeof v.hash === 'string';
}

/** Whether `pin` matches `stored` (compared in constant time over the hash bytes). */
export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const expected = fromBase64(stored.hash);
  const actual = await pbkdf2(pin, fromBase64(stored.salt), stored.iterations);
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) diff |= expected[i] ^ actual[i];
  return diff === 0;
}

export async function hasTeacherPin(db: SotaqueDb): Promise<boolean> {
  return isPinHash((await db.settings.get(TEACHER_PIN_KEY))?.value);
}

/** Sets or changes the PIN (4–12 digits); only its salted hash is stored. */
export async function setTeacherPin(db: SotaqueDb, pin: string, iterations = PIN_ITERATIONS): Promise<void> {
  const value = await hashPin(pin, iterations);
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: TEACHER_PIN_KEY, value });
    await db.settings.delete(PIN_FAILURES_KEY);
  });
}

export async function clearTeacherPin(db: SotaqueDb): Promise<void> {
  await db.settings.bulkDelete([TEACHER_PIN_KEY, PIN_FAILURES_KEY]);
}

/** Wait after the `failures`-th wrong PIN: none for the first FREE_PIN_TRIES, then 5 s doubling, at most MAX_PIN_WAIT_MS. */
export function pinWaitMs(failures: number): number {
  return failures < FREE_PIN_TRIES ? 0 : Math.min(MAX_PIN_WAIT_MS, 5000 * 2 ** (failures - FREE_PIN_TRIES));
}

interface PinFailures {
  failures: number;
  lockedUntil: number;
}

/**
 * Resolves when `pin` is right (or no PIN is set); a wrong PIN is `PIN_WRONG`. After FREE_PIN_TRIES
 * wrong PINs in a row each try must wait (`PIN_LOCKED`, with the seconds left), so a 4-digit PIN
 * cannot be guessed by trying them all; the count survives a reload and a right PIN resets it.
 */
export async function verifyTeacherPin(db: SotaqueDb, pin: string, now = Date.now()): Promise<void> {
  const stored = (await db.settings.get(TEACHER_PIN_KEY))?.value;
  if (!isPinHash(stored)) return;
  const record = (await db.settings.get(PIN_FAILURES_KEY))?.value as PinFailures | undefined;
  const failures = typeof record?.failures === 'number' ? record.failures : 0;
  const lockedUntil = typeof record?.lockedUntil === 'number' ? record.lockedUntil : 0;
  if (now < lockedUntil) {
    const wait = Math.ceil((lockedUntil - now) / 1000);
    throw new ProfileError('PIN_LOCKED', `Too many wrong PINs: wait ${wait} s before trying again.`, wait);
  }
  if (await pinMatches(pin, stored)) {
    if (record) await db.settings.delete(PIN_FAILURES_KEY);
    return;
  }
  const waitMs = pinWaitMs(failures + 1);
  const next: PinFailures = { failures: failures + 1, lockedUntil: now + waitMs };
  await db.settings.put({ key: PIN_FAILURES_KEY, value: next });
  if (waitMs > 0) throw new ProfileError('PIN_WRONG', `That PIN is not the teacher PIN. Wait ${Math.ceil(waitMs / 1000)} s before the next try.`, Math.ceil(waitMs / 1000));
  throw new ProfileError('PIN_WRONG', 'That PIN is not the teacher PIN. Try again.');
}
