/** The TextDecoder both Node and browsers provide; shared's ES lib does not declare it. */
type Decoder = new (label: string, options?: { fatal?: boolean }) => { decode(bytes: Uint8Array): string };
const TextDecoderClass = (globalThis as unknown as { TextDecoder?: Decoder }).TextDecoder;

/**
 * Decodes bytes in the card's CHARSET (UTF-8 when absent; GB2312, GBK, Big5, Shift_JIS and the
 * other WHATWG encodings work too, as old Chinese and Japanese phones wrote them). An unknown
 * charset falls back to UTF-8, and then to Latin-1, which cannot fail.
 */
export function decodeBytes(bytes: Uint8Array, charset = 'utf-8'): string {
  if (TextDecoderClass) {
    for (const label of [charset, 'utf-8']) {
      try {
        return new TextDecoderClass(label, { fatal: true }).decode(bytes);
      } catch {
        // unknown label, or bytes that are not valid in it: try the next
      }
    }
  }
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

/**
 * Decodes a quoted-printable value (vCard 2.1's ENCODING=QUOTED-PRINTABLE): `=XX` escapes to
 * bytes, read in `charset`. Soft line breaks are already joined when the card is unfolded; a
 * malformed escape is kept as written.
 * @example decodeQuotedPrintable('=E7=8E=8B=E5=B0=8F=E6=98=8E') // '王小明'
 */
export function decodeQuotedPrintable(value: string, charset?: string): string {
  const bytes: number[] = [];
  let i = 0;
  while (i < value.length) {
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 3;
      continue;
    }
    const codePoint = value.codePointAt(i)!;
    const char = String.fromCodePoint(codePoint);
    i += char.length;
    if (codePoint < 0x80) {
      bytes.push(codePoint);
      continue;
    }
    // Not valid QP, but a card that mixes raw text in keeps that text (as UTF-8 bytes).
    try {
      for (const hex of encodeURIComponent(char).match(/%[0-9A-F]{2}/g) ?? []) {
        bytes.push(Number.parseInt(hex.slice(1), 16));
      }
    } catch {
      bytes.push(0x3f); // a lone surrogate: "?"
    }
  }
  return decodeBytes(Uint8Array.from(bytes), charset);
}
