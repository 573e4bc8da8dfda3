// A text input or textarea that marks the `{{…}}` placeholders left in it, in place: a backdrop
// behind the (transparent) field draws the same text, invisible, with each placeholder on a
// highlight — so the marks sit under the very characters the user sees and types. The backdrop
// is React text (never HTML) and follows the field's scrolling.
import { useRef, type ChangeEvent } from 'react';
import { placeholderSegments } from '../lib/template-fill';

interface Props {
  multiline?: boolean;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  className?: string;
  testId: string;
}

export function MarkedField({ multiline, value, onChange, rows, className = '', testId }: Props) {
  const backdrop = useRef<HTMLDivElement>(null);
  const segments = placeholderSegments(value);
  const marked = segments.filter((s) => s.kind).length;
  const follow = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    if (!backdrop.current) return;
    backdrop.current.scrollTop = e.currentTarget.scrollTop;
    backdrop.current.scrollLeft = e.currentTarget.scrollLeft;
  };
  const change = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value);
  const common = {
    className: `input marked-input ${className}`,
    value,
    onChange: change,
    onScroll: follow,
    onSelect: follow,
    'data-testid': testId,
    'aria-invalid': marked > 0 || undefined,
  };
  return (
    <div className={`marked ${multiline ? 'multiline' : 'single'}`}>
      <div className="input marked-backdrop" ref={backdrop} aria-hidden data-testid={`${testId}-marks`}>
        {segments.map((s, i) =>
          s.kind ? (
            <mark key={i} className={`mark-${s.kind}`} data-kind={s.kind}>
              {s.text}
            </mark>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
        {/* a textarea shows a last empty line after a final newline; so does the backdrop */}
        {multiline && value.endsWith('\n') ? ' ' : null}
      </div>
      {multiline ? <textarea rows={rows} {...common} /> : <input {...common} />}
    </div>
  );
}
