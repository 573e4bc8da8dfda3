import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/ui/styles/theme.css';
import { DashboardApp, readHash } from '@/ui/dashboard/app';
import { readLatestAttemptsEarly } from '@/ui/dashboard/latest-attempts';

// before React renders: the first render's rows are read while React starts (docs/extension.md);
// a page opened on another section reads nothing ahead (its Overview, later, reads live)
if (readHash() === 'overview') readLatestAttemptsEarly();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DashboardApp />
  </StrictMode>,
);
