export default defineBackground(() => {
  // Wired up by the extension work (outbox, sync, API client).
});
