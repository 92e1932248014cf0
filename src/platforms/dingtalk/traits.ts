// DingTalk's limits the core paces by (platforms.md §7.2, §8): the robot's one-to-one
// batchSend takes at most 20 userIds a call ([DTIO] chatbots-send-one-on-one-chat-messages-in-
// batches); no per-member minute quota is documented for robot messages (the limits are per
// app and API: 20 QPS, HTTP 403 *QpsLimit*, handled as a retry by the client), so none here.
// A card goes to one person a call: the documented one-to-one space is `dtv1.card//IM_ROBOT.
// <userId>` (platforms.md §7.3), and one card instance (outTrackId) per person keeps each
// person's buttons and their update handle their own.
import type { PlatformTraits } from '../types.ts';

export const DINGTALK_TRAITS: PlatformTraits = { maxRecipients: 20, maxCardRecipients: 1 };
