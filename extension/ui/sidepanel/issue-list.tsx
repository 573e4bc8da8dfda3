// Template placeholders the user still has to fill in or remove, listed under the text.
import type { PlaceholderIssue } from '../lib/template-fill';

export function IssueList({ issues }: { issues: PlaceholderIssue[] }) {
  if (!issues.length) return null;
  return (
    <ul
      className="stack tight small"
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
      data-testid="template-issues"
    >
      {issues.map((i) => (
        <li key={i.token}>
          {i.kind === 'unknown' ? (
            <>
              <span className="var-unknown">{i.token}</span>{' '}
              <span className="field-error">is not a template variable. Replace it with your own words.</span>
            </>
          ) : (
            <>
              <span className="var-missing">{i.token}</span>{' '}
              <span className="muted">has no value on this page. Type it in.</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
