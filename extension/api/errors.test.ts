import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { classifyError, readableZodMessage } from './errors';

const fromServer = (code: string, message: string, data: object = {}) =>
  new TRPCClientError(message, { result: { error: { message, code: -32000, data: { code, ...data } } } });

describe('classifyError', () => {
  it('tells "server unreachable" from server answers', () => {
    expect(
      classifyError(new TRPCClientError('fetch failed', { cause: new TypeError('fetch failed') })).kind,
    ).toBe('network');
    expect(classifyError(new TypeError('Failed to fetch')).kind).toBe('network');
    expect(classifyError(new DOMException('timed out', 'TimeoutError')).kind).toBe('network');
    expect(classifyError(fromServer('UNAUTHORIZED', 'Sign in first'))).toEqual({
      kind: 'unauthorized',
      code: 'UNAUTHORIZED',
      message: 'Sign in first',
    });
    expect(classifyError(fromServer('NOT_FOUND', 'Draft not found')).kind).toBe('rejected');
    expect(classifyError(fromServer('PRECONDITION_FAILED', 'No mail server configured')).kind).toBe(
      'rejected',
    );
    expect(classifyError(fromServer('CONFLICT', 'in progress')).kind).toBe('retryable');
    expect(classifyError(fromServer('BAD_GATEWAY', 'Mail server refused: 550')).kind).toBe('failed');
    expect(classifyError(fromServer('SERVICE_UNAVAILABLE', 'try again later: 451')).kind).toBe('retryable');
  });

  it('flattens zod issues into one readable message', () => {
    const err = fromServer('BAD_REQUEST', 'raw', {
      zodError: { formErrors: [], fieldErrors: { subject: ['A subject is required'] } },
    });
    expect(classifyError(err)).toEqual({
      kind: 'rejected',
      code: 'BAD_REQUEST',
      message: 'subject: A subject is required',
    });
    expect(
      readableZodMessage(
        { issues: [{ path: ['recipient', 'email'], message: 'Not a valid e-mail address' }] },
        'x',
      ),
    ).toBe('recipient.email: Not a valid e-mail address');
    expect(
      readableZodMessage({}, JSON.stringify([{ path: [], message: 'Choose e-mail, LinkedIn or both' }])),
    ).toBe('Choose e-mail, LinkedIn or both');
    expect(readableZodMessage({}, 'plain')).toBeNull();
  });
});
