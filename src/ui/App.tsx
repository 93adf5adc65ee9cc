/** The app shell: the name, then the (only, for now) screen. */
import { RecorderScreen } from './RecorderScreen';

export function App() {
  return (
    <div className="app">
      <header className="app__header">
        <span className="app__logo" aria-hidden="true" />
        <span className="app__name">Sotaque</span>
        <span className="app__tagline">pronunciation practice, on your device</span>
      </header>
      <RecorderScreen />
      <footer className="app__footer muted small">Your voice stays on this device.</footer>
    </div>
  );
}
