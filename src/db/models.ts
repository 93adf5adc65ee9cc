/**
 * Fine-tuned heads and which model is active. The base model ships in public/models; a fine-tuned
 * head is a `models` row (key `finetuned`, one at a time); the `activeModel` setting says which the
 * app uses: `base` (the default, also when the row is missing or was made from another base version)
 * or `finetuned`.
 */
import type { ModelRow, SotaqueDb } from './schema';

export const FINETUNED_MODEL_KEY = 'finetuned';
export const ACTIVE_MODEL_SETTING = 'activeModel';
export type ActiveModel = 'base' | 'finetuned';

/** Stores a fine-tuned head (replacing the previous one); `activate` also makes it the active model. */
export async function saveFineTunedHead(db: SotaqueDb, row: Omit<ModelRow, 'key'>, activate: boolean): Promise<void> {
  await db.transaction('rw', db.models, db.settings, async () => {
    await db.models.put({ ...row, key: FINETUNED_MODEL_KEY });
    if (activate) await db.settings.put({ key: ACTIVE_MODEL_SETTING, value: 'finetuned' });
  });
}

/** The stored fine-tuned head, if any. */
export async function fineTunedHead(db: SotaqueDb): Promise<ModelRow | null> {
  return (await db.models.get(FINETUNED_MODEL_KEY)) ?? null;
}

export async function activeModel(db: SotaqueDb): Promise<ActiveModel> {
  const row = await db.settings.get(ACTIVE_MODEL_SETTING);
  return row?.value === 'finetuned' ? 'finetuned' : 'base';
}

export async function setActiveModel(db: SotaqueDb, model: ActiveModel): Promise<void> {
  await db.settings.put({ key: ACTIVE_MODEL_SETTING, value: model });
}

/** The head to use on top of base model `baseVersion`: the fine-tuned one when it is active and was made from that base; else null (the base). */
export async function activeHead(db: SotaqueDb, baseVersion: string): Promise<ModelRow | null> {
  if ((await activeModel(db)) !== 'finetuned') return null;
  const row = await fineTunedHead(db);
  return row && row.baseVersion === baseVersion ? row : null;
}
