// Conformance: the vCard files in the corpora (ical.js's parser tests, MPL-2.0, with expected
// jCard; sabre/vobject's folded base64 photos, BSD-3-Clause; and the complete example cards printed
// in RFC 6350 and RFC 2426). Every file must parse without an error; FN, EMAIL and TEL must be
// recovered; and a round trip through toVCard must keep them.
//
// Expected values: the expected jCard where the corpus has one; otherwise the file's own FN /
// EMAIL / TEL lines, read by the plain unfolding rule below (independent of the parser).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { corpusPath, hasCorpus } from '../../test-support/corpora';
import type { CapturedContact } from '../captured-contact';
import { parseVCards } from '../vcard/parse-vcards';
import { toVCard } from '../vcard/to-vcard';
import { FieldScores } from './field-scores';

type Field = 'FN' | 'EMAIL' | 'TEL';
type Expected = Record<Field, string[]>;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
// A phone is compared by its digits without an extension: "tel:+1-418-656-9254;ext=102" and
// "+1-418-656-9254 ext. 102" are one number.
const telDigits = (s: string) =>
  (s.replace(/^tel:/i, '').split(/;|\s+ext\.?\s*|\s+x\s*(?=\d)/i)[0] ?? '').replace(/\D/g, '');
const unescapeText = (s: string) => s.replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, '\n');

/** FN / EMAIL / TEL from a jCard (ical.js's expected output). */
function fromJCard(jcard: [string, [string, Record<string, unknown>, string, ...unknown[]][]]): Expected {
  const out: Expected = { FN: [], EMAIL: [], TEL: [] };
  for (const [name, , , value] of jcard[1]) {
    const key = name.toUpperCase();
    if (key === 'FN' || key === 'EMAIL' || key === 'TEL') out[key].push(String(value));
  }
  return out;
}

/** FN / EMAIL / TEL lines of a file, unfolded the RFC 6350 way. */
function fromLines(text: string): Expected {
  const out: Expected = { FN: [], EMAIL: [], TEL: [] };
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const match = /^(?:[\w-]+\.)?(FN|EMAIL|TEL)(?:;[^:]*)?:(.*)$/i.exec(line);
    if (match) out[match[1]!.toUpperCase() as Field].push(unescapeText(match[2]!));
  }
  return out;
}

/** The complete example cards printed in an RFC: BEGIN:VCARD … END:VCARD with no page break inside. */
function rfcExamples(text: string): string[] {
  const cards: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const begin = /^(\s+)BEGIN:VCARD\s*$/i.exec(lines[i]!);
    if (!begin) continue;
    const indent = begin[1]!.length;
    const body: string[] = [];
    for (let j = i; j < lines.length && j < i + 80; j++) {
      const line = lines[j]!;
      if (/\[Page \d+\]|^RFC \d+|\f/.test(line) || (line.trim() && line.search(/\S/) < indent)) break;
      body.push(line.slice(indent));
      if (/^\s*END:VCARD\s*$/i.test(line)) {
        cards.push(`${body.join('\r\n')}\r\n`);
        i = j;
        break;
      }
    }
  }
  return cards;
}

function found(contacts: CapturedContact[]): Expected {
  return {
    FN: contacts.flatMap((c) => [c.name ?? '', ...(c.alternates.name ?? [])]).filter(Boolean),
    EMAIL: contacts.flatMap((c) => c.emails.map((e) => e.address)),
    TEL: contacts.flatMap((c) => c.phones.map((p) => p.raw)),
  };
}

const key = (field: Field, values: string[]) =>
  values.map((v) => (field === 'TEL' ? telDigits(v) : field === 'EMAIL' ? norm(v).toLowerCase() : norm(v)));

interface Document {
  name: string;
  text: string;
  expected: Expected;
}

function documents(): Document[] {
  const docs: Document[] = [];
  const icaljs = corpusPath('vcard', 'icaljs-vcard', 'test', 'parser');
  for (const file of readdirSync(icaljs).filter((f) => f.endsWith('.vcf'))) {
    const text = readFileSync(`${icaljs}/${file}`, 'utf8');
    const jsonPath = `${icaljs}/${file.replace(/\.vcf$/, '.json')}`;
    let expected: Expected;
    try {
      expected = fromJCard(JSON.parse(readFileSync(jsonPath, 'utf8')));
    } catch {
      expected = fromLines(text);
    }
    docs.push({ name: `icaljs/${file}`, text, expected });
  }
  const sabre = corpusPath('vcard', 'sabre-vobject', 'tests', 'VObject');
  for (const file of readdirSync(sabre).filter((f) => f.endsWith('.vcf'))) {
    const text = readFileSync(`${sabre}/${file}`, 'utf8');
    docs.push({ name: `sabre/${file}`, text, expected: fromLines(text) });
  }
  for (const file of ['rfc6350-vcard-4.0.txt', 'rfc2426-vcard-3.0.txt']) {
    rfcExamples(readFileSync(corpusPath('vcard', 'rfc', file), 'utf8')).forEach((text, i) => {
      docs.push({ name: `${file} example ${i + 1}`, text, expected: fromLines(text) });
    });
  }
  return docs;
}

// The corpus is read inside the test, never while Vitest collects the suite: a skipped suite's body
// still runs at collection, and reading absent files there would fail instead of skipping.
describe.skipIf(!hasCorpus('vcard'))('conformance: vCard files', () => {
  test('every file parses without an error; FN, EMAIL and TEL are recovered and survive toVCard', () => {
    const docs = documents();
    const parsed = new FieldScores();
    const roundTrip = new FieldScores();
    const problems: string[] = [];
    let cards = 0;
    for (const doc of docs) {
      const result = parseVCards(doc.text);
      cards += result.contacts.length;
      if (result.errors.length) problems.push(`${doc.name}: ${JSON.stringify(result.errors)}`);
      const got = found(result.contacts);
      const again = found(parseVCards(toVCard(result.contacts)).contacts);
      for (const field of ['FN', 'EMAIL', 'TEL'] as const) {
        const { missed, extra } = parsed.add(field, key(field, doc.expected[field]), key(field, got[field]));
        if (missed.length || extra.length)
          problems.push(
            `${doc.name} ${field}: missed ${JSON.stringify(missed)} extra ${JSON.stringify(extra)}`,
          );
        const lost = roundTrip.add(field, key(field, got[field]), key(field, again[field]));
        if (lost.missed.length || lost.extra.length)
          problems.push(
            `${doc.name} ${field} round trip: lost ${JSON.stringify(lost.missed)} gained ${JSON.stringify(lost.extra)}`,
          );
      }
    }
    const rfc = docs.filter((d) => d.name.startsWith('rfc')).length;
    console.log(`vCard: ${docs.length - rfc} files and ${rfc} complete RFC example cards, ${cards} contacts`);
    console.log('parsed vs expected');
    console.table(parsed.table());
    console.log('round trip through toVCard vs first parse');
    console.table(roundTrip.table());
    if (problems.length) console.log(problems.join('\n'));

    expect(problems.filter((p) => p.includes('"code"'))).toEqual([]);
    for (const field of ['FN', 'EMAIL', 'TEL']) {
      expect(parsed.score(field)!.recall, `${field} recall`).toBeGreaterThanOrEqual(0.97);
      expect(parsed.score(field)!.precision, `${field} precision`).toBeGreaterThanOrEqual(0.97);
      expect(roundTrip.score(field)!.f1, `${field} round trip`).toBe(1);
    }
  });
});
