// The zod schema of a page capture (the content script → background message), derived to match
// the Capture type in shared/capture.ts (which the reader owns); the compile-time checks below
// fail if either drifts from the other. The background validates every capture with it before
// storing anything: what a page shows is untrusted input.
import { z } from 'zod';
import type { Capture } from '../capture';

export const PAGE_TYPES = ['profile', 'job', 'messaging', 'search', 'company', 'unknown'] as const;

/** Generous for any real name, headline or title; a cap on what a page can push into storage. */
const TEXT_MAX = 2000;
const text = z.string().min(1).max(TEXT_MAX);
const optionalText = text.nullable();

/** Only LinkedIn over https: no javascript:, data: or other sites' links reach a view. */
const LINKEDIN_PAGE = /^https:\/\/www\.linkedin\.com\//;
const PROFILE_URL = /^https:\/\/www\.linkedin\.com\/in\/[^/?#\s]+\/$/;
const JOB_URL = /^https:\/\/www\.linkedin\.com\/jobs\/view\/\d{1,20}\/$/;

const SOURCE_KEY =
  /^(?:person|people\[\d{1,4}\])\.(?:name|linkedinUrl|headline|title|company|email|location)$|^job\.(?:jobId|url|title|company|location)$/;

export const ZCapturePerson = z.object({
  name: text,
  linkedinUrl: z.string().max(2048).regex(PROFILE_URL, 'Not a LinkedIn profile URL').nullable(),
  headline: optionalText,
  title: optionalText,
  company: optionalText,
  email: z.string().max(254).nullable(),
  location: optionalText,
});

export const ZCaptureJob = z.object({
  jobId: z.string().regex(/^\d{1,20}$/),
  url: z.string().max(2048).regex(JOB_URL, 'Not a LinkedIn job URL'),
  title: text,
  company: optionalText,
  location: optionalText,
});

/** A conversation page shows tens of messages; far more is not a page. */
export const CONVERSATION_MESSAGES_MAX = 5000;

export const ZConversationMessage = z.object({
  at: z.string().datetime().nullable(),
  fromMe: z.boolean(),
});

export const ZConversation = z.object({
  partnerProfileUrl: z.string().max(2048).regex(PROFILE_URL, 'Not a LinkedIn profile URL').nullable(),
  isGroup: z.boolean(),
  messages: z.array(ZConversationMessage).max(CONVERSATION_MESSAGES_MAX),
});

export const ZCapture = z.object({
  pageType: z.enum(PAGE_TYPES),
  url: z.string().max(4096).regex(LINKEDIN_PAGE, 'Not a LinkedIn page'),
  /** A search page shows tens of people; a thousand is far past any real page. */
  people: z.array(ZCapturePerson).max(1000),
  job: ZCaptureJob.nullable(),
  conversation: ZConversation.optional(),
  /** Field path ("person.name", "people[2].title", "job.location") → short phrase ("top card"). */
  sources: z
    .record(z.string().regex(SOURCE_KEY, 'Not a capture field path'), z.string().min(1).max(80))
    .optional(),
});

// Both ways: the schema accepts exactly the Capture type's shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const captureSchemaMatchesType: Same<z.infer<typeof ZCapture>, Capture> = true;
