// Placeholders left in a draft are marked inside the subject and body fields themselves.
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render, typeInto } from '@/test-support/render';
import { EmailPane } from '../sidepanel/email-pane';
import { placeholderIssues } from '../lib/template-fill';
import { MarkedField } from './marked-field';

afterEach(() => document.body.replaceChildren());

function Pane({ subject, body }: { subject: string; body: string }) {
  const [f, setF] = useState({ subject, body });
  return (
    <EmailPane
      name="Jane"
      subject={f.subject}
      body={f.body}
      onChange={(p) => setF({ ...f, ...p })}
      issues={placeholderIssues(f.subject, f.body)}
      confirming={false}
      onCancelConfirm={() => undefined}
      block={null}
      busy={false}
      onSend={() => undefined}
      onSave={() => undefined}
      lastEmail={null}
      onRetry={() => undefined}
    />
  );
}

const marks = (el: HTMLElement) =>
  [...el.querySelectorAll('mark')].map((m) => [m.textContent, m.dataset.kind]);

describe('placeholders marked in the fields', () => {
  it('marks each {{…}} in the subject and in the body, under the text, and follows typing', async () => {
    const r = await render(
      <Pane subject="The {{jobTitle}} role" body={'Hi {{firstName}},\nat {{compnay}}.'} />,
    );
    expect(marks(r.get('email-subject-marks'))).toEqual([['{{jobTitle}}', 'missing']]);
    expect(marks(r.get('email-body-marks'))).toEqual([
      ['{{firstName}}', 'missing'],
      ['{{compnay}}', 'unknown'],
    ]);
    // the backdrop holds exactly the field's text, so the marks line up with the characters
    expect(r.get('email-body-marks').textContent).toBe((r.get('email-body') as HTMLTextAreaElement).value);
    expect(r.get('email-body').getAttribute('aria-invalid')).toBe('true');
    // still named below, as before
    expect(r.get('template-issues').textContent).toContain('{{compnay}}');

    await typeInto(r.get('email-body'), 'Hi Jane,\nat Initech.');
    expect(marks(r.get('email-body-marks'))).toEqual([]);
    expect(r.get('email-body').getAttribute('aria-invalid')).toBeNull();
    await r.unmount();
  });

  it('draws page or typed text as text, never HTML', async () => {
    const r = await render(
      <MarkedField value={'<img src=x onerror=alert(1)> {{x}}'} onChange={() => undefined} testId="f" />,
    );
    expect(r.container.querySelector('img')).toBeNull();
    expect(r.get('f-marks').textContent).toBe('<img src=x onerror=alert(1)> {{x}}');
    await r.unmount();
  });
});
