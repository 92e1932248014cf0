// Neutral cards -> a DingTalk card instance of one of two templates built in the card builder
// (cards/dingtalk/*.template.json, imported as the README says). Both templates take the same
// variables; every cardParamMap value is a string (platforms.md §7.3: the card API refuses
// anything else [SOIMY card-service comment]). Buttons are slots btn1…btn3: each button in the
// template is shown while its text is non-empty and sends its key back as the action param.
import type { NeutralCard } from '../types.ts';

export const MAX_BUTTONS = 3;

export type TemplateKind = 'notice' | 'approval';

/** Leave decisions use the approval template (its buttons are the approvers'); the rest the notice one. */
export function templateKindOf(card: NeutralCard): TemplateKind {
  return card.buttons.some((b) => b.key.startsWith('leave.approve') || b.key.startsWith('leave.reject')) ? 'approval' : 'notice';
}

export function cardParams(card: NeutralCard): Record<string, string> {
  const lines = [
    ...(card.emphasis ? [`**${card.emphasis.title}** ${card.emphasis.description ?? ''}`.trim()] : []),
    ...(card.fields ?? []).map((f) => `${f.label}：${f.value}`),
    ...(card.quote ? [card.quote] : []),
  ];
  const params: Record<string, string> = {
    source: card.source ?? '',
    title: card.title,
    description: card.description ?? '',
    body: lines.join('\n'),
    settled: card.settledText ?? '',
    btnCount: String(card.settledText ? 0 : Math.min(card.buttons.length, MAX_BUTTONS)),
  };
  for (let i = 0; i < MAX_BUTTONS; i++) {
    const b = card.settledText ? undefined : card.buttons[i];
    params[`btn${i + 1}Text`] = b?.text ?? '';
    params[`btn${i + 1}Key`] = b?.key ?? '';
    params[`btn${i + 1}Style`] = b?.style ?? 'default';
  }
  return params;
}

/** What a settled card shows: its buttons gone, the outcome in their place. */
export function settledParams(text: string): Record<string, string> {
  const params: Record<string, string> = { settled: text, btnCount: '0' };
  for (let i = 0; i < MAX_BUTTONS; i++) params[`btn${i + 1}Text`] = '';
  return params;
}
