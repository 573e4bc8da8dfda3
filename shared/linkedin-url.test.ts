import { describe, expect, it } from 'vitest';
import { canonicalJobUrl, canonicalProfileUrl } from './linkedin-url';

describe('canonicalProfileUrl', () => {
  it('lower-cases a vanity slug and drops host variants, sub-pages and queries', () => {
    expect(canonicalProfileUrl('https://sg.linkedin.com/in/Jane-Doe-1a2b/details/experience/?x=1')).toBe(
      'https://www.linkedin.com/in/jane-doe-1a2b/',
    );
  });

  it('keeps the case of a member id (a case-sensitive token)', () => {
    expect(canonicalProfileUrl('/in/ACoAAB-Etr0BPK3c5MGDnvBh-b_1UGQYXVkXVHc?miniProfileUrn=x')).toBe(
      'https://www.linkedin.com/in/ACoAAB-Etr0BPK3c5MGDnvBh-b_1UGQYXVkXVHc/',
    );
  });

  it('is null for other pages', () => {
    expect(canonicalProfileUrl('https://www.linkedin.com/company/acme/')).toBeNull();
    expect(canonicalJobUrl('https://www.linkedin.com/in/jane/')).toBeNull();
  });
});
