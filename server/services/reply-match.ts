// Which of a user's e-mails a message in their mailbox answers. A reply names the message it
// answers in In-Reply-To and the thread's earlier messages in References (RFC 5322 §3.6.4);
// every Reachlog send has a deterministic Message-ID (mailer.ts messageIdFor), so a reply is
// recognised by those headers alone, without reading its text.

/** The message ids (`<…>` tokens) in In-Reply-To / References header values. */
export function referencedIds(...headerValues: (string | null | undefined)[]): string[] {
  const ids: string[] = [];
  for (const value of headerValues) {
    if (!value) continue;
    for (const m of value.matchAll(/<([^<>\s]{1,500})>/g)) ids.push(m[1]!);
  }
  return ids;
}

/** The local part (before the last @) of a message id, lower-cased; null when it has none. */
export function idLocalPart(id: string): string | null {
  const at = id.lastIndexOf('@');
  return at > 0 ? id.slice(0, at).toLowerCase() : null;
}

/** The value of each named header in a raw header block (unfolded), lower-case names. */
export function headerValues(raw: string, names: string[]): Record<string, string> {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const out: Record<string, string> = {};
  const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (wanted.has(name))
      out[name] = out[name] ? `${out[name]} ${line.slice(colon + 1)}` : line.slice(colon + 1);
  }
  return out;
}

export interface MailboxMessage {
  /** The raw In-Reply-To and References header block of the message. */
  headers: string;
  /** When the mailbox received it. */
  receivedAt: Date;
}

/**
 * Matches mailbox messages against sends: `sends` maps each send's Message-ID local part to its
 * history row id. Returns each answered row with the time of its first reply.
 */
export function matchReplies(messages: MailboxMessage[], sends: Map<string, number>): Map<number, Date> {
  const replied = new Map<number, Date>();
  for (const msg of messages) {
    const h = headerValues(msg.headers, ['in-reply-to', 'references']);
    for (const id of referencedIds(h['in-reply-to'], h['references'])) {
      const local = idLocalPart(id);
      const rowId = local === null ? undefined : sends.get(local);
      if (rowId === undefined) continue;
      const seen = replied.get(rowId);
      if (!seen || msg.receivedAt < seen) replied.set(rowId, msg.receivedAt);
    }
  }
  return replied;
}
