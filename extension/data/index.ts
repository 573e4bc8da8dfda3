// The one data-access layer for the views (side panel, popup, dashboard): live reads of this
// browser's copy, and the writes the user makes (applied at once, synced by the background).
// Views import from here (or its read side, './reads'): never Dexie, and never the server (the
// background talks to it).
export * from './reads';
export { HistoryPager } from './history-pager';
export {
  applyCorrections,
  unreadProfileOwner,
  CORRECTABLE_FIELDS,
  type TCorrectableField,
} from './corrections';
export { usePriorSends, type PriorSends, type PriorQuery } from './use-prior-sends';
export {
  saveDraft,
  createDraft,
  deleteDraft,
  restoreDraft,
  resolveDraftConflict,
  newDraftId,
  saveTemplate,
  deleteTemplate,
  saveContact,
  saveCorrections,
  setMyName,
  setPipelineSetting,
  setContactStatus,
} from '@/sync/local-writes';
export { setSetting, normalizeServerUrl, serverOriginPattern, SETTING_DEFAULTS } from '@/db/settings';
export { checkServerUrl } from '@/api/server-url';
export {
  ensureFollowUpTemplates,
  createFollowUpDraft,
  queryFollowUpTarget,
  queryFollowUpsOf,
  useFollowUpTarget,
  useFollowUpsOf,
  useHistoryRowById,
  type FollowUpTexts,
} from './follow-up';
export { isFollowUpTemplate } from '@/db/default-templates';
