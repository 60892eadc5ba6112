/** Reading every page of a list: each stops only on its documented end condition or a loud bound. */

export class PagingLimitError extends Error {
  constructor(readonly source: string, readonly pages: number) {
    super(`${source}: still more pages after ${pages}; stopped rather than loop forever`);
    this.name = 'PagingLimitError';
  }
}

export interface NumberedPage<T> {
  items: T[];
  totalCount: number;
}

/**
 * PageNumber/PageSize lists: page 1 gives the total, the rest are fetched at once (the caller's
 * limiter bounds them); stops when totalCount items were read or a page comes back empty.
 */
export async function allNumberedPages<T>(
  source: string,
  fetch: (pageNumber: number) => Promise<NumberedPage<T>>,
  maxPages = 1000,
): Promise<T[]> {
  const first = await fetch(1);
  const items = [...first.items];
  if (first.items.length === 0 || items.length >= first.totalCount) return items;
  const pageSize = first.items.length;
  const expected = Math.ceil(first.totalCount / pageSize);
  if (expected > maxPages) throw new PagingLimitError(source, maxPages);
  const rest = await Promise.all(Array.from({ length: expected - 1 }, (_, i) => fetch(i + 2)));
  for (const page of rest) items.push(...page.items);
  // The list grew while it was read: go on page by page until the count or an empty page.
  for (let page = expected + 1; items.length < first.totalCount && rest[rest.length - 1]?.items.length !== 0; page++) {
    if (page > maxPages) throw new PagingLimitError(source, maxPages);
    const res = await fetch(page);
    if (res.items.length === 0) break;
    items.push(...res.items);
  }
  return items;
}

export interface TokenPage<T> {
  items: T[];
  nextToken?: string;
}

/** NextToken lists: stops on a missing, empty or repeated token. */
export async function allTokenPages<T>(source: string, fetch: (token: string | undefined) => Promise<TokenPage<T>>, maxPages = 1000): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 1; ; page++) {
    if (page > maxPages) throw new PagingLimitError(source, maxPages);
    const res = await fetch(token);
    items.push(...res.items);
    if (!res.nextToken || seen.has(res.nextToken)) return items;
    seen.add(res.nextToken);
    token = res.nextToken;
  }
}

/** Splits ids into batches of the API's maximum (DescribeInstances 100, DescribeInstanceTypes 10). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
