import { MAX_PAGE_SIZE, type PhoneNumber, type VobizClient } from "../sdk";

/**
 * Lists every number the account holds (a master account also sees its sub-accounts' numbers, with
 * `account_id` naming the holder) in one paged listing, reporting progress after each page. Numbers are
 * returned once each, sorted by e164. Fails with the SDK's `VobizError` of the page that failed.
 */
export async function listAccountNumbers(
  client: VobizClient,
  onPage: (listed: number, total: number) => void = () => undefined,
): Promise<PhoneNumber[]> {
  const numbers = client.numbers({ perPage: MAX_PAGE_SIZE, onPage: ({ listed, total }) => onPage(listed, total) });
  // A number bought or released while paging shifts the pages; keying by e164 keeps each number once.
  const byNumber = new Map<string, PhoneNumber>();
  for await (const number of numbers) byNumber.set(number.e164, number);
  return [...byNumber.values()].sort((a, b) => (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0));
}
