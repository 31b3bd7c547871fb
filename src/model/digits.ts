/**
 * `groupDigits(12345)` is "12,345", as `(12345).toLocaleString('en-US')` writes it, but without Intl: the first
 * use of Intl in a page sets up ICU's number formatting (about 12 ms in Chromium on the project's machine), and the
 * messages of opening a flow are on the path from choosing a file to seeing it. Safe integers only; anything else is
 * handed to `toLocaleString` as before.
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}
