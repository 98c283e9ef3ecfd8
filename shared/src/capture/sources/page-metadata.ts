import { cleanText, resolveWebUrl } from '../clean-values';
import { emptyFinding, type Finding } from '../finding';
import type { PageScan } from '../html/page-scan';
import type { CaptureSource } from './capture-source';

// Separators between a page's own title and the site's name ("Contact | Acme", "关于我们 - 阿里巴巴").
const TITLE_SEPARATOR = /\s+[|–—·•:»-]\s+|\s*[|｜]\s*/u;

/**
 * The site's name: og:site_name or application-name, else the part of the title that names the
 * site (the part that shares a word with the host name; else the last part, where sites put it).
 */
export function siteName(scan: PageScan): string | undefined {
  const declared = cleanText(scan.metas.get('og:site_name') ?? scan.metas.get('application-name'), 200);
  if (declared) return declared;
  const parts = (scan.title ?? '')
    .split(TITLE_SEPARATOR)
    .map((p) => cleanText(p, 200))
    .filter((p): p is string => Boolean(p));
  if (parts.length <= 1) return parts[0];
  const host = scan.pageUrl ? new URL(scan.pageUrl).hostname.replace(/^www\./, '').split('.')[0] : undefined;
  const byHost =
    host && host.length >= 3 && parts.find((p) => p.toLowerCase().replace(/\s/g, '').includes(host));
  return byHost || parts.at(-1);
}

/** The largest icon the page declares (apple-touch-icon first): the closest thing to a logo most sites give. */
function logo(scan: PageScan): string | undefined {
  const declared = scan.metas.get('og:logo');
  if (declared) return resolveWebUrl(declared, scan.baseUrl);
  const size = (sizes: string | undefined) => Number(/(\d+)x\d+/i.exec(sizes ?? '')?.[1] ?? 0);
  const icons = scan.linkRels
    .filter((l) => l.rels.some((r) => r === 'apple-touch-icon' || r === 'icon'))
    .sort(
      (a, b) =>
        Number(b.rels.includes('apple-touch-icon')) - Number(a.rels.includes('apple-touch-icon')) ||
        size(b.sizes) - size(a.sizes),
    );
  for (const icon of icons) {
    const url = resolveWebUrl(icon.href, scan.baseUrl);
    if (url) return url;
  }
  return undefined;
}

// Paths of pages about the company itself: the home page, about, contact, team, imprint.
const COMPANY_PAGE_PATH =
  /^\/(?:(?:index|default|home)(?:\.\w+)?|(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:about(?:-us)?|company|contact(?:-us)?|kontakt|impressum|imprint|team|our-team|who-we-are|a-propos|qui-sommes-nous|nosotros|contacto|empresa|guanyu|lianxi|about\.html?|contact\.html?)(?:\/.*)?)?\/?$/i;

/** True when the page is about the company that publishes it: its home, about, contact or team page, or a business profile. */
export function isCompanyPage(scan: PageScan): boolean {
  const type = scan.metas.get('og:type')?.toLowerCase() ?? '';
  if (type.startsWith('business') || type === 'company' || type === 'organization') return true;
  if (!scan.pageUrl) return false;
  const url = new URL(scan.pageUrl);
  return (
    COMPANY_PAGE_PATH.test(decodeURIComponentSafe(url.pathname)) ||
    /(?:关于|联系)/.test(decodeURIComponentSafe(url.pathname))
  );
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The organisation behind the page, from its metadata: site name, description, home url and logo.
 * On a company page it is a contact; elsewhere (an article, a profile) it is weak: a contact only
 * when another finding joins it, such as the page's info@ address.
 */
export const pageMetadataSource: CaptureSource = {
  id: 'page-metadata',
  extract(scan) {
    const name = siteName(scan);
    if (!name) return [];
    const f: Finding = { ...emptyFinding('page-metadata'), kind: 'organization', name };
    if (!isCompanyPage(scan)) f.weak = true;
    const canonical =
      scan.linkRels.find((l) => l.rels.includes('canonical'))?.href ?? scan.metas.get('og:url');
    const home = resolveWebUrl(canonical, scan.baseUrl) ?? scan.pageUrl;
    if (home) f.urls = [`${new URL(home).origin}/`];
    const note = cleanText(scan.metas.get('description') ?? scan.metas.get('og:description'), 1000);
    if (note) f.note = note;
    const photoUrl = logo(scan);
    if (photoUrl) f.photoUrl = photoUrl;
    return [f];
  },
};
