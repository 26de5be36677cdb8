import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import './overlays.css';
import './plan.css';
import './plan-results.css';
import { App } from './App.tsx';
import { initI18n } from './i18n/index.ts';
import { useSession } from './state/session-store.ts';

void initI18n(useSession.getState().language);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
