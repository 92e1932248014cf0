// A flow is a small step machine. Steps validate one answer and return what happens next;
// the engine persists the state and sends what the steps say. Steps never send by themselves.
import type { BotContext } from '../bot/context.ts';
import type { Policy } from '../domain/policy.ts';

/** What the user sent, as a step sees it. */
export interface FlowInput {
  /** Normalised text (full-width folded, trimmed) for matching answers; empty for media. */
  text: string;
  /** The text as typed (trimmed), for what is stored: reasons, titles, content. */
  raw: string;
  /** text | image | voice | file | … */
  msgType: string;
  mediaRef?: string;
}

export interface FlowContext<D> {
  bot: BotContext;
  now: Date;
  policy: Policy;
  draft: D;
}

export type StepResult<D> =
  /** Go to `step` with the new draft; `say` comes before that step's question. */
  | { kind: 'next'; step: string; draft: D; say?: string }
  /** Stay on this step: the answer was not usable. Counts towards the invalid-answer limit. */
  | { kind: 'invalid'; message: string }
  /** Stay on this step without counting it as a mistake (e.g. one more paragraph of text). */
  | { kind: 'stay'; draft: D; say?: string }
  /** The dialog ends and `text` is handled as if the person had typed it (a command). */
  | { kind: 'reroute'; text: string }
  /** The dialog ends (done, or refused); `say` is the last word. */
  | { kind: 'done'; say: string };

export interface Step<D> {
  /** The question for this step. */
  prompt(fc: FlowContext<D>): string | Promise<string>;
  /** What the step expects, with an example (answer to 帮助). */
  help: string;
  /** What the answer is called (单位, 标题 …): a kept draft says which were filled in. */
  label?: string;
  /** True when the question or the answer is personal: the dialog moves to private chat. */
  personal?: boolean;
  /**
   * True when the question repeats what the person typed (a summary to confirm): in a group the
   * dialog moves to private chat first, since the bot never repeats a person's words there.
   */
  echoes?: boolean;
  handle(input: FlowInput, fc: FlowContext<D>): Promise<StepResult<D>>;
}

export interface Flow<D> {
  name: string;
  /** Bump when steps or the draft change shape: older dialogs are then dropped. */
  version: number;
  /** What the user is doing, for "you are in the middle of …" (e.g. 请假). */
  title: string;
  /**
   * One question, one answer (您是要「请假」吗？): the next message always ends it, and anything
   * but an answer is handled as a new message. 取消, 返回 and 帮助 are not its own.
   */
  transient?: boolean;
  /** Starts the dialog: the first step and draft, or an immediate answer (refusal or result). */
  begin(fc: Omit<FlowContext<D>, 'draft'>, args: string): Promise<StepResult<D>>;
  steps: Record<string, Step<D>>;
}

// Flows are stored by name in a registry whose drafts differ; the engine treats them alike.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFlow = Flow<any>;
