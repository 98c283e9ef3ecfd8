import { describe, expect, test } from 'vitest';
import { type ParsedSignature, parseSignature } from './parse-signature';

// Signatures written for these tests (not taken from any corpus), one per language, in the shapes
// sales reps receive: valediction, name, title, company, labelled numbers including a fax.

const EN = `Best regards,
Sarah Johnson
Senior Account Manager
Acme Widgets Inc.
Tel: +1 (415) 555-2671 | Mobile: +1 415 555 0199
Fax: +1 415 555 2672
sarah.johnson@acmewidgets.com | www.acmewidgets.com
1 Market Street, Suite 300, San Francisco, CA 94105`;

const FR = `Cordialement,

Camille Dubois
Directrice commerciale
Transports Dubois SARL
Tél : 01 42 68 53 00
Portable : 06 12 34 56 78
Télécopie : 01 42 68 53 01
camille.dubois@transports-dubois.fr
12 rue de la Paix, 75002 Paris`;

const DE = `Mit freundlichen Grüßen

Thomas Müller
Vertriebsleiter
Müller & Söhne GmbH
Hauptstraße 12, 10115 Berlin
Tel.: +49 30 1234567
Handy: +49 151 23456789
Fax: +49 30 1234568
thomas.mueller@mueller-soehne.de`;

const ES = `Saludos cordiales,
María García López
Gerente de Ventas
Distribuciones Ibéricas S.L.
Móvil: +34 612 345 678
Tel.: +34 91 123 45 67
Fax: +34 91 123 45 68
maria.garcia@distribuciones-ibericas.es
Calle Mayor, 10, 28013 Madrid`;

const ZH = `此致
敬礼！

张伟
销售总监
北京星辰科技有限公司
手机：138 0013 8000
座机：010-6552 9988 转 8001
传真：010-6552 9989
邮箱：zhangwei@xingchen-tech.cn
地址：北京市朝阳区建国路88号SOHO现代城A座1201室`;

const ZH_ONE_LINE = `王小明 | 高级工程师
上海云帆信息技术有限公司
电话：+86 21 5888 8888 ｜ 传真：+86 21 5888 8889
Email: xiaoming.wang@yunfan.com.cn`;

const ZH_TRADITIONAL = `謝謝
陳美玲
業務經理
台灣光電股份有限公司
手機：0912 345 678
傳真：02-2345-6789`;

describe('parseSignature per language', () => {
  test.each<[string, string, string | undefined, ParsedSignature]>([
    [
      'English',
      EN,
      'US',
      {
        name: 'Sarah Johnson',
        title: 'Senior Account Manager',
        organization: 'Acme Widgets Inc.',
        emails: ['sarah.johnson@acmewidgets.com'],
        phones: ['+14155552671', '+14155550199'],
        urls: ['www.acmewidgets.com'],
        address: '1 Market Street, Suite 300, San Francisco, CA 94105',
      },
    ],
    [
      'French',
      FR,
      'FR',
      {
        name: 'Camille Dubois',
        title: 'Directrice commerciale',
        organization: 'Transports Dubois SARL',
        emails: ['camille.dubois@transports-dubois.fr'],
        phones: ['+33142685300', '+33612345678'],
        urls: [],
        address: '12 rue de la Paix, 75002 Paris',
      },
    ],
    [
      'German',
      DE,
      'DE',
      {
        name: 'Thomas Müller',
        title: 'Vertriebsleiter',
        organization: 'Müller & Söhne GmbH',
        emails: ['thomas.mueller@mueller-soehne.de'],
        phones: ['+49301234567', '+4915123456789'],
        urls: [],
        address: 'Hauptstraße 12, 10115 Berlin',
      },
    ],
    [
      'Spanish',
      ES,
      'ES',
      {
        name: 'María García López',
        title: 'Gerente de Ventas',
        organization: 'Distribuciones Ibéricas S.L.',
        emails: ['maria.garcia@distribuciones-ibericas.es'],
        phones: ['+34612345678', '+34911234567'],
        urls: [],
        address: 'Calle Mayor, 10, 28013 Madrid',
      },
    ],
    [
      'Chinese',
      ZH,
      'CN',
      {
        name: '张伟',
        title: '销售总监',
        organization: '北京星辰科技有限公司',
        emails: ['zhangwei@xingchen-tech.cn'],
        phones: ['+8613800138000', '+861065529988'],
        urls: [],
        address: '北京市朝阳区建国路88号SOHO现代城A座1201室',
      },
    ],
    [
      'Chinese, name and title on one line',
      ZH_ONE_LINE,
      'CN',
      {
        name: '王小明',
        title: '高级工程师',
        organization: '上海云帆信息技术有限公司',
        emails: ['xiaoming.wang@yunfan.com.cn'],
        phones: ['+862158888888'],
        urls: [],
      },
    ],
    [
      'Chinese (traditional)',
      ZH_TRADITIONAL,
      'TW',
      {
        name: '陳美玲',
        title: '業務經理',
        organization: '台灣光電股份有限公司',
        emails: [],
        phones: ['+886912345678'],
        urls: [],
      },
    ],
  ])('%s', (_language, text, region, expected) => {
    expect(parseSignature(text, region ? { defaultRegion: region } : {})).toEqual(expected);
  });
});

