// The fields of a captured person the user may correct (ZContactCorrections in schemas/sync.ts
// is built from this list). Kept out of the zod module: the views' first chunk imports it.
export const CORRECTABLE_FIELDS = ['name', 'title', 'company', 'headline', 'location', 'email'] as const;
export type TCorrectableField = (typeof CORRECTABLE_FIELDS)[number];
