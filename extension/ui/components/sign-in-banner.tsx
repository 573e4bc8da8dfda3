import { openDashboard } from '../lib/navigation';

/** Shown wherever sending needs an account and there is none yet. */
export function SignInBanner() {
  return (
    <div className="banner info" data-testid="sign-in-banner">
      <div className="stack tight" style={{ gap: 4 }}>
        <b>Sign in to send and keep your history</b>
        <span>
          Drafts are saved on this computer either way. Sign in or create an account in the dashboard
          settings.
        </span>
        <div>
          <button className="btn small" onClick={() => void openDashboard('settings')}>
            Open settings
          </button>
        </div>
      </div>
    </div>
  );
}
