// first: its top level starts reading the first screen's rows before the imports below evaluate
import { firstRead } from './start-first-read';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/ui/styles/theme.css';
import { DashboardApp } from '@/ui/dashboard/app';

// React's first render waits for the first screen's rows (docs/extension.md, "First render"): a
// render of the page shell first would put React's work, on the one main thread, in front of the
// read's answers, and render the page twice before the rows show. A read held up (another tab
// upgrading the database) shows the page without them after FIRST_READ_WAIT_MS, as before.
const FIRST_READ_WAIT_MS = 300;

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <DashboardApp />
    </StrictMode>,
  );
}

if (firstRead)
  void Promise.race([firstRead, new Promise((ok) => setTimeout(ok, FIRST_READ_WAIT_MS))]).then(render);
else render();
