import { expect, it } from 'vitest';
import { passwordProblem } from './password-strength';

it('refuses short, common and personal passwords in plain words', () => {
  expect(passwordProblem('short1')).toBe(
    'Your password is too short: use at least 8 characters. A few unrelated words make a good one.',
  );
  expect(passwordProblem('12345678')).toBe(
    'This password is too easy to guess (this is a heavily used password). Add more words that are less common.',
  );
  expect(passwordProblem('password-123')).toMatch(
    /^This password is too easy to guess \(this is similar to a commonly used password\)\./,
  );
  expect(passwordProblem('qwertyuiop')).toMatch(/^This password is too easy to guess/);
  expect(passwordProblem('morganellery', ['morgan.ellery@example.com', 'Morgan Ellery'])).toBe(
    'This password is too easy to guess (it contains your name or e-mail address). Add more words that are less common.',
  );
});

it('accepts passwords that are hard to guess', () => {
  for (const p of ['correct horse battery', 'violet-harbour-kettle-42', 'Tr0ub4dor&3x', 'pw-1b2c3d4e-aaaa'])
    expect(passwordProblem(p), p).toBeNull();
});
