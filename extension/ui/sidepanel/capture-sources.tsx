// Debug view: how the reader found each field of this page (capture.sources), so a user — or a
// bug report — can see which strategy produced a wrong value and which field it did not find.
import type { Capture } from '@@/shared/capture';
import { CORRECTABLE_FIELDS } from '@/data';
import { FIELD_LABELS } from './person-details';

const JOB_FIELDS = ['title', 'company', 'location'] as const;
const JOB_LABELS: Record<(typeof JOB_FIELDS)[number], string> = {
  title: 'Job title',
  company: 'Job company',
  location: 'Job location',
};

/** The keys the reader may use for person `index`'s field: the first person is also `person.…`. */
export function personSourceKeys(index: number, field: string): string[] {
  return index === 0 ? [`person.${field}`, `people[0].${field}`] : [`people[${index}].${field}`];
}

export function sourceOf(sources: Record<string, string>, keys: string[]): string | null {
  for (const k of keys) if (Object.hasOwn(sources, k)) return sources[k] ?? null;
  return null;
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
        const keys = personSourceKeys(personIndex, f);
        rows.push({
          key: keys[0]!,
          label: FIELD_LABELS[f],
          value: person[f],
          source: sourceOf(sources, keys),
        });
      }
    if (capture.job)
      for (const f of JOB_FIELDS)
        rows.push({
          key: `job.${f}`,
          label: JOB_LABELS[f],
          value: capture.job[f],
          source: sourceOf(sources, [`job.${f}`]),
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
