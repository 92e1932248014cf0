// Neutral cards -> WeCom template_card (button_interaction), platforms.md §3.
import type { NeutralCard } from '../types.ts';

const STYLE = { primary: 1, default: 2, danger: 3 } as const;

/** `taskId`: the id WeCom gets (unique per send; see repeat-guard.ts); an update keeps the card's. */
export function renderTemplateCard(card: NeutralCard, taskId = card.taskId): Record<string, unknown> {
  return {
    card_type: 'button_interaction',
    ...(card.source ? { source: { desc: card.source } } : {}),
    main_title: { title: clip(card.title, 26), ...(card.description ? { desc: clip(card.description, 30) } : {}) },
    ...(card.emphasis
      ? { emphasis_content: { title: clip(card.emphasis.title, 10), desc: clip(card.emphasis.description ?? '', 15) } }
      : {}),
    ...(card.quote ? { sub_title_text: clip(card.quote, 120) } : {}),
    ...(card.fields?.length
      ? { horizontal_content_list: card.fields.slice(0, 6).map((f) => ({ keyname: clip(f.label, 5), value: clip(f.value, 26) })) }
      : {}),
    task_id: taskId,
    button_list: card.buttons.slice(0, 6).map((b) => ({ text: clip(b.text, 10), style: STYLE[b.style ?? 'default'], key: b.key })),
    ...(card.settledText ? { replace_text: clip(card.settledText, 10) } : {}),
  };
}

function clip(text: string, max: number): string {
  return [...text].length <= max ? text : [...text].slice(0, max - 1).join('') + '…';
}
