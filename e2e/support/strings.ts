/** The app's own UI strings, for assertions in the learner's language. */
import { t } from '../../src/lessons/i18n';
import { progressStrings } from '../../src/lessons/strings/progress';
import { warningStrings } from '../../src/lessons/strings/practice';

export const en = { ...t('en'), warnings: warningStrings('en'), progress: progressStrings('en') };
export const ptBR = { ...t('pt-BR'), warnings: warningStrings('pt-BR'), progress: progressStrings('pt-BR') };
