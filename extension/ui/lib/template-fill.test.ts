import { describe, expect, it } from 'vitest';
import { fillTemplate, placeholderIssues } from './template-fill';

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
