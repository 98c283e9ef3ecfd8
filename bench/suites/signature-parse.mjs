// Issue 3: parseSignature on every real signature of the corpora (TextMine JDR and JDF, the Quagga
// Enron signature blocks), timed one signature at a time in Node. Budget: under 1 ms per signature
// at the 95th percentile. The TypeScript sources are loaded through tsx, as the tests load them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { register } from 'tsx/esm/api';
import { percentile, round1 } from '../support.mjs';

register();
const root = resolve(import.meta.dirname, '../..');
const corpora = process.env.KEEPCARD_CORPORA ?? resolve(root, '../shared/corpora');
const signatureDir = join(root, 'shared/src/capture/signature');

const round3 = (x) => Math.round(x * 1000) / 1000;

/** Every corpus signature with the default region a user reading it would have set. */
async function loadSignatures() {
  const { readTextMine, readEnron } = await import(join(signatureDir, 'conformance/corpus-formats.ts'));
  const cases = [];
  for (const corpus of ['JDR', 'JDF']) {
    const json = readFileSync(join(corpora, 'signature-entities', `${corpus}.json`), 'utf8');
    for (const s of readTextMine(json, corpus)) cases.push({ text: s.text, region: 'FR' });
  }
  for (const dir of ['train', 'eval', 'test']) {
    const folder = join(corpora, 'enron-signatures', dir);
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.txt.ann'))) {
      const message = readEnron(readFileSync(join(folder, file), 'utf8'), `${dir}/${file}`);
      for (const s of message.signatures) cases.push({ text: s.text, region: 'US' });
    }
  }
  return cases;
}

export default async function signatureParse() {
  const parameters = { warmupRounds: 2, rounds: 5, budgetMsPerSignature: 1 };
  const description =
    'parseSignature on every signature of TextMine JDR + JDF and the Quagga Enron signature blocks, one call timed at a time (performance.now) in Node after warm-up rounds; mean and p95 per signature over all measured calls.';
  if (!existsSync(join(corpora, 'signature-entities')) || !existsSync(join(corpora, 'enron-signatures'))) {
    return { description, parameters, skipped: `corpora not found at ${corpora} (set KEEPCARD_CORPORA)` };
  }
  const { parseSignature } = await import(join(signatureDir, 'parse-signature.ts'));
  const cases = await loadSignatures();
  for (let r = 0; r < parameters.warmupRounds; r++) {
    for (const c of cases) parseSignature(c.text, { defaultRegion: c.region });
  }
  const perSignature = [];
  const roundsMs = [];
  for (let r = 0; r < parameters.rounds; r++) {
    const roundStart = performance.now();
    for (const c of cases) {
      const t = performance.now();
      parseSignature(c.text, { defaultRegion: c.region });
      perSignature.push(performance.now() - t);
    }
    roundsMs.push(performance.now() - roundStart);
  }
  const meanMs = perSignature.reduce((a, b) => a + b, 0) / perSignature.length;
  const p95Ms = percentile(perSignature, 95);
  return {
    description,
    parameters: { ...parameters, signatures: cases.length },
    runsMs: { rounds: roundsMs.map(round1) },
    perSignatureMs: {
      mean: round3(meanMs),
      p50: round3(percentile(perSignature, 50)),
      p95: round3(p95Ms),
      p99: round3(percentile(perSignature, 99)),
      max: round3(Math.max(...perSignature)),
    },
    budget: { p95MsPerSignatureBelow: parameters.budgetMsPerSignature },
    pass: p95Ms < parameters.budgetMsPerSignature && meanMs < parameters.budgetMsPerSignature,
  };
}
