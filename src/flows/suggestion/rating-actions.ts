// The rating card's buttons (rule S3): 满意 / 基本满意 / 不满意 on one answer. The service checks
// the click against the answer's state and the clicker (one rating per answer, final; the first
// click wins, a later one is told what is recorded); the clicked card then shows the rating.
import type { CardAction } from '../../bot/router.ts';
import type { Rating } from '../../domain/suggestions/lifecycle.ts';
import { rateSuggestion } from '../../services/suggestions/answer-service.ts';
import { settleClickedCard } from '../card-settle.ts';
import { actingOf, depsOf } from '../suggestion-office/glue.ts';

const rate = (action: string, rating: Rating): CardAction => ({
  action,
  argument: 'id',
  async run(ctx, argument) {
    const outcome = await rateSuggestion(depsOf(ctx), actingOf(ctx), ctx.orgId, Number(argument), rating);
    await ctx.reply(outcome.message);
    await settleClickedCard(ctx, outcome.settled);
  },
});

export const ratingActions: CardAction[] = [
  rate('suggestion.rate.satisfied', '满意'),
  rate('suggestion.rate.basic', '基本满意'),
  rate('suggestion.rate.unsatisfied', '不满意'),
];
