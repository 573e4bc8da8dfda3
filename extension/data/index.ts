// What views import: live reads, the draft saver, and the write helpers of the local database.
export * from './hooks';
export * from './queries';
export * from './draft-saver';
export { saveDraft, createDraft, deleteDraft, newDraftId } from '@/db/drafts';
export { getSetting, setSetting, updateSetting, normalizeServerUrl, serverOriginPattern, SETTING_DEFAULTS } from '@/db/settings';
export { sendToBackground } from '@/messaging/send-to-background';
