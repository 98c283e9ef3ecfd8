import type { LinkCandidate } from '@keepcard/shared';

/**
 * Runs INSIDE the clipped page through `scripting.executeScript({ func })`, so it must be
 * self-contained: no imports, no outer variables (Chrome serialises only the function's source).
 * It only reads the DOM and returns plain strings; normalisation happens in @keepcard/shared.
 *
 * Each mailto:/tel: link is grouped with the links of the same person by its nearest "card-like"
 * container; the person's name is the container's first name-like element (h-card's p-name/fn,
 * itemprop=name, a heading, bold text), else the link's own text ("Anna Schmidt"), else its title.
 * The container comes first because link texts are often calls to action ("write to us").
 */
export function collectLinkCandidates(): LinkCandidate[] {
  const MAX_LINKS = 500;
  const CONTAINER =
    '.h-card, .vcard, [itemscope], address, li, article, tr, dd, [class*="card" i], [class*="contact" i], [class*="person" i], [class*="profile" i], [class*="author" i]';
  const NAME = '.p-name, .fn, [itemprop="name"], h1, h2, h3, h4, h5, h6, strong, b, [class*="name" i]';
  const looksLikeName = (text: string | null | undefined): string | null => {
    const t = (text ?? '').replace(/\s+/g, ' ').trim();
    if (!t || t.length > 80 || t.includes('@') || /^[+\d\s().-]+$/.test(t) || /^(mailto|tel):/i.test(t))
      return null;
    return t;
  };

  const groups = new Map<Element, LinkCandidate>();
  const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))
    .filter((a) => /^(mailto|tel):/i.test(a.getAttribute('href') ?? ''))
    .slice(0, MAX_LINKS);
  for (const link of links) {
    const container = link.closest(CONTAINER) ?? link.parentElement ?? link;
    let group = groups.get(container);
    if (!group) {
      group = { name: null, mailtos: [], tels: [] };
      groups.set(container, group);
    }
    const href = link.getAttribute('href') ?? '';
    if (/^mailto:/i.test(href)) group.mailtos.push(href);
    else group.tels.push(href);
    if (!group.name) {
      for (const el of Array.from(container.querySelectorAll(NAME)).slice(0, 20)) {
        if (el.contains(link)) continue;
        const name = looksLikeName(el.textContent);
        if (name) {
          group.name = name;
          break;
        }
      }
    }
    group.name ??= looksLikeName(link.textContent) ?? looksLikeName(link.getAttribute('title'));
  }
  return [...groups.values()];
}
