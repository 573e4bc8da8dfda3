// Valid inputs for the server's procedures, each unique so tests never collide.
import { randomInt, randomUUID } from 'node:crypto';
import { vi } from 'vitest';
import type { TDraftUpsertInput } from '../../shared/schemas/drafts';
import type { TRecordLinkedInInput, TSendEmailInput } from '../../shared/schemas/outreach';

export const id = (): string => randomUUID();
const short = () => randomUUID().slice(0, 8);

export function profileUrl(slug = `recruiter-${short()}`): string {
  return `https://www.linkedin.com/in/${slug}/`;
}

export function jobUrl(jobId = String(randomInt(1_000_000, 9_999_999_999))): string {
  return `https://www.linkedin.com/jobs/view/${jobId}/`;
}

export function recipientEmail(): string {
  return `recruiter-${short()}@acme.example.com`;
}

export function emailSend(overrides: Partial<TSendEmailInput> = {}): TSendEmailInput {
  return {
    sendId: id(),
    recipient: { name: 'Rita Recruiter', email: recipientEmail() },
    jobTitle: 'Senior Engineer',
    companyName: 'Acme',
    jobUrl: jobUrl(),
    subject: `Hello about the role ${short()}`,
    body: `Hi Rita,\n\nI would love to talk about the role.\n\nBest, Sam (${short()})`,
    ...overrides,
  };
}

export function linkedinSend(overrides: Partial<TRecordLinkedInInput> = {}): TRecordLinkedInInput {
  return {
    sendId: id(),
    recipient: { name: 'Lena LinkedIn', linkedinUrl: profileUrl() },
    jobTitle: 'Platform Engineer',
    companyName: 'Initech',
    jobUrl: jobUrl(),
    message: `Hi Lena, could we talk about the platform role? (${short()})`,
    ...overrides,
  };
}

export function draft(overrides: Partial<TDraftUpsertInput> = {}): TDraftUpsertInput {
  return {
    id: id(),
    recipient: { name: 'Dana Draft', email: recipientEmail(), linkedinUrl: profileUrl() },
    jobTitle: 'Backend Engineer',
    companyName: 'Globex',
    jobUrl: jobUrl(),
    emailSubject: `About the backend role ${short()}`,
    emailBody: 'Hi Dana,\n\nI am interested in the backend role.\n',
    linkedinMessage: 'Hi Dana, I am interested in the backend role.',
    ...overrides,
  };
}

/**
 * Runs `fn` with the clock (Date only; timers and I/O keep running) frozen at `at`. The server
 * runs in this process, so the rows it records get that sentAt — how tests make old rows and
 * rows with equal timestamps through the real API.
 */
export async function atTime<T>(at: Date, fn: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    return await fn();
  } finally {
    vi.useRealTimers();
  }
}

export const DAY = 24 * 60 * 60 * 1000;