describe('a fax number is not a phone', () => {
  test.each<[string, string, string, string[]]>([
    ['Fax: label', 'Fax: +1 415 555 2672', 'US', []],
    ['(fax) after the number', '(713) 646-3490 (fax)\n(713) 345-7732 (phone)', 'US', ['+17133457732']],
    ['Facsimile after the number', '281.423.5360 Telephone\n281.885.1584 Facsimile', 'US', ['+12814235360']],
    ['f. letter label', 't. 212-736-5000\nf. 212-736-5001', 'US', ['+12127365000']],
    ['Télécopie', 'Tél : 01 42 68 53 00 Télécopie : 01 42 68 53 01', 'FR', ['+33142685300']],
    ['Telefax', 'Telefon: 030 1234567\nTelefax: 030 1234568', 'DE', ['+49301234567']],
    ['传真', '电话：010-6552 9988\n传真：010-6552 9989', 'CN', ['+861065529988']],
    ['傳真', '傳真：02-2345-6789', 'TW', []],
    ['fax after a phone on one line', 'Tel 01 42 68 53 00 - Fax 01 42 68 53 01', 'FR', ['+33142685300']],
    // One number for both calls and faxes answers calls: it is kept as a phone.
    ['Tel/Fax is a phone', 'Tel/Fax: +49 30 1234567', 'DE', ['+49301234567']],
  ])('%s', (_case, text, region, phones) => {
    expect(parseSignature(text, { defaultRegion: region }).phones).toEqual(phones);
  });
});

describe('phones', () => {
  test.each<[string, string | undefined, string[]]>([
    ['Mob. 06 12 34 56 78', 'FR', ['+33612345678']],
    ['Cell: (415) 555-2671', 'US', ['+14155552671']],
    ['Handy: 0151 23456789', 'DE', ['+4915123456789']],
    ['Móvil: 612 345 678', 'ES', ['+34612345678']],
    ['T: +44 20 7946 0958', 'US', ['+442079460958']],
    // No default region: a national number cannot be made E.164 and is kept as written.
    ['Tel: 01 42 68 53 00', undefined, ['01 42 68 53 00']],
    // Unparseable but labelled: kept raw rather than lost.
    ['Tel: (713) 853-87998', 'US', ['(713) 853-87998']],
    // A plus in front of a national number still reads as the national number.
    ['+ 03 81 20 48 27', 'FR', ['+33381204827']],
    // Numbers that are not phones: a ZIP+4, a date, a QQ id, an extension code, a postal code.
    ['Houston, TX 77002-7361', 'US', []],
    ['Date: 2024-05-01', 'US', []],
    ['QQ：123456789', 'CN', []],
    ['Room EB3817', 'US', []],
    ['1111 Louisiana St., Suite 4300 (77002)', 'US', []],
  ])('%s', (text, region, phones) => {
    expect(parseSignature(text, region ? { defaultRegion: region } : {}).phones).toEqual(phones);
  });
});

