/**
 * The two selects that choose what to work on: the lesson, then one of its items (a pair shows as
 * "three / tree"). Used by the practice screen and by the teacher's recordings, both of which keep
 * the choice in the store (`selectItem`).
 */
import { lessonPacks } from '../lessons/packs';
import type { TipLanguage } from '../lessons/tips';

export interface LessonSelectsProps {
  readonly language: TipLanguage;
  readonly packId: string;
  readonly itemId: string;
  readonly disabled: boolean;
  readonly labels: { readonly lesson: string; readonly item: string };
  readonly onSelect: (packId: string, itemId: string) => void;
  /** `data-testid` of the item select, where a test needs it. */
  readonly itemTestId?: string;
}

export function LessonSelects({ language, packId, itemId, disabled, labels, onSelect, itemTestId }: LessonSelectsProps) {
  const packs = lessonPacks();
  const pack = packs.find((p) => p.id === packId) ?? packs[0];
  return (
    <>
      <label className="field">
        <span className="field__label">{labels.lesson}</span>
        <select className="field__input" value={pack.id} disabled={disabled} onChange={(e) => onSelect(e.target.value, packs.find((p) => p.id === e.target.value)!.items[0].id)}>
          {packs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title[language]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{labels.item}</span>
        <select className="field__input" value={itemId} disabled={disabled} onChange={(e) => onSelect(pack.id, e.target.value)} data-testid={itemTestId}>
          {pack.items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.kind === 'pair' ? `${i.text} / ${i.partner}` : i.text}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
