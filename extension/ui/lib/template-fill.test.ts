import { describe, expect, it } from 'vitest';
import { fillTemplate, placeholderIssues, placeholderSegments } from './template-fill';

describe('fillTemplate', () => {
  it('fills known values and keeps unknown and missing placeholders visible', () => {
    const r = fillTemplate('Hi {{firstName}}, {{jobTitle}} at {{company}} {{compnay}}', {
      firstName: 'Marisol',
      company: 'Brightline',
      jobTitle: null,
    });
    expect(r.text).toBe('Hi Marisol, {{jobTitle}} at Brightline {{compnay}}');
    expect(r.missing).toEqual(['jobTitle']);
    expect(r.unknown).toEqual(['compnay']);
  });
});

describe('placeholderIssues', () => {
  it('classifies what is left in the texts, once each', () => {
    expect(placeholderIssues('{{company}} and {{ foo }}', null, '{{company}}')).toEqual([
      { token: '{{company}}', name: 'company', kind: 'missing' },
      { token: '{{ foo }}', name: 'foo', kind: 'unknown' },
    ]);
    expect(placeholderIssues('all written out', undefined)).toEqual([]);
  });
});

describe('placeholderSegments', () => {
  it('cuts the text at each placeholder, kind by kind, losing nothing', () => {
    const text = 'Hi {{firstName}}, at {{ compnay }}!\n{{company}}';
    const segs = placeholderSegments(text);
    expect(segs).toEqual([
      { text: 'Hi ', kind: null },
      { text: '{{firstName}}', kind: 'missing' },
      { text: ', at ', kind: null },
      { text: '{{ compnay }}', kind: 'unknown' },
      { text: '!\n', kind: null },
      { text: '{{company}}', kind: 'missing' },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(placeholderSegments('')).toEqual([]);
    expect(placeholderSegments('no placeholders')).toEqual([{ text: 'no placeholders', kind: null }]);
  });
});
