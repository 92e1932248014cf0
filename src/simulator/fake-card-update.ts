// message/update_template_card as WeCom applies it to a member's copy of a card (doc 94888,
// platforms.md §1.4 and §3): two kinds of update.
// - `button: {replace_name}` ("更新按钮为不可点击状态", only for button, vote and multiple
//   interaction cards): the card keeps everything it showed — who asked, for what, why — and
//   its buttons give way to one grey, unclickable button with the new text. That is what the
//   card's own `replace_text` field means ("填写本字段后会展现灰色不可点击按钮"), so the copy
//   gets `replace_text`.
// - `template_card: {…}` ("更新为新的卡片"): the new card replaces the old one; it is still the
//   same task, so the copy keeps its task_id (the one the member's clicks carry).
type Card = Record<string, unknown>;

export type CardUpdate = { kind: 'button'; replaceName: string } | { kind: 'card'; card: Card };

/** The update a request asks for, or undefined when it has neither a card nor a button text. */
export function readCardUpdate(body: Record<string, any>): CardUpdate | undefined {
  const card = body.template_card;
  if (card && typeof card === 'object' && !Array.isArray(card)) return { kind: 'card', card };
  const name = body.button?.replace_name;
  if (typeof name === 'string' && name.trim()) return { kind: 'button', replaceName: name };
  return undefined;
}

/** What the member sees after the update. */
export function applyCardUpdate(current: Card, update: CardUpdate): Card {
  if (update.kind === 'button') return { ...current, replace_text: update.replaceName };
  return { ...update.card, task_id: current.task_id };
}
