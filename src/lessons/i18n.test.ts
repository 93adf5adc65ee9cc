import { describe, expect, it } from 'vitest';
import { t, UI_STRINGS } from './i18n';

describe('UI strings', () => {
  it('has every key in both languages, none empty, and they differ', () => {
    const en = Object.keys(UI_STRINGS.en).sort();
    expect(Object.keys(UI_STRINGS['pt-BR']).sort()).toEqual(en);
    for (const key of en) {
      expect(UI_STRINGS.en[key as keyof typeof UI_STRINGS.en].length).toBeGreaterThan(0);
      expect(UI_STRINGS['pt-BR'][key as keyof typeof UI_STRINGS.en].length).toBeGreaterThan(0);
    }
    expect(t('pt-BR').record).toBe('Gravar');
    expect(t('en').record).toBe('Record');
  });
});
