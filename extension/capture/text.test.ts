import { describe, expect, it } from 'vitest';
import { parseHtml } from './parse-html';
import { firstSegment, roleFromCurrentLine, roleFromHeadline } from './person';
import { clean, cleanName, findEmail, visibleLines, visibleText } from './text';

function body(html: string): Element {
  return parseHtml(`<!doctype html><html><body>${html}</body></html>`).document.body;
}

describe('clean', () => {
  it('collapses whitespace, nbsp and zero-width marks; empty is null', () => {
    expect(clean('  Jane\u00a0\n Doe\u200b ')).toBe('Jane Doe');
    expect(clean(' \n ')).toBeNull();
    expect(clean(null)).toBeNull();
  });
});

describe('cleanName', () => {
  it.each([
    ['Jane Doe (She/Her)', 'Jane Doe'],
    ['Jane Doe (she/her/hers) 🌟', 'Jane Doe'],
    ['Rafael Moreno 🇪🇸 (he/him)', 'Rafael Moreno'],
    ['Lucía Fernández Ortega (Ella) 💼', 'Lucía Fernández Ortega'],
    ['Thomas Nguyên (il/lui)', 'Thomas Nguyên'],
    ['Alex Kim they/them', 'Alex Kim'],
    ['Dr. Leonie Hartmann ✅', 'Dr. Leonie Hartmann'],
    ['Sophie Lambert ✨ · 2nd', 'Sophie Lambert'],
    ['Sam Lee ✔ Verified', 'Sam Lee'],
    ['Renée Lefèvre-Ågren', 'Renée Lefèvre-Ågren'],
    ['Zoë O’Brien-Smith', 'Zoë O’Brien-Smith'],
    ['<img src=x onerror="alert(1)"> Eve', '<img src=x onerror="alert(1)"> Eve'],
    ['🚀🚀', null],
    ['  ', null],
  ])('%s → %s', (raw, name) => {
    expect(cleanName(raw)).toBe(name);
  });
});

describe('visibleText / visibleLines', () => {
  it('reads LinkedIn’s doubled text once, with or without the visually-hidden class', () => {
    expect(
      visibleText(
        body(
          '<span aria-hidden="true">Kendra Osei</span><span class="visually-hidden">View Kendra Osei’s profile</span>',
        ),
      ),
    ).toBe('Kendra Osei');
    expect(
      visibleText(body('<span aria-hidden="true">Kendra Osei</span><span>View Kendra Osei’s profile</span>')),
    ).toBe('Kendra Osei');
  });

  it('keeps a longer sibling that only mentions the text', () => {
    const el = body(
      '<a aria-hidden="true"><span class="visually-hidden">Member</span></a><div>Member card with a long description of the person</div>',
    );
    expect(visibleText(el)).toBe('Member card with a long description of the person');
  });

  it('skips scripts, JSON blobs, icons and buttons; splits lines at blocks', () => {
    const el = body(
      '<div>Name</div><script>var x = "no"</script><code>{"a":1}</code><button>Connect</button><p>Head <b>line</b></p>',
    );
    expect(visibleLines(el)).toEqual(['Name', 'Head line']);
  });
});

describe('roles and e-mails', () => {
  it.each([
    ['Senior Technical Recruiter at Northwind Labs | Hiring', 'Senior Technical Recruiter', 'Northwind Labs'],
    [
      'Talent Acquisition Partner @ Brightwave Health | Nordic hiring',
      'Talent Acquisition Partner',
      'Brightwave Health',
    ],
    ['Chargée de recrutement chez Lumen Énergie', 'Chargée de recrutement', 'Lumen Énergie'],
    [
      'Senior Talent Acquisition Partner bei Kranich Logistik GmbH',
      'Senior Talent Acquisition Partner',
      'Kranich Logistik GmbH',
    ],
    ['Reclutadora técnica en Verbena Salud | Hablemos', 'Reclutadora técnica', 'Verbena Salud'],
  ])('%s', (headline, title, company) => {
    expect(roleFromHeadline(headline)).toEqual({ title, company });
  });

  it('no role when the headline does not read "X at Y"', () => {
    expect(roleFromHeadline('Tech Recruiter | Fintech & Crypto | Let’s talk')).toBeNull();
    expect(roleFromHeadline(null)).toBeNull();
  });

  it('reads "Current:" lines in four languages', () => {
    expect(roleFromCurrentLine('Current: Principal Recruiter at Corvid Search Partners')).toEqual({
      title: 'Principal Recruiter',
      company: 'Corvid Search Partners',
    });
    expect(roleFromCurrentLine('Actuel : Responsable RH chez Orféo')).toEqual({
      title: 'Responsable RH',
      company: 'Orféo',
    });
    expect(roleFromCurrentLine('Past: Recruiter at Old Co')).toBeNull();
  });

  it('first segment and e-mail', () => {
    expect(firstSegment('Northwind Labs · Full-time')).toBe('Northwind Labs');
    expect(findEmail('Write to me: jane.doe+jobs@acme.example.com.')).toBe('jane.doe+jobs@acme.example.com');
    expect(findEmail('no mail here @ all')).toBeNull();
  });
});
