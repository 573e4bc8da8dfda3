// Refuses common and guessable passwords, in plain words. zxcvbn-ts estimates how many guesses a
// cracker needs (dictionaries of common passwords, names and words, keyboard patterns, dates,
// l33t) and says why a password is weak; the account's e-mail and name count as guessable.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { AppError } from '../errors';

export const MIN_PASSWORD_LENGTH = 8;
/** zxcvbn's 0–4 scale; 3 = "safely unguessable" (~10^8 guesses): online guessing gets nowhere. */
export const MIN_PASSWORD_SCORE = 3;

let zxcvbn: ZxcvbnFactory | null = null;
const checker = () =>
  (zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  }));

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** null when the password will do, else the sentence that says why not and what to do. */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Your password is too short: use at least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a good one.`;
  }
  const inputs = personal.flatMap((p) => [p, ...p.split(/[@.\s_-]+/)]).filter((p) => p.length >= 3);
  const result = checker().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const warning = result.feedback.warning ?? '';
  const reason = /personal or page related/i.test(warning)
    ? 'it contains your name or e-mail address'
    : lowerFirst(warning).replace(/\.$/, '');
  const why = reason ? ` (${reason})` : '';
  const advice = result.feedback.suggestions.length
    ? result.feedback.suggestions.join(' ')
    : 'Add more words that are less common.';
  return `This password is too easy to guess${why}. ${advice}`;
}

export function assertStrongPassword(password: string, personal: string[] = []): void {
  const problem = passwordProblem(password, personal);
  if (problem) throw new AppError('BAD_REQUEST', problem);
}
