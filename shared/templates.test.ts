import { describe, expect, it } from 'vitest';
import {
  leftoverPlaceholders,
  linkedinNoteCount,
  renderTemplate,
  splitName,
  varsFromCapture,
} from './templates';

describe('renderTemplate', () => {
  const vars = varsFromCapture(
    { name: 'Jane Doe', title: 'Senior Technical Recruiter', company: 'Acme Corp' },
    { title: 'Staff Engineer', company: 'Acme Corp' },
    'Sam Seeker',
  );

  it('fills every known variable', () => {
    const r = renderTemplate(
      'Hi {{firstName}} {{lastName}} ({{fullName}}), {{jobTitle}} at {{company}}; {{recruiterTitle}}. {{ myName }}',
      vars,
    );
    expect(r).toEqual({
      text: 'Hi Jane Doe (Jane Doe), Staff Engineer at Acme Corp; Senior Technical Recruiter. Sam Seeker',
      unknown: [],
      missing: [],
    });
  });

  it('reports unknown variables once and never leaves them in the text', () => {
    const r = renderTemplate('Hi {{firstName}} at {{compnay}} {{compnay}} {{}}', vars);
    expect(r.unknown).toEqual(['compnay', '']);
    expect(r.text).toBe('Hi Jane at   ');
    expect(r.text).not.toContain('{{');
  });

  it('reports missing values', () => {
    const r = renderTemplate(
      'Hi {{firstName}}, {{jobTitle}} — {{myName}}',
      varsFromCapture({ name: 'Cher', title: null, company: null }, null, ''),
    );
    expect(r.missing).toEqual(['jobTitle', 'myName']);
    expect(r.text).toBe('Hi Cher,  — ');
  });

  it('leaves text without placeholders alone', () => {
    expect(renderTemplate('Plain {text} with } braces', {})).toEqual({
      text: 'Plain {text} with } braces',
      unknown: [],
      missing: [],
    });
  });
});

describe('splitName / varsFromCapture', () => {
  it('splits first and last name, dropping honorifics, credentials and pronouns', () => {
    expect(splitName('Dr. Jane van der Berg, PhD (she/her)')).toEqual({
      first: 'Jane',
      last: 'van der Berg',
      full: 'Jane van der Berg',
    });
    expect(splitName('  Prince  ')).toEqual({ first: 'Prince', last: null, full: 'Prince' });
    expect(splitName('')).toEqual({ first: null, last: null, full: null });
  });

  it("prefers the job's company, then the person's", () => {
    expect(varsFromCapture({ name: 'A B', title: null, company: 'Person Co' }, null, null).company).toBe(
      'Person Co',
    );
    expect(
      varsFromCapture(
        { name: 'A B', title: null, company: 'Person Co' },
        { title: 'X', company: 'Job Co' },
        null,
      ).company,
    ).toBe('Job Co');
    expect(varsFromCapture(null, null, null)).toMatchObject({
      firstName: null,
      company: null,
      jobTitle: null,
    });
  });
});

describe('leftoverPlaceholders', () => {
  it('finds placeholders left in text about to be sent', () => {
    expect(leftoverPlaceholders('Hi {{firstName}}, {{ company }} {{firstName}}')).toEqual([
      '{{firstName}}',
      '{{ company }}',
    ]);
    expect(leftoverPlaceholders('Hi Jane')).toEqual([]);
  });
});

describe('linkedinNoteCount', () => {
  it('counts against 300', () => {
    expect(linkedinNoteCount('a'.repeat(300))).toEqual({ length: 300, max: 300, remaining: 0, over: false });
    expect(linkedinNoteCount('a'.repeat(301)).over).toBe(true);
  });
});
