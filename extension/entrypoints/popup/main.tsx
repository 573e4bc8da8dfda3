import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/ui/styles/theme.css';
import { PopupApp } from '@/ui/popup/app';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PopupApp />
  </StrictMode>,
);
