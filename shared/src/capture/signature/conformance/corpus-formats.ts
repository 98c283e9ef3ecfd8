// Test-only readers for the external signature corpora (../shared/corpora, see its README). Pure:
// the suites read the files and pass their text in. Nothing here is exported from the package.

/** The gold fields of one signature, in the shape parseSignature returns. */
export interface GoldSignature {
  /** Where the case comes from (file and position), for the failure listings. */
  id: string;
  text: string;
  name: string[];
  title: string[];
  organization: string[];
  emails: string[];
  phones: string[];
  address: string[];
}

interface TextMineAnnotation {
  label: string;
  begin: number;
  end: number;
}
interface TextMineItem {
  identifier: number;
  text: string;
  annotations: TextMineAnnotation[];
}

const TEXTMINE_FIELDS: Record<string, keyof Omit<GoldSignature, 'id' | 'text'>> = {
  Human: 'name',
  Function: 'title',
  Organization: 'organization',
  Email: 'emails',
  Phone_Number: 'phones',
};

/**
 * TextMine 2023 (JDR, JDF): token spans with labels. A gold value is a maximal run of tokens with
 * the same label separated by nothing or one space (that is how the corpus tokenises a value:
 * "Faustin" + "Chabot" → "Faustin Chabot").
 */
export function readTextMine(json: string, corpus: string): GoldSignature[] {
  const items = JSON.parse(json) as TextMineItem[];
  return items.map((item) => {
    const gold: GoldSignature = {
      id: `${corpus}#${item.identifier}`,
      text: item.text,
      name: [],
      title: [],
      organization: [],
      emails: [],
      phones: [],
      address: [],
    };
    const sorted = [...item.annotations].sort((a, b) => a.begin - b.begin);
    const runs: { label: string; begin: number; end: number }[] = [];
    for (const a of sorted) {
      const last = runs.at(-1);
      const gap = last ? item.text.slice(last.end, a.begin) : null;
      if (last && last.label === a.label && (gap === '' || gap === ' ')) last.end = a.end;
      else runs.push({ label: a.label, begin: a.begin, end: a.end });
    }
    for (const run of runs) {
      const field = TEXTMINE_FIELDS[run.label];
      if (field) gold[field].push(item.text.slice(run.begin, run.end).trim());
    }
    return gold;
  });
}

/** Decodes quoted-printable text (soft line breaks, =XX bytes read as Latin-1, as Enron's are). */
export function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

interface QuaggaDenotation {
  start: number;
  end: number;
  type: string;
}
interface QuaggaAnnotation {
  text: string;
  denotations: QuaggaDenotation[];
  meta?: { header?: Record<string, string> };
}

const ENRON_FIELDS: Record<string, keyof Omit<GoldSignature, 'id' | 'text'>> = {
  'Body/Signature/Name': 'name',
  'Body/Signature/Position': 'title',
  'Body/Signature/Organisation': 'organization',
  'Body/Signature/Mail': 'emails',
  'Body/Signature/Phone': 'phones',
  'Body/Signature/Address': 'address',
};

/** An Enron message body with its gold signatures (Quagga's JSON .txt.ann files). */
export interface EnronMessage {
  id: string;
  body: string;
  signatures: GoldSignature[];
  /** The signatures in the sender's own text, above the first quoted or forwarded header. */
  ownSignatures: GoldSignature[];
}

/**
 * Quagga's annotated Enron mails: each "Body/Signature" span is one case, its Name, Position,
 * Organisation, Phone, Mail and Address spans inside it the gold fields (Fax is left out: a fax is
 * no phone). Quoted-printable bodies are decoded as a mail client would before showing them.
 */
export function readEnron(json: string, id: string): EnronMessage {
  const ann = JSON.parse(json) as QuaggaAnnotation;
  const qp = /quoted-printable/i.test(ann.meta?.header?.['Content-Transfer-Encoding'] ?? '');
  const decode = (s: string) => (qp ? decodeQuotedPrintable(s) : s);
  const spans = ann.denotations.filter((d) => d.type === 'Body/Signature').sort((a, b) => a.start - b.start);
  const starts = spans.map((d) => d.start);
  const signatures = spans.map((sig): GoldSignature => {
    const gold: GoldSignature = {
      id: `${id}@${sig.start}`,
      text: decode(ann.text.slice(sig.start, sig.end)),
      name: [],
      title: [],
      organization: [],
      emails: [],
      phones: [],
      address: [],
    };
    for (const d of ann.denotations) {
      const field = ENRON_FIELDS[d.type];
      if (field && d.start >= sig.start && d.end <= sig.end) {
        gold[field].push(decode(ann.text.slice(d.start, d.end)).trim());
      }
    }
    return gold;
  });
  // Quagga marks each quoted or forwarded message's header block "Header": the sender's own text
  // ends at the first one.
  const ownEnd = Math.min(
    ann.text.length,
    ...ann.denotations.filter((d) => d.type === 'Header' && d.start > 0).map((d) => d.start),
  );
  const ownSignatures = signatures.filter((_, k) => (starts[k] ?? Infinity) < ownEnd);
  return { id, body: decode(ann.text), signatures, ownSignatures };
}

/**
 * talon marks signature lines with "#sig#" and quoted lines with "#reply#" at the line start;
 * the markers are annotation, not mail text.
 */
export function stripTalonMarkers(text: string): string {
  return text.replace(/^#(?:sig|reply)#/gm, '');
}

/** The lines talon marked "#sig#", without the marker: the expected signature. */
export function talonMarkedSignature(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.startsWith('#sig#'))
    .map((l) => l.slice(5))
    .join('\n');
}

/** The text/plain part of a raw .eml message (headers dropped, quoted-printable decoded). */
export function emlPlainText(eml: string): string {
  const normalised = eml.replace(/\r\n/g, '\n');
  const boundary = /boundary="?([^";\n]+)"?/i.exec(normalised)?.[1];
  const parts = boundary ? normalised.split(`--${boundary}`) : [normalised];
  for (const part of parts) {
    const split = part.indexOf('\n\n');
    if (split < 0) continue;
    const headers = part.slice(0, split);
    if (boundary && !/content-type:\s*text\/plain/i.test(headers)) continue;
    const body = part.slice(split + 2);
    return /quoted-printable/i.test(headers) ? decodeQuotedPrintable(body) : body;
  }
  return '';
}
