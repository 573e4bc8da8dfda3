import { z } from 'zod';
import { canonicalJobUrl, canonicalProfileUrl } from '../linkedin-url';

/** Text that ends up in a mail header: CR/LF would let a caller inject headers. */
export const ZHeaderText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/[\r\n]/.test(s), { message: 'Must not contain line breaks' });

export const ZEmail = z
  .string()
  .trim()
  .max(254)
  .refine((s) => !/[\r\n]/.test(s), { message: 'Must not contain line breaks' })
  .pipe(z.email({ message: 'Not a valid e-mail address' }))
  // zod lets a domain label start or end with '-', which mail servers refuse (RFC 1035).
  .refine((s) => !/(^|[@.])-|-($|\.)/.test(s.slice(s.indexOf('@'))), {
    message: 'Not a valid e-mail address',
  })
  .transform((s) => s.toLowerCase());

/** Any LinkedIn profile URL, stored canonical. */
export const ZLinkedinUrl = z
  .string()
  .trim()
  .max(2048)
  .transform((s, ctx) => {
    const canonical = canonicalProfileUrl(s);
    if (!canonical) {
      ctx.addIssue({ code: 'custom', message: 'Not a LinkedIn profile URL (https://www.linkedin.com/in/…)' });
      return z.NEVER;
    }
    return canonical;
  });

/** A LinkedIn job URL (view page or list page with currentJobId), stored canonical. */
export const ZJobUrl = z
  .string()
  .trim()
  .max(2048)
  .transform((s, ctx) => {
    const canonical = canonicalJobUrl(s);
    if (!canonical) {
      ctx.addIssue({
        code: 'custom',
        message: 'Not a LinkedIn job URL (https://www.linkedin.com/jobs/view/…)',
      });
      return z.NEVER;
    }
    return canonical;
  });

/** Client-made ids (drafts, sends): a UUID or another opaque token the client chose. */
export const ZClientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'Ids are 8–64 letters, digits, _ or -' });

export const ZName = z.string().trim().min(1).max(200);
