// In a group chat the bot never repeats what a person typed (rule R6: a constituent's phone or
// name written in the group must not be amplified by the bot; and nothing typed is reflected
// into the group under the bot's name). Answers are written not to quote; this is the net under
// them: a group answer that would repeat the words of the message it answers goes to the
// sender's private chat instead.

/** Digit runs this long are phone, ID or account numbers: never repeated, whatever surrounds them. */
const LONG_DIGITS = /\d{5,}/g;
/** A whole message this long repeated verbatim is an echo (shorter ones are command words and answers like 是). */
const MIN_ECHOED_CHARS = 5;

export function repeatsTyped(answer: string, typed: string | undefined): boolean {
  if (!typed) return false;
  const said = typed.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const text = answer.normalize('NFKC').replace(/\s+/g, ' ');
  if ([...said].length >= MIN_ECHOED_CHARS && text.includes(said)) return true;
  return (said.match(LONG_DIGITS) ?? []).some((digits) => text.includes(digits));
}
