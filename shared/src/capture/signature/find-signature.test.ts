import { describe, expect, test } from 'vitest';
import { findSignature } from './find-signature';

// Email bodies written for these tests (not taken from any corpus).

const SIGNATURE_EN = 'Best regards,\nJohn Smith\nSales Manager\nAcme Inc.\nTel: +1 415 555 2671';

describe('findSignature: quoted replies and forwarded parts are removed first', () => {
  test.each<[string, string, string | null]>([
    [
      'English "On … wrote:" with > quotes',
      `Thanks, will do.\n\n${SIGNATURE_EN}\n\nOn Mon, Jan 6, 2025 at 10:00 AM, Jane Doe <jane@example.com> wrote:\n> Can you send the quote?\n>\n> Jane Doe\n> CEO, Example Corp\n> +1 212 736 5000`,
      SIGNATURE_EN,
    ],
    [
      'French "Le … a écrit :"',
      "Merci, c'est noté.\n\nCordialement,\nCamille Dubois\nDirectrice commerciale\nTél : 01 42 68 53 00\n\nLe lun. 6 janv. 2025 à 10:00, Jean Dupont <jean@exemple.fr> a écrit :\n> Bonjour,\n> Jean Dupont\n> Gérant",
      'Cordialement,\nCamille Dubois\nDirectrice commerciale\nTél : 01 42 68 53 00',
    ],
    [
      'German "Am … schrieb …:"',
      'Danke, passt.\n\nMit freundlichen Grüßen\nThomas Müller\nVertriebsleiter\n\nAm Mo., 6. Jan. 2025 um 10:00 Uhr schrieb Max Mustermann <max@beispiel.de>:\n> Hallo Thomas,\n> Max Mustermann\n> Geschäftsführer',
      'Mit freundlichen Grüßen\nThomas Müller\nVertriebsleiter',
    ],
    [
      'Spanish "El … escribió:"',
      'De acuerdo.\n\nSaludos,\nMaría García\nGerente de Ventas\n\nEl lun, 6 ene 2025 a las 10:00, Juan Pérez (<juan@ejemplo.es>) escribió:\n> Hola María,\n> Juan Pérez\n> Director',
      'Saludos,\nMaría García\nGerente de Ventas',
    ],
    [
      'Chinese "在 … 写道："',
      '王经理您好，\n\n附件是报价单，请查收。\n\n祝好\n张伟\n销售总监\n北京星辰科技有限公司\n手机：138 0013 8000\n\n在 2025年1月6日 周一 10:00，李四 <lisi@example.cn> 写道：\n> 请发报价。\n> 李四\n> 采购经理',
      '祝好\n张伟\n销售总监\n北京星辰科技有限公司\n手机：138 0013 8000',
    ],
    [
      'Chinese Gmail "… 于 … 写道："',
      '收到，谢谢。\n\n此致\n敬礼！\n张伟\n手机：138 0013 8000\n\n李四 <lisi@example.cn> 于2025年1月6日周一 10:00写道：\n> 请发报价。',
      '此致\n敬礼！\n张伟\n手机：138 0013 8000',
    ],
    [
      'Chinese Outlook "发件人：" header block without quote marks',
      '好的，明天发货。\n\n张伟\n销售总监\n手机：138 0013 8000\n\n发件人: 李四 <lisi@example.cn>\n发送时间: 2025年1月6日 10:00\n收件人: 张伟 <zhangwei@example.cn>\n主题: 报价\n\n请发报价。\n李四\n采购经理\n电话：021-5888 8888',
      '张伟\n销售总监\n手机：138 0013 8000',
    ],
    [
      'Foxmail "-----原始邮件-----"',
      '好的。\n\n祝好\n张伟\n\n------------------ 原始邮件 ------------------\n发件人: "李四"<lisi@example.cn>;\n发送时间: 2025年1月6日(星期一) 上午10:00\n收件人: "张伟"<zhangwei@example.cn>;\n主题: 报价\n\n李四\n采购经理',
      '祝好\n张伟',
    ],
    [
      'Outlook "From: … Sent: …" block after a rule',
      `Agreed.\n\n${SIGNATURE_EN}\n\n________________________________\nFrom: Jane Doe <jane@example.com>\nSent: Monday, January 6, 2025 10:00 AM\nTo: John Smith <john@acme.com>\nSubject: Quote\n\nJane Doe\nCEO\n+1 212 736 5000`,
      SIGNATURE_EN,
    ],
    [
      'French Outlook "De : … Envoyé : …"',
      'Bien reçu.\n\nCordialement,\nCamille Dubois\n\nDe : Jean Dupont <jean@exemple.fr>\nEnvoyé : lundi 6 janvier 2025 10:00\nÀ : Camille Dubois <camille@exemple.fr>\nObjet : Devis\n\nJean Dupont\nGérant',
      'Cordialement,\nCamille Dubois',
    ],
    [
      '"-----Original Message-----"',
      `See below.\n\n${SIGNATURE_EN}\n\n-----Original Message-----\nFrom: Jane Doe\nSent: Monday, January 6, 2025 10:00 AM\n\nJane Doe | CEO | +1 212 736 5000`,
      SIGNATURE_EN,
    ],
    [
      'German "-----Ursprüngliche Nachricht-----"',
      'Passt.\n\nViele Grüße\nThomas Müller\n\n-----Ursprüngliche Nachricht-----\nVon: Max Mustermann\nGesendet: Montag, 6. Januar 2025 10:00\n\nMax Mustermann\nGeschäftsführer',
      'Viele Grüße\nThomas Müller',
    ],
    [
      "forwarded with a comment: the comment's signature",
      `FYI, see the customer's request below.\n\n${SIGNATURE_EN}\n\n---------- Forwarded message ---------\nFrom: Jane Doe <jane@example.com>\nDate: Mon, Jan 6, 2025 at 10:00 AM\nSubject: Quote\nTo: John Smith <john@acme.com>\n\nPlease quote 100 units.\n\nJane Doe\nCEO, Example Corp\n+1 212 736 5000`,
      SIGNATURE_EN,
    ],
    [
      'forwarded without a comment: the forwarded message is read',
      '---------- Forwarded message ---------\nFrom: Jane Doe <jane@example.com>\nDate: Mon, Jan 6, 2025 at 10:00 AM\nSubject: Quote\nTo: John Smith <john@acme.com>\n\nPlease quote 100 units.\n\nJane Doe\nCEO, Example Corp\n+1 212 736 5000',
      'Jane Doe\nCEO, Example Corp\n+1 212 736 5000',
    ],
    [
      'inline replies between quotes keep the signature at the end',
      '> Can you ship on Monday?\n\nYes.\n\n> And the invoice?\n\nAttached.\n\n-- \nJohn Smith\nAcme Inc.',
      'John Smith\nAcme Inc.',
    ],
  ])('%s', (_case, body, expected) => {
    expect(findSignature(body)).toBe(expected);
  });
});

