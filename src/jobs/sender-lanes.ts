// Claimed events split into one lane per sender: a lane runs in arrival order (a person's
// messages, clicks and dialog steps stay in the order they were sent), and lanes run side by
// side up to a limit. The rest of the rules that two people's events can meet on (the first
// decision wins, numbering, a leave count) are conditional statements in the repositories,
// already safe for two instances.

export interface SenderEvent {
  id: number;
  orgId: number;
  channel: string;
  senderId: string;
}

/** Lanes in the order of each sender's first event; within a lane, ascending id. */
export function lanesBySender<E extends SenderEvent>(events: readonly E[]): E[][] {
  const lanes = new Map<string, E[]>();
  for (const event of [...events].sort((a, b) => a.id - b.id)) {
    const key = `${event.orgId}\u0000${event.channel}\u0000${event.senderId}`;
    const lane = lanes.get(key);
    if (lane) lane.push(event);
    else lanes.set(key, [event]);
  }
  return [...lanes.values()];
}

/** Runs `work` on every lane, at most `limit` at a time; resolves when all are done. */
export async function runLanes<E>(lanes: readonly E[][], limit: number, work: (event: E) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < lanes.length) {
      const lane = lanes[next++]!;
      for (const event of lane) await work(event);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, lanes.length)) }, runner));
}
