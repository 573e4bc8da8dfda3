// The read side of the data layer (live reads, and messages to the background), without the
// writes: those validate with zod (local-writes.ts), and the dashboard's Overview imports from
// here so that zod and the write paths stay out of its first chunk (docs/extension.md, "First
// render"). Everything here is also exported by '@/data'.
export * from './hooks';
export * from './queries';
export { correctedContact, personRole, type CorrectedPerson } from './corrections';
export {
  queryContactStatuses,
  queryPersonStatus,
  useContactStatuses,
  usePersonStatus,
  queryPipelineSummary,
  usePipelineSummary,
  queryFollowUpDueFor,
  useFollowUpDueFor,
  queryReplyStats,
  useReplyStats,
  type PipelineSummary,
} from './pipeline';
export { sendToBackground } from '@/messaging/send-to-background';
export { keepBackgroundAwake } from '@/messaging/keepalive';
