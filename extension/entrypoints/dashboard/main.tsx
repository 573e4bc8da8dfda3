import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/ui/styles/theme.css';
import { DashboardApp } from '@/ui/dashboard/app';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DashboardApp />
  </StrictMode>,
);