describe('names, titles and organisations', () => {
  test.each<[string, Partial<ParsedSignature>]>([
    [
      'Mark D. Guinney, CFA\nConsultant\nWatson Wyatt Investment Consulting',
      { name: 'Mark D. Guinney', title: 'Consultant', organization: 'Watson Wyatt Investment Consulting' },
    ],
    ['E. Paul Rowady, Jr.', { name: 'E. Paul Rowady, Jr.' }],
    ['Claudine du Bruneau\nClim Pack', { name: 'Claudine du Bruneau', organization: 'Clim Pack' }],
    ['Thanks, Noam', { name: 'Noam' }],
    ['Thanks,\nNoam', { name: 'Noam' }],
    ['-John Doe\ndoe@example.com', { name: 'John Doe' }],
    [
      'Deputy Chairman, Republican National Committee',
      { title: 'Deputy Chairman', organization: 'Republican National Committee' },
    ],
    [
      'Jane Roe\nManaging Director - Research\nEnron Corp.',
      { name: 'Jane Roe', title: 'Managing Director - Research', organization: 'Enron Corp.' },
    ],
    [
      'Odile Marchand\nSophrologue - Cabinet Horizon\ncabinethorizon.fr',
      { title: 'Sophrologue', organization: 'Cabinet Horizon' },
    ],
    ['Poste : Chef de projet', { title: 'Chef de projet' }],
    [
      'Anna Schmidt\nProjektleiterin\nBeispiel AG',
      { name: 'Anna Schmidt', title: 'Projektleiterin', organization: 'Beispiel AG' },
    ],
    ['欧阳娜娜\n市场部经理', { name: '欧阳娜娜', title: '市场部经理' }],
  ])('%s', (text, expected) => {
    expect(parseSignature(text, { defaultRegion: 'US' })).toMatchObject(expected);
  });
});

describe('bad input', () => {
  test('script-like strings are read as text, and javascript:/data: urls never come out', () => {
    const parsed = parseSignature(
      '<script>alert(1)</script>\nJohn Smith\njavascript:alert(document.cookie)\ndata:text/html;base64,PHNjcmlwdD4=\n<img src=x onerror=alert(1)>\nhttps://example.com/?q=<b>',
    );
    expect(parsed.name).toBe('John Smith');
    expect(parsed.urls.every((u) => /^(?:https?:\/\/|www\.|[\p{L}\p{N}])/iu.test(u))).toBe(true);
    expect(parsed.urls.some((u) => /^(?:javascript|data):/i.test(u))).toBe(false);
  });

  test('empty, blank and digit-only input give empty fields', () => {
    for (const text of ['', '   \n\n  ', '1234567890123456789012345']) {
      expect(parseSignature(text)).toEqual({ emails: [], phones: [], urls: [] });
    }
  });

  test('1 MB of garbage: no crash, bounded time (only the first 8,000 characters are read)', () => {
    let seed = 7;
    const chars = 'ab@.-+0123456789 >:\n\u4e2d\u6587Tel:Fax';
    let text = '';
    for (let i = 0; i < 1_000_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      text += chars[seed % chars.length];
    }
    const started = performance.now();
    const parsed = parseSignature(text, { defaultRegion: 'CN' });
    expect(Array.isArray(parsed.phones)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  test('a long selection is read only up to its bound', () => {
    const text = `${'Jane Roe\nSales Manager\n'.repeat(10)}${'x'.repeat(100_000)}\nlate@example.com`;
    const parsed = parseSignature(text);
    expect(parsed.name).toBe('Jane Roe');
    expect(parsed.emails).toEqual([]);
  });
});
