import { describe, expect, it } from 'vitest';
import { languageFromBrowser } from './settingsSlice';

describe('language from the browser', () => {
  it('any Portuguese gives pt-BR, anything else English', () => {
    expect(languageFromBrowser(['pt-BR', 'en'])).toBe('pt-BR');
    expect(languageFromBrowser(['en-GB', 'pt-PT'])).toBe('pt-BR');
    expect(languageFromBrowser(['en-US'])).toBe('en');
    expect(languageFromBrowser(['es'])).toBe('en');
  });
});