describe('findSignature: where the signature starts', () => {
  test.each<[string, string, string | null]>([
    ['"-- " delimiter', 'See you then.\n\n-- \nJohn Smith\nAcme Inc.', 'John Smith\nAcme Inc.'],
    ['"--" delimiter', 'See you then.\n\n--\nJohn Smith', 'John Smith'],
    ['a "--" inside a sentence is no delimiter', 'Fixed it -- this is not a signature.\n\nok', null],
    ['Best regards', `Please find the quote attached.\n\n${SIGNATURE_EN}`, SIGNATURE_EN],
    ['Cordialement', 'Voici le devis.\n\nCordialement\nCamille Dubois', 'Cordialement\nCamille Dubois'],
    [
      'Mit freundlichen Grüßen',
      'Anbei das Angebot.\n\nMit freundlichen Grüßen\nThomas Müller',
      'Mit freundlichen Grüßen\nThomas Müller',
    ],
    ['Saludos', 'Adjunto la oferta.\n\nSaludos,\nMaría García', 'Saludos,\nMaría García'],
    ['此致 / 敬礼', '报价见附件。\n\n此致\n敬礼\n张伟', '此致\n敬礼\n张伟'],
    ['祝好', '报价见附件。\n\n祝好，\n张伟', '祝好，\n张伟'],
    ['"Thanks, Noam" on one line', 'It is example.com.\n\nThanks, Noam', 'Thanks, Noam'],
    [
      'no delimiter: a trailing block with contact cues',
      'Please see the attached quote.\n\nJohn Smith\nSales Manager | Acme Inc.\n+1 415 555 2671\njohn.smith@acme.com',
      'John Smith\nSales Manager | Acme Inc.\n+1 415 555 2671\njohn.smith@acme.com',
    ],
    [
      'a legal notice below the signature is left out',
      `Agreed.\n\n${SIGNATURE_EN}\n\nThis e-mail and any attachments are confidential and intended solely for the addressee. If you are not the intended recipient, please delete it.`,
      SIGNATURE_EN,
    ],
    ['"Sent from my iPhone" is not a signature', 'On my way.\n\nSent from my iPhone', null],
    ['"Envoyé de mon iPhone"', "J'arrive.\n\nEnvoyé de mon iPhone", null],
    ['"Von meinem iPhone gesendet"', 'Bin unterwegs.\n\nVon meinem iPhone gesendet', null],
    ['"Enviado desde mi iPhone"', 'Voy en camino.\n\nEnviado desde mi iPhone', null],
    ['"发自我的iPhone"', '马上到。\n\n发自我的iPhone', null],
    [
      'a client footer below the signature is dropped',
      `On my way.\n\n${SIGNATURE_EN}\n\nSent from my iPhone`,
      SIGNATURE_EN,
    ],
    [
      '"Sent from my desk, …" is a sentence, not a footer',
      'Here it is.\n\nSent from my desk, is much easier then my mobile phone.',
      null,
    ],
  ])('%s', (_case, body, expected) => {
    expect(findSignature(body)).toBe(expected);
  });
});

