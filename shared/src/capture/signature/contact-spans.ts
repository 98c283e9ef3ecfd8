// Email addresses and web addresses in a line of text, found by linear scans around '@' and around
// "http", "www." and dotted words: a regular expression with a greedy local part would backtrack
// quadratically over a long run of letters without '@' (a 1 MB body is a real input).

/** A span of text a field was read from, so the rest of the line can be read without it. */
export interface Span {
  start: number;
  end: number;
  value: string;
}

const EMAIL_LOCAL_CHAR = /[\p{L}\p{N}._%+'-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;
const EMAIL_SHAPE =
  /^[\p{L}\p{N}_%+'-]+(?:\.[\p{L}\p{N}_%+'-]+)*@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,24}$/u;

/** Longest email address: RFC 5321 allows 254 characters. */
const MAX_EMAIL = 254;

/**
 * Email addresses in the text, with where they are. The address is lower-cased (as contacts store
 * them); a "mailto:" before it is part of the span.
 * @example findEmails('E-mail: cmiller@rice.edu')[0]?.value // 'cmiller@rice.edu'
 */
export function findEmails(text: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > from && at - start < 64 && EMAIL_LOCAL_CHAR.test(text[start - 1] ?? '')) start--;
    let end = at + 1;
    while (end < text.length && end - at < MAX_EMAIL && DOMAIN_CHAR.test(text[end] ?? '')) end++;
    // Trailing dots and hyphens end the sentence, not the address.
    while (end > at + 1 && /[.-]/.test(text[end - 1] ?? '')) end--;
    while (start < at && /[.'-]/.test(text[start] ?? '')) start++;
    const candidate = text.slice(start, end);
    if (!EMAIL_SHAPE.test(candidate)) continue;
    const mailto = /mailto:$/i.exec(text.slice(Math.max(0, start - 7), start));
    spans.push({ start: mailto ? start - 7 : start, end, value: candidate.toLowerCase() });
    from = end;
  }
  return spans;
}

/** Top-level domains a bare "name.tld" must end with to be read as a web address. */
const WEB_TLDS = new Set(
  'com net org info biz io co ai app dev tech online site shop store cloud fr de es cn hk tw sg uk us ca au ch be at nl it pt lu mx ar cl pe jp kr in eu asia tv me'.split(
    ' ',
  ),
);

const URL_TOKEN_END = /[\s<>"'()[\]{}|,;]/u;

/**
 * Web addresses: "http(s)://…", "www.…" and bare domains with a known top-level domain
 * ("equitycollege.com"). Only http(s) and scheme-less addresses are read, so a "javascript:" or
 * "data:" url can never come out. Addresses are returned as written, without trailing punctuation.
 * @example findUrls('Web: www.example.com.')[0]?.value // 'www.example.com'
 */
export function findUrls(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    // Tokens are runs without spaces or brackets; each is tested once, so the scan is linear.
    while (i < text.length && URL_TOKEN_END.test(text[i] ?? '')) i++;
    const start = i;
    while (i < text.length && !URL_TOKEN_END.test(text[i] ?? '')) i++;
    let token = text.slice(start, i);
    if (token.length < 4 || token.length > 2048 || token.includes('@')) continue;
    token = token.replace(/[.:!?。，]+$/u, '');
    if (/^https?:\/\/[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?::\d{1,5})?(?:[/?#]\S*)?$/iu.test(token)) {
      spans.push({ start, end: start + token.length, value: token });
    } else if (/^www\.[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?:[/?#]\S*)?$/iu.test(token)) {
      spans.push({ start, end: start + token.length, value: token });
    } else {
      const bare = /^([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*)\.([a-z]{2,6})(\/\S*)?$/iu.exec(token);
      // A bare domain needs a known TLD and a letter before the dot ("Enron.com", not "3.5").
      if (bare?.[2] && WEB_TLDS.has(bare[2].toLowerCase()) && /\p{L}/u.test(bare[1] ?? '')) {
        // "Corp." or "S.A." read as a word, never as a domain: every dotted part must be 2+ chars.
        if ((bare[1] ?? '').split('.').every((p) => p.length >= 2)) {
          spans.push({ start, end: start + token.length, value: token });
        }
      }
    }
  }
  return spans;
}

/**
 * The labels of a domain a company name can be compared with: "clinique.deparose.com" gives
 * ["clinique", "deparose"]; the top-level domain and "www" are left out.
 */
export function domainLabels(hostOrUrl: string): string[] {
  const host = hostOrUrl
    .replace(/^https?:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/^www\./i, '')
    .toLowerCase();
  const labels = host.split('.');
  labels.pop();
  // A two-level public suffix (co.uk, com.cn) leaves its first part behind.
  if (labels.length > 1 && /^(?:co|com|net|org|gov|edu|ac)$/.test(labels.at(-1) ?? '')) labels.pop();
  return labels.filter(Boolean);
}
