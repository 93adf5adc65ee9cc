/**
 * The app shell: the name, the language switch, and the screen chosen by `?screen=` (practice by
 * default; `record` is the free recording screen); `?selftest=1` opens the device self-test.
 */
import { useState } from 'react';
import { t } from '../lessons/i18n';
import { useAppStore } from '../store';
import { PracticeScreen } from './PracticeScreen';
import { RecorderScreen } from './RecorderScreen';
import { ProfileSwitcher } from './teacher/ProfileSwitcher';
import { TeacherScreen } from './teacher/TeacherScreen';
import { teacherStrings } from '../lessons/strings/teacher';
import { SharePanel } from './SharePanel';
import { shareStrings } from '../lessons/strings/share';
import { UpdatePrompt } from './UpdatePrompt';
import { teacherVoiceStrings } from '../lessons/strings/teacherVoice';
import { TeacherVoiceScreen } from './teacher/TeacherVoiceScreen';
import { SelfTestScreen } from './SelfTestScreen';

type Screen = 'practice' | 'record' | 'teacher' | 'share' | 'teacher-voice';

function initialScreen(): Screen {
  const screen = new URLSearchParams(window.location.search).get('screen');
  return screen === 'record' || screen === 'teacher' || screen === 'share' || screen === 'teacher-voice' ? screen : 'practice';
}

export function App() {
  const [screen, setScreen] = useState<Screen>(initialScreen);
  // `?selftest=1`: the device self-test instead of a tab's screen (the tabs still leave it).
  const [selfTest, setSelfTest] = useState(() => new URLSearchParams(window.location.search).get('selftest') === '1');
  const language = useAppStore((s) => s.settings.language);
  const setLanguage = useAppStore((s) => s.setLanguage);
  const engineLoading = useAppStore((s) => s.practice.engine === 'loading');
  const s = t(language);
  const go = (next: Screen) => {
    setScreen(next);
    setSelfTest(false);
    const url = new URL(window.location.href);
    url.searchParams.delete('selftest');
    if (next !== 'practice') url.searchParams.set('screen', next);
    else url.searchParams.delete('screen');
    window.history.replaceState(null, '', url);
  };
  const tabs: { id: Screen; label: string }[] = [
    { id: 'practice', label: s.navPractice },
    { id: 'record', label: s.navRecorder },
    { id: 'share', label: shareStrings(language).navShare },
    { id: 'teacher', label: teacherStrings(language).navTeacher },
    { id: 'teacher-voice', label: teacherVoiceStrings(language).navTab },
  ];
  return (
    <div className="app" lang={language}>
      <header className="app__header">
        <span className="app__logo" aria-hidden="true" />
        <span className="app__name">Sotaque</span>
        <span className="app__tagline">{s.appTagline}</span>
        <label className="language">
          <span className="visually-hidden">{s.language}</span>
          <select className="field__input field__input--compact" value={language} onChange={(e) => setLanguage(e.target.value === 'pt-BR' ? 'pt-BR' : 'en')} aria-label={s.language}>
            <option value="pt-BR" lang="pt-BR">
              Português
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
        </label>
        <ProfileSwitcher />
      </header>
      <UpdatePrompt language={language} busy={engineLoading} />
      {/* A bar at the bottom of a phone screen (at the top on a wide one), so the practice item and Record fit the first screen. */}
      <nav className="tabs" aria-label="Sotaque">
        {tabs.map((tab) => (
          <button key={tab.id} type="button" className={`tabs__tab${screen === tab.id ? ' tabs__tab--active' : ''}`} aria-current={screen === tab.id ? 'page' : undefined} onClick={() => go(tab.id)}>
            {tab.label}
          </button>
        ))}
      </nav>
      {selfTest ? <SelfTestScreen /> : screen === 'practice' ? <PracticeScreen /> : screen === 'teacher' ? <TeacherScreen /> : screen === 'share' ? <SharePanel /> : screen === 'teacher-voice' ? <TeacherVoiceScreen /> : <RecorderScreen />}
      <footer className="app__footer muted small">{s.footer}</footer>
    </div>
  );
}
