// The two protections of WeCom's message/send that make a repeated send harmless, as the fake
// implements them (platforms.md §2.2 and §3; doc 90236):
// - enable_duplicate_check: 1 — "在一定时间间隔内，同样内容（请求json）的消息，不会重复收到":
//   a member who was delivered the same content inside duplicate_check_interval seconds
//   (default 1800, at most 14400) does not get it again; the call still answers errcode 0.
//   The fake takes the strictest reading: per member, whatever else was in the request, and
//   against everything delivered before, with or without the check.
// - a template card's task_id is unique per app ([0-9A-Za-z_-@], ≤ 128 bytes): a used,
//   empty or malformed one is refused with 42014 "taskid has existed or empty or exceed max
//   len" (see src/platforms/wecom/errcodes.ts for the source), and nothing is delivered.
type Body = Record<string, any>;

export const DUPLICATE_CHECK_DEFAULT_S = 1800;
export const DUPLICATE_CHECK_MAX_S = 14_400;
const TASK_ID = /^[0-9A-Za-z_\-@]+$/;

export interface Refusal {
  errcode: number;
  errmsg: string;
}

export class FakeSendRules {
  /** `${userid}\n${content}` → when it was last delivered (ms). */
  private readonly delivered = new Map<string, number>();
  private readonly taskIds = new Set<string>();
  /** Deliveries the duplicate check dropped, per member. */
  readonly suppressed = new Map<string, number>();
  /** Card sends refused for a used (or malformed) task_id. */
  refusedTaskIds = 0;

  constructor(private readonly now: () => number) {}

  /** Refuses a bad duplicate_check_interval, or a template card's unusable task_id. */
  refusal(body: Body): Refusal | undefined {
    const interval = body.duplicate_check_interval;
    if (interval !== undefined && (!Number.isInteger(interval) || interval < 1 || interval > DUPLICATE_CHECK_MAX_S)) {
      return { errcode: 40058, errmsg: `invalid duplicate_check_interval ${interval} (1..${DUPLICATE_CHECK_MAX_S})` };
    }
    if (body.msgtype !== 'template_card') return undefined;
    const taskId = String(body.template_card?.task_id ?? '');
    if (!TASK_ID.test(taskId) || Buffer.byteLength(taskId) > 128 || this.taskIds.has(taskId)) {
      this.refusedTaskIds++;
      return { errcode: 42014, errmsg: 'taskid has existed or empty or exceed max len' };
    }
    return undefined;
  }

  /** Takes the send: who of `users` gets it (the duplicate check may drop some or all). */
  accept(users: string[], body: Body): string[] {
    if (body.msgtype === 'template_card') this.taskIds.add(String(body.template_card.task_id));
    const content = contentOf(body);
    const now = this.now();
    const windowMs = (body.duplicate_check_interval ?? DUPLICATE_CHECK_DEFAULT_S) * 1000;
    const fresh = users.filter((u) => {
      const last = this.delivered.get(`${u}\n${content}`);
      const repeat = body.enable_duplicate_check === 1 && last !== undefined && now - last < windowMs;
      if (repeat) this.suppressed.set(u, (this.suppressed.get(u) ?? 0) + 1);
      return !repeat;
    });
    for (const u of fresh) this.delivered.set(`${u}\n${content}`, now);
    return fresh;
  }
}

/** What "the same content" means: the app, the type and the payload; not who or the check itself. */
function contentOf(body: Body): string {
  return JSON.stringify({ agentid: body.agentid, msgtype: body.msgtype, payload: body[body.msgtype] });
}
