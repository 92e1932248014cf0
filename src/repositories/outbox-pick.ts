// Which due outbox rows a claim takes: the rule, apart from the statements that read the
// candidates and mark the picked rows 'sending' (outbox-repo.ts claimDueRows).

/** A due row, with what the pick needs to know of it. */
export interface DueRow {
  id: number;
  /** A recipient is one person of one organisation on one platform (each organisation has its own app). */
  orgId: number;
  channel: string;
  recipient: string;
  /** CONVERSATION_PRIORITY (an answer to what someone just wrote) or 0. */
  priority: number;
  /** When it fell due (ms). */
  at: number;
}

/** Claim order: conversation rows first, then the row due longest, then the older row. */
export function byClaimOrder(a: DueRow, b: DueRow): number {
  return b.priority - a.priority || a.at - b.at || a.id - b.id;
}

/**
 * One member: a user id in one organisation's app on one platform (each organisation has its
 * own app; the same id in another organisation is another person). Claims, the one-at-a-time
 * rule and the per-member quota all count by it.
 */
export function memberKey(row: Pick<DueRow, 'orgId' | 'channel' | 'recipient'>): string {
  return `${row.orgId}\n${row.channel}\n${row.recipient}`;
}

/**
 * The ids to claim from `due` (rows whose recipient has nothing in flight): at most `limit`,
 * at most one per recipient (the first in claim order, so one member's messages go out one at
 * a time and in order: an answer to what they just wrote goes before a scheduled notice that
 * fell due earlier), and at most `scheduledLimit` rows that are not conversation rows (the
 * worker keeps send slots for conversations). Returned in claim order.
 */
export function pickDueRows(due: DueRow[], limit: number, scheduledLimit: number): DueRow[] {
  const picked: DueRow[] = [];
  const recipients = new Set<string>();
  let scheduled = 0;
  for (const row of [...due].sort(byClaimOrder)) {
    if (picked.length >= limit) break;
    const recipient = memberKey(row);
    if (recipients.has(recipient)) continue;
    recipients.add(recipient);
    if (row.priority <= 0) {
      if (scheduled >= scheduledLimit) continue;
      scheduled++;
    }
    picked.push(row);
  }
  return picked;
}
