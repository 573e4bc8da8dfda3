// Message templates: `{{variable}}` placeholders filled from the LinkedIn page.
import { useState } from 'react';
import { deleteTemplate, saveTemplate, useTemplates } from '@/data';
import type { TemplateKind, TemplateRow } from '@/db/types';
import { TEMPLATE_VARIABLES } from '@@/shared/templates';
import { LINKEDIN_NOTE_MAX } from '@@/shared/schemas/outreach';
import { placeholderIssues } from '../lib/template-fill';
import { useDebouncedCallback } from '../hooks/use-debounced';
import { newId } from '../lib/format';
import { Field } from '../components/field';
import { EmptyState } from '../components/empty-state';

const KIND_LABEL: Record<TemplateKind, string> = {
  email: 'E-mail',
  'linkedin-message': 'LinkedIn message',
  'linkedin-note': 'Connection note',
};

export function TemplatesEditor() {
  const templates = useTemplates();
  const [openId, setOpenId] = useState<string | null>(null);
  if (!templates) return null;
  const sorted = [...templates].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  const open = sorted.find((t) => t.id === openId) ?? null;

  const add = async () => {
    const t: TemplateRow = {
      id: newId(),
      name: 'New template',
      kind: 'email',
      subject: '',
      body: 'Hi {{firstName}},\n\n',
      builtIn: false,
      updatedAt: Date.now(),
    };
    await saveTemplate(t);
    setOpenId(t.id);
  };

  return (
    <section className="card stack" data-testid="templates-editor">
      <div className="row">
        <h2>Templates</h2>
        <span className="spacer" />
        <button className="btn small" onClick={() => void add()}>
          New template
        </button>
      </div>
      <p className="small muted">
        Variables:{' '}
        {TEMPLATE_VARIABLES.map((v) => (
          <code key={v} className="mono" style={{ marginRight: 6 }}>{`{{${v}}}`}</code>
        ))}
      </p>
      {sorted.length === 0 ? (
        <EmptyState title="No templates">Create one to start drafts in a click.</EmptyState>
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: '220px 1fr', gap: 16 }}>
          <ul className="stack tight" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {sorted.map((t) => (
              <li key={t.id}>
                <button
                  className="btn ghost block"
                  style={{
                    justifyContent: 'flex-start',
                    height: 'auto',
                    padding: '6px 8px',
                    background: t.id === openId ? 'var(--bg-selected)' : undefined,
                  }}
                  onClick={() => setOpenId(t.id)}
                >
                  <span className="stack tight" style={{ gap: 0, alignItems: 'flex-start', minWidth: 0 }}>
                    <span className="truncate" style={{ maxWidth: 190 }}>
                      {t.name}
                    </span>
                    <span className="small faint">{KIND_LABEL[t.kind]}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {open ? (
            <TemplateForm key={open.id} template={open} onDeleted={() => setOpenId(null)} />
          ) : (
            <p className="small muted">Pick a template to edit it.</p>
          )}
        </div>
      )}
    </section>
  );
}

function TemplateForm({ template, onDeleted }: { template: TemplateRow; onDeleted: () => void }) {
  const [t, setT] = useState(template);
  // one synced change per typing pause, not per keystroke; flushed when the form closes
  const save = useDebouncedCallback((next: TemplateRow) => void saveTemplate(next), 400);
  const update = (patch: Partial<TemplateRow>) => {
    const next = { ...t, ...patch, updatedAt: Date.now() };
    setT(next);
    save.call(next);
  };
  const issues = placeholderIssues(t.subject, t.body).filter((i) => i.kind === 'unknown');
  return (
    <div className="stack" data-testid="template-form">
      <div className="row">
        <Field label="Name">
          <input className="input" value={t.name} onChange={(e) => update({ name: e.target.value })} />
        </Field>
        <Field label="Kind">
          <select
            className="input"
            value={t.kind}
            onChange={(e) =>
              update({
                kind: e.target.value as TemplateKind,
                subject: e.target.value === 'email' ? (t.subject ?? '') : null,
              })
            }
          >
            {(Object.keys(KIND_LABEL) as TemplateKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {t.kind === 'email' ? (
        <Field label="Subject">
          <input
            className="input"
            value={t.subject ?? ''}
            onChange={(e) => update({ subject: e.target.value })}
          />
        </Field>
      ) : null}
      <Field
        label="Text"
        hint={
          t.kind === 'linkedin-note'
            ? `Connection notes are cut off at ${LINKEDIN_NOTE_MAX} characters by LinkedIn.`
            : undefined
        }
      >
        <textarea
          className="input"
          rows={8}
          value={t.body}
          onChange={(e) => update({ body: e.target.value })}
        />
      </Field>
      {issues.length ? (
        <div className="field-error">
          Unknown {issues.length === 1 ? 'variable' : 'variables'}: {issues.map((i) => i.token).join(', ')}.
          Drafts made from this template cannot be sent until the text is fixed.
        </div>
      ) : null}
      <div>
        <button
          className="btn danger small"
          onClick={() => {
            void deleteTemplate(t.id);
            onDeleted();
          }}
        >
          Delete template
        </button>
      </div>
    </div>
  );
}
