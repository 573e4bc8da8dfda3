// Follow-up delay and the LinkedIn weekly cap (docs/pipeline.md); kept in this browser.
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { setSetting, useSetting } from '@/data';
import { Field } from '../components/field';

function NumberSetting({
  label,
  hint,
  value,
  min,
  max,
  onChange,
  testId,
}: {
  label: string;
  hint: string;
  value: number | undefined;
  min: number;
  max: number;
  onChange: (n: number) => void;
  testId: string;
}) {
  return (
    <Field label={label} hint={hint}>
      <input
        className="input"
        type="number"
        min={min}
        max={max}
        style={{ maxWidth: 120 }}
        value={value ?? ''}
        data-testid={testId}
        onChange={(e) => {
          const n = Math.round(Number(e.target.value));
          if (Number.isFinite(n) && n >= min && n <= max) onChange(n);
        }}
      />
    </Field>
  );
}

/**
 * The optional browser notification for follow-ups that come due. The `notifications`
 * permission is optional (wxt.config.ts): asked for here, in the click, and given back when
 * turned off.
 */
function FollowUpNotifications() {
  const on = useSetting('followUpNotifications');
  const [error, setError] = useState<string | null>(null);
  const toggle = async (wanted: boolean) => {
    setError(null);
    if (wanted) {
      const granted = await browser.permissions
        .request({ permissions: ['notifications'] })
        .catch(() => false);
      if (!granted) {
        setError('The browser did not allow notifications, so they stay off.');
        return;
      }
      await setSetting('followUpNotifications', true);
    } else {
      await setSetting('followUpNotifications', false);
      await browser.permissions.remove({ permissions: ['notifications'] }).catch(() => false);
    }
  };
  return (
    <div className="stack tight">
      <label className="row small">
        <input
          type="checkbox"
          checked={on ?? false}
          onChange={(e) => void toggle(e.target.checked)}
          data-testid="follow-up-notifications"
        />
        Notify me when a follow-up is due (a browser notification, once per message)
      </label>
      {error ? (
        <div className="small field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function PipelineSettings() {
  const days = useSetting('followUpDays');
  const cap = useSetting('linkedinWeeklyCap');
  return (
    <section className="card stack" data-testid="pipeline-settings">
      <h2>Follow-ups and LinkedIn</h2>
      <NumberSetting
        label="Remind me to follow up after (days without a reply)"
        hint="Due follow-ups show in the overview, the popup and on the toolbar icon."
        value={days}
        min={1}
        max={90}
        onChange={(n) => void setSetting('followUpDays', n)}
        testId="follow-up-days"
      />
      <FollowUpNotifications />
      <NumberSetting
        label="LinkedIn notes and messages per week"
        hint="The side panel warns as you get close: LinkedIn restricts accounts that send too many."
        value={cap}
        min={1}
        max={1000}
        onChange={(n) => void setSetting('linkedinWeeklyCap', n)}
        testId="linkedin-weekly-cap"
      />
    </section>
  );
}
