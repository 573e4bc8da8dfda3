// capture.sources (which strategy produced each field) is optional and bounded like the rest.
import { expect, it } from 'vitest';
import { ZCapture } from './capture';

const base = {
  pageType: 'profile',
  url: 'https://www.linkedin.com/in/jane/',
  people: [],
  job: null,
} as const;

it('accepts a capture with or without per-field sources, and keeps them', () => {
  expect(ZCapture.parse(base)).toStrictEqual(base);
  const withSources = { ...base, sources: { 'person.name': 'top card', 'people[1].name': 'search card' } };
  expect(ZCapture.parse(withSources).sources).toEqual(withSources.sources);
});

it('refuses sources that are not short strings', () => {
  expect(ZCapture.safeParse({ ...base, sources: { 'person.name': 3 } }).success).toBe(false);
  expect(ZCapture.safeParse({ ...base, sources: { 'person.name': 'x'.repeat(201) } }).success).toBe(false);
  expect(ZCapture.safeParse({ ...base, sources: { ['k'.repeat(101)]: 'top card' } }).success).toBe(false);
});
