import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/ui/styles/theme.css';
import { SidePanelApp } from '@/ui/sidepanel/app';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SidePanelApp />
  </StrictMode>,
);
