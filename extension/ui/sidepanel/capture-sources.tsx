// Debug view: how the reader found each field of this page (capture.sources), so a user — or a
// bug report — can see which strategy produced a wrong value and which field it did not find.
import { jobSourceKey, sourceKey, type Capture } from '@@/shared/capture';
import { CORRECTABLE_FIELDS } from '@/data';
import { FIELD_LABELS } from './person-details';

const JOB_FIELDS = ['title', 'company', 'location'] as const;
const JOB_LABELS: Record<(typeof JOB_FIELDS)[number], string> = {
  title: 'Job title',
  company: 'Job company',
  location: 'Job location',
};

/** The reader's phrase for a field; null: not found (no key). */
function sourceOf(sources: Record<string, string>, key: string): string | null {
  return Object.hasOwn(sources, key) ? (sources[key] ?? null) : null;
}

interface SourceRow {
  key: string;
  label: string;
  value: string | null;
  source: string | null;
}

export function CaptureSources({ capture, personIndex }: { capture: Capture; personIndex: number }) {
  const sources = capture.sources;
  const person = capture.people[personIndex];
  const rows: SourceRow[] = [];
  if (sources) {
    if (person)
      for (const f of CORRECTABLE_FIELDS) {
        const key = sourceKey(capture, personIndex, f);
        rows.push({ key, label: FIELD_LABELS[f], value: person[f], source: sourceOf(sources, key) });
      }
    if (capture.job)
      for (const f of JOB_FIELDS)
        rows.push({
          key: jobSourceKey(f),
          label: JOB_LABELS[f],
          value: capture.job[f],
          source: sourceOf(sources, jobSourceKey(f)),
        });
  }
  return (
    <details className="capture-sources small" data-testid="capture-sources">
      <summary className="faint">How this page was read</summary>
      {!sources ? (
        <p className="faint" data-testid="sources-absent">
          This version of the page reader does not say where each field came from.
        </p>
      ) : rows.length === 0 ? (
        <p className="faint">Nothing was read on this page.</p>
      ) : (
        <table className="table sources-table">
          <thead>
            <tr>
              <th>Field</th>
              <th>Read</th>
              <th>How</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="source-row" data-field={r.key}>
                <td>{r.label}</td>
                <td className="truncate">{r.value ?? '—'}</td>
                <td className={r.source ? '' : 'faint'} data-testid="source-how">
                  {r.source ?? 'not found'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