describe('findSignature: no signature', () => {
  test.each<[string, string]>([
    ['empty', ''],
    ['blank', ' \n\n \t\n'],
    ['one word', 'ok'],
    ['one sentence', 'Sounds good, see you tomorrow at the office.'],
    [
      'prose only',
      'We reviewed the proposal with the team yesterday and agreed to move forward.\nThe contract should reach you by Friday, and we can start next month.',
    ],
    [
      'only a quote',
      'On Mon, Jan 6, 2025 at 10:00 AM, Jane Doe <jane@example.com> wrote:\n> Jane Doe\n> CEO\n> +1 212 736 5000',
    ],
    ['a list of short lines without any cue', 'Shopping list:\n\nApples\nPears\nBread'],
    ['a valediction with nothing after it', 'See you soon.\n\nBest regards'],
  ])('%s', (_case, body) => {
    expect(findSignature(body)).toBeNull();
  });
});

describe('findSignature: bad input', () => {
  /** Deterministic pseudo-random text (mulberry32), so a failure can be replayed. */
  function garbage(length: number, seed: number, alphabet: string): string {
    let state = seed;
    const next = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  }

  // Bounds (text-bounds.ts): 200,000 characters of a body and 8,000 of a signature are read; lines
  // over 1,000 characters are never matched against patterns. The time limits below are loose on
  // purpose (a slow CI machine); the bench measures the real figures.
  test.each<[string, string]>([
    ['random characters with few line breaks', garbage(1_000_000, 1, 'abc@.-+0123456789 >:\u4e2d\u6587xyz')],
    ['random characters with many line breaks', garbage(1_000_000, 2, 'ab@ .-+01234\n\n>:-_Tel')],
    ['one line of 1 MB', 'a'.repeat(1_000_000)],
    ['1 MB of @', '@'.repeat(1_000_000)],
    ['1 MB of digits and separators', '0 1-2.3/4('.repeat(100_000)],
    ['1 MB of quote markers', '> '.repeat(500_000)],
    ['100,000 short lines', 'Tel: 01 23 45 67 89\n'.repeat(50_000)],
  ])('%s: no crash, bounded time', (_case, body) => {
    const started = performance.now();
    const found = findSignature(body);
    expect(found === null || found.length <= body.length).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
