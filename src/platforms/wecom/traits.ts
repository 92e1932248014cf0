// WeCom's limits the core paces by (platforms.md §2.2, §2.3): message/send takes at most
// 1,000 user ids in `touser`; WeCom silently drops app messages past 30 a minute to one member
// (doc 90312, quoted in [MSGQ]).
import type { PlatformTraits } from '../types.ts';

export const WECOM_TRAITS: PlatformTraits = { maxRecipients: 1000, perMemberPerMinute: 30, createsChats: true };
