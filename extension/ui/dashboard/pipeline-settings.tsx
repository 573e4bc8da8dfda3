// Follow-up delay and the LinkedIn weekly cap (docs/pipeline.md); kept in this browser.
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
