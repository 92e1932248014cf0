// Each platform's declared limits by channel, for code that writes rows before any client
// exists (the Outbound splits a recipient list to fit one call). Clients carry the same object.
import { DINGTALK_TRAITS } from './dingtalk/traits.ts';
import type { Channel, PlatformTraits } from './types.ts';
import { WECOM_TRAITS } from './wecom/traits.ts';

const TRAITS: Record<Channel, PlatformTraits> = { wecom: WECOM_TRAITS, dingtalk: DINGTALK_TRAITS };

export function traitsOf(channel: Channel): PlatformTraits {
  return TRAITS[channel];
}
