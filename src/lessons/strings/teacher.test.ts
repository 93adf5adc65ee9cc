import { describe, expect, it } from 'vitest';
import { TEACHER_STRINGS, teacherProblemText, teacherStrings } from './teacher';

describe('teacher strings', () => {
  it('has every key in both languages, none empty', () => {
    const en = Object.keys(TEACHER_STRINGS.en).sort();
    expect(Object.keys(TEACHER_STRINGS['pt-BR']).sort()).toEqual(en);
    for (const key of en) {
      expect(TEACHER_STRINGS.en[key as keyof typeof TEACHER_STRINGS.en].trim().length).toBeGreaterThan(0);
      expect(TEACHER_STRINGS['pt-BR'][key as keyof typeof TEACHER_STRINGS.en].trim().length).toBeGreaterThan(0);
    }
  });

  it('translates the codes of profile, PIN and review problems, and falls back to the message', () => {
    for (const code of ['NAME_EMPTY', 'NAME_TOO_LONG', 'NAME_TAKEN', 'PROFILE_NOT_FOUND', 'PIN_FORMAT', 'PIN_WRONG', 'PIN_LOCKED', 'ATTEMPT_NOT_FOUND', 'NOT_ASSESSED', 'OVERRIDE_INVALID', 'NOTE_TOO_LONG', 'DB_FAILED']) {
      expect(teacherProblemText({ code, message: 'x' }, teacherStrings('pt-BR'))).not.toBe('x');
    }
    expect(teacherProblemText({ code: 'PIN_WRONG', message: 'x' }, teacherStrings('pt-BR'))).toBe('PIN errado. Tente de novo.');
    expect(teacherProblemText({ code: 'SOMETHING_ELSE', message: 'the reason' }, teacherStrings('en'))).toBe('the reason');
  });
});
