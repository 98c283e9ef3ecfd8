/**
 * Runs INSIDE the clipped page through `scripting.executeScript({ func })`, so it must be
 * self-contained (Chrome serialises only the function's source). Returns the page's markup, cut at
 * `maxChars`: the pure extractor (shared `extractContactsFromHtml`) parses it outside the page.
 */
export function readPageHtml(maxChars: number): string {
  const html = document.documentElement?.outerHTML ?? '';
  return html.length > maxChars ? html.slice(0, maxChars) : html;
}

/**
 * Runs INSIDE the page (self-contained, see above): the text the rep selected, with its line
 * breaks (the context menu's `selectionText` loses them, and a signature is read line by line).
 */
export function readSelectionText(maxChars: number): string {
  const text = globalThis.getSelection?.()?.toString() ?? '';
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}
