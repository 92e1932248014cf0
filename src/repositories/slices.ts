// The query engine caps bound parameters per statement (999 for SQLite), so long id lists
// (a 1,000-person unit) are queried in slices.
export const MAX_IDS_PER_STATEMENT = 500;

export function slices<T>(items: T[], size = MAX_IDS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
