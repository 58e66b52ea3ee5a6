import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, zonedInstant, type CertificateDocument, type CreditedSession } from '@apoc/shared';
import { certificateFonts, renderCertificatePdf } from './certificates.pdf';

// The certificate is read back the way a person or a licensing body's software would read it: its text through
// poppler's pdftotext, its fonts through pdffonts, its pages as pictures through pdftoppm (Debian's
// poppler-utils, which scripts/install.mjs installs).

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../../', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apoc-certificate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function written(pdf: Buffer, name: string): Promise<string> {
  const path = join(dir, `${name}.pdf`);
  await writeFile(path, pdf);
  return path;
}

async function textOf(path: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']);
  return stdout;
}

/** pdffonts' rows: the font's name and whether it is embedded. */
async function fontsOf(path: string): Promise<{ name: string; embedded: boolean }[]> {
  const { stdout } = await run('pdffonts', [path]);
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      // name, type (may hold spaces), encoding, emb, sub, uni, object number, generation.
      const fields = line.trim().split(/\s+/);
      return { name: fields[0] ?? '', embedded: fields.at(-5) === 'yes' };
    });
}

/** Whether the text holds these words in this order (a title that wraps in its cell has other columns between). */
function holdsInOrder(text: string, phrase: string): boolean {
  const words = text.split(/\s+/);
  let at = 0;
  for (const word of phrase.split(/\s+/)) {
    at = words.indexOf(word, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

const SEOUL = 'Asia/Seoul';
const FIRST_DAY = '2027-03-09';

const TITLES = [
  ['Opening plenary: the state of oncology care in Asia', 0.75],
  ['Bispecific T-cell engagers in small-cell lung cancer', 1],
  ['KRAS G12C inhibitors: resistance and next steps', 0.75],
  ['Case discussion: EGFR-mutant NSCLC after osimertinib', 1.5],
  ['Bone health in metastatic breast cancer', 0.5],
  ['Biosimilars in everyday oncology practice', 0.75],
  ['Tumour board: multiple myeloma at first relapse', 1],
  ['한국 암 등록 자료로 본 실제 임상 근거', 0.75],
  ['Minimal residual disease in acute lymphoblastic leukaemia', 1],
  ['Managing cytokine release syndrome on the ward', 0.5],
  ['Febrile neutropenia: prophylaxis with pegfilgrastim', 0.75],
  ['Gastric cancer: claudin 18.2 as a therapeutic target', 0.25],
  ['Clinical trial design for rare tumours (workshop)', 1.5],
  ['Patient-reported outcomes in routine follow-up', 0.5],
  ['Hepatocellular carcinoma: sequencing systemic therapy', 0.75],
  ['Precision oncology with circulating tumour DNA', 1],
  ['Survivorship care plans after curative treatment', 0.25],
  ['Nurse-led clinics for oral anticancer therapies', 0.5],
  ['Debate: de-escalation of systemic therapy in HER2-positive early breast cancer after neoadjuvant treatment', 1.25],
  ['Closing plenary and outlook to 2028', 1],
] as const;

/** Sessions over three days in Seoul from 08:30, seven, seven and six a day, each followed by a break. */
function seoulSessions(): CreditedSession[] {
  const perDay = [7, 7, 6];
  const sessions: CreditedSession[] = [];
  let index = 0;
  perDay.forEach((count, day) => {
    let start = zonedInstant(addDays(FIRST_DAY, day), '08:30', SEOUL).getTime();
    for (let n = 0; n < count; n++, index++) {
      const [title, credits] = TITLES[index] as (typeof TITLES)[number];
      const end = start + credits * 60 * 60_000;
      sessions.push({
        sessionId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
        title,
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(end).toISOString(),
        credits,
      });
      start = end + 15 * 60_000;
    }
  });
  return sessions;
}

/** Exact, as the service adds them: in hundredths. */
const totalOf = (sessions: readonly CreditedSession[]) =>
  sessions.reduce((sum, session) => sum + Math.round(session.credits * 100), 0) / 100;

function seoulCertificate(overrides: Partial<CertificateDocument> = {}): CertificateDocument {
  const sessions = overrides.sessions ?? seoulSessions();
  return {
    code: 'K7QF-2MXD-9WRT-HB4N',
    language: 'en',
    name: '김서연',
    institution: 'Institut Curie – Hôpital René-Huguenin, Saint-Cloud',
    summitTitle: 'APoC Summit Seoul 2027',
    summitTimeZone: SEOUL,
    startDate: FIRST_DAY,
    endDate: addDays(FIRST_DAY, 2),
    day: null,
    venue: 'COEX Convention & Exhibition Center, Seoul',
    sessions,
    totalCredits: totalOf(sessions),
    creditName: 'European CME credits (ECMEC®s)',
    statement:
      'The APoC Summit Seoul 2027 is accredited by the European Accreditation Council for Continuing Medical Education ' +
      '(EACCME®) to provide the following CME activity for medical specialists. The EACCME® is an institution of the ' +
      'European Union of Medical Specialists (UEMS), www.uems.net. The APoC Summit Seoul 2027 is designated for a ' +
      'maximum of 16.25 hours of European external CME credits. Each medical specialist should claim only those hours ' +
      'of credit that he/she actually spent in the educational activity.',
    signatoryName: 'Prof. Park Ji-hoon, MD, PhD',
    signatoryTitle: 'Chair of the Scientific Committee, APoC Summit Seoul 2027',
    issuedAt: zonedInstant(addDays(FIRST_DAY, 2), '18:30', SEOUL).toISOString(),
    verifyUrl: 'https://summits.apoc-network.org/certificates/K7QF-2MXD-9WRT-HB4N',
    ...overrides,
  };
}

describe('the certificate PDF', () => {
  it('finds the fonts it embeds (DejaVu and Nanum, from Debian)', () => {
    expect(certificateFonts().missing).toEqual([]);
  });

  it('states a Hangul name, an accented institution, every session of a three-day summit in Seoul and the exact total', async () => {
    const doc = seoulCertificate();
    expect(doc.sessions).toHaveLength(20);
    expect(doc.totalCredits).toBe(16.25);
    const pdf = await renderCertificatePdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const path = await written(pdf, 'seoul');
    // Its pages as pictures, to look at (test-results/ is not committed).
    const pictures = join(root, 'test-results/certificates');
    await mkdir(pictures, { recursive: true });
    for (const old of await readdir(pictures)) if (old.startsWith('seoul')) await rm(join(pictures, old));
    await run('pdftoppm', ['-r', '80', '-png', path, join(pictures, 'seoul')]);
    expect((await readdir(pictures)).filter((file) => file.startsWith('seoul'))).not.toHaveLength(0);

    const text = await textOf(path);
    expect(text).toContain('김서연');
    expect(text).toContain('Institut Curie – Hôpital René-Huguenin, Saint-Cloud');
    expect(text).toContain('Certificate of attendance');
    expect(text).toContain('Amgen Partners of Choice · APoC Summit');
    expect(text).toMatch(/attended APoC Summit Seoul 2027, 9\s?–\s?11 March 2027/);
    for (const session of doc.sessions) expect(holdsInOrder(text, session.title), session.title).toBe(true);
    // Times in the summit's zone, which is named: 08:30 in Seoul is 23:30 UTC the day before.
    expect(text).toContain('Time (Seoul)');
    expect(text).toContain('Tue 9 Mar 2027');
    expect(text).toContain('08:30–09:15');
    expect(text).toContain('Thu 11 Mar 2027');
    expect(text).toMatch(/Total\s+16\.25/);
    expect(text).toContain('Credits awarded: 16.25 European CME credits (ECMEC®s)');
    expect(holdsInOrder(text, 'Each medical specialist should claim only those hours')).toBe(true);
    expect(text).toContain('Prof. Park Ji-hoon, MD, PhD');
    expect(text).toContain('Issued on 11 March 2027');
    expect(text).toContain('Verification code: K7QF-2MXD-9WRT-HB4N');
    // The address, cut after a slash where its column is narrow.
    expect(text).toContain('https://summits.apoc-network.org/');
    expect(text).toContain('certificates/K7QF-2MXD-9WRT-HB4N');
    expect(text).toMatch(/Page 1 of (\d)/);

    const fonts = await fontsOf(path);
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
      'NanumGothic',
      'NanumGothicBold',
    ]);
    expect(fonts.every((font) => font.embedded)).toBe(true);
  });

  it('carries its title, author, subject and language in the metadata', async () => {
    const pdf = await renderCertificatePdf(seoulCertificate({ language: 'ko' }));
    expect(pdf.toString('latin1')).toMatch(/\/Lang \(ko\)/);
    const path = await written(pdf, 'metadata');
    const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', path]);
    expect(stdout).toMatch(/^Title:\s+참석 증명서 · 김서연 · APoC Summit Seoul 2027$/m);
    expect(stdout).toMatch(/^Author:\s+Amgen Partners of Choice · APoC Summit$/m);
    expect(stdout).toMatch(/^Subject:\s+APoC Summit Seoul 2027 참석 증명서: 16\.25 European CME credits \(ECMEC®s\)$/m);
    const text = await textOf(path);
    expect(text).toContain('시간(서울)');
    expect(text).toContain('2027년 3월 9일');
  });

  it('is written in French, with French dates, numbers and spacing', async () => {
    const sessions = seoulSessions().slice(0, 4);
    const doc = seoulCertificate({
      language: 'fr',
      name: 'Zoë Müller-Lefèvre',
      institution: 'Hôpital Européen Georges-Pompidou',
      sessions,
      totalCredits: totalOf(sessions),
      venue: null,
    });
    const text = await textOf(await written(await renderCertificatePdf(doc), 'french'));
    expect(text).toContain('Zoë Müller-Lefèvre');
    expect(text).toContain('Hôpital Européen Georges-Pompidou');
    expect(text).toContain('Attestation de présence');
    expect(text).toMatch(/a participé à APoC Summit Seoul 2027, 9–11 mars 2027 \(En ligne\)/);
    expect(text).toContain('Heure (Séoul)');
    expect(text).toContain('mar. 9 mars 2027');
    expect(text).toMatch(/Total\s+4,00/);
    expect(text).toContain('0,75');
    expect(text).toContain('Délivrée le 11 mars 2027');
    // DejaVu draws U+202F with its space's glyph, which pdftotext reads back as a space.
    expect(text).toMatch(/Code de vérification[\s\u202f]: K7QF-2MXD-9WRT-HB4N/);
    expect(text).toContain('Page 1 sur 1');
  });

  it('breaks a long list of sessions onto further pages, the table header repeated and the pages numbered', async () => {
    const days = 5;
    const sessions: CreditedSession[] = [];
    for (let day = 0; day < days; day++) {
      for (let n = 0; n < 14; n++) {
        const start = zonedInstant(addDays(FIRST_DAY, day), '08:00', SEOUL).getTime() + n * 45 * 60_000;
        sessions.push({
          sessionId: `00000000-0000-4000-8000-${String(sessions.length + 1).padStart(12, '0')}`,
          title: `Ñúñez lecture ${sessions.length + 1}: ${n % 3 === 0 ? 'a longer title that wraps onto a second line of its cell in the table' : 'short'}`,
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 30 * 60_000).toISOString(),
          credits: 0.5,
        });
      }
    }
    const doc = seoulCertificate({
      name: 'Łukasz Żółć',
      endDate: addDays(FIRST_DAY, days - 1),
      sessions,
      totalCredits: totalOf(sessions),
    });
    const text = await textOf(await written(await renderCertificatePdf(doc), 'long'));
    const pages = text.split('\f').filter((page) => page.trim());
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page).toContain('Verification code: K7QF-2MXD-9WRT-HB4N');
    });
    expect(text).toContain('Łukasz Żółć');
    // The header on the first page and again on each page the table runs onto.
    const headers = text.match(/Date\s+Time \(Seoul\)\s+Session\s+Credits/g) ?? [];
    expect(headers.length).toBeGreaterThanOrEqual(pages.length - 1);
    expect(text.match(/Sessions attended \(continued\)/g)?.length).toBe(headers.length - 1);
    for (const session of sessions) expect(holdsInOrder(text, session.title), session.title).toBe(true);
    expect(text).toMatch(/Total\s+35\.00/);
  });
});
