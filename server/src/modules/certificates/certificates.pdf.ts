// The certificate of attendance as a PDF (issue 19): one A4 document a licensing body can file, drawn from the
// CertificateDocument frozen when the certificate was issued, in the member's language. Names are printed as their
// owners write them ("김서연", "Łukasz Żółć"): certificates.typesetter.ts sets text in whichever font has the glyphs,
// and pdfkit embeds a subset of each font used.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatDay, formatTimeSpan, localDate, zoneLabel, type CertificateDocument } from '@apoc/shared';
import { m } from '../../i18n/locale';
import { mailLocale } from '../outbox/outbox.layout';
import { loadFaces, Typesetter, type Style } from './certificates.typesetter';

export { certificateFonts } from './certificates.typesetter';

const NETWORK = 'Amgen Partners of Choice · APoC Summit';

// The platform's colours (web/src/styles/tokens.css), few and dark: the document is printed and filed.
const INK = '#142133';
const MUTED = '#4b5a6b';
const BLUE = '#0b3a66';
const TEAL = '#0b6b66';
const RULE = '#d6dee8';
const DAY_RULE = '#9fb0c3';
const SUNKEN = '#f4f7fa';

// A4 in points, and the frame everything sits inside.
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 64;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const TOP = 66;
/** Where the content of a page must end: the footer sits below. */
const BOTTOM = PAGE_HEIGHT - 76;

const STYLES = {
  network: { size: 9.5, weight: 'regular', color: TEAL },
  title: { size: 25, weight: 'bold', color: BLUE, leading: 1.2 },
  certify: { size: 11, weight: 'regular', color: MUTED },
  name: { size: 21, weight: 'bold', color: INK, leading: 1.3 },
  institution: { size: 11.5, weight: 'regular', color: INK },
  sentence: { size: 11, weight: 'regular', color: INK, leading: 1.45 },
  awarded: { size: 12, weight: 'bold', color: TEAL },
  heading: { size: 10.5, weight: 'bold', color: BLUE },
  header: { size: 8, weight: 'bold', color: MUTED, leading: 1.3 },
  cell: { size: 8.5, weight: 'regular', color: INK, leading: 1.35 },
  total: { size: 9, weight: 'bold', color: INK, leading: 1.35 },
  statement: { size: 8.5, weight: 'regular', color: INK, leading: 1.45 },
  signatory: { size: 10, weight: 'bold', color: INK },
  small: { size: 8.5, weight: 'regular', color: MUTED },
  code: { size: 9, weight: 'bold', color: INK },
  url: { size: 7.5, weight: 'regular', color: BLUE },
  footer: { size: 7.5, weight: 'regular', color: MUTED },
  running: { size: 8, weight: 'regular', color: MUTED },
} satisfies Record<string, Style>;

const CELL_PADDING = 4.5;

/** The certificate as a PDF, in the document's language, with its sessions' times in the summit's zone. */
export async function renderCertificatePdf(doc: CertificateDocument): Promise<Buffer> {
  const locale = { locale: doc.language };
  const intl = mailLocale(doc.language);
  const zone = doc.summitTimeZone;
  const hours = new Intl.NumberFormat(intl, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const total = hours.format(doc.totalCredits);
  const longDate = (options: Intl.DateTimeFormatOptions = {}) =>
    new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'long', year: 'numeric', ...options });

  const pdf = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    autoFirstPage: false,
    lang: doc.language,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: `${m.certificate_title({}, locale)} · ${doc.name} · ${doc.summitTitle}`,
      Author: NETWORK,
      Subject: m.certificate_subject({ summit: doc.summitTitle, hours: total, creditName: doc.creditName }, locale),
      Keywords: `${doc.creditName}, ${doc.code}`,
      Creator: 'APoC Summit platform',
      // The issue date, not the moment it was drawn: the same certificate downloaded twice is the same document.
      CreationDate: new Date(doc.issuedAt),
      ModDate: new Date(doc.issuedAt),
    },
  });
  const fonts = loadFaces();
  // pdfkit 0.20 takes parsed fontkit fonts (its types still describe 0.17's paths and buffers).
  for (const [name, font] of Object.entries(fonts)) pdf.registerFont(name, font as unknown as string);
  const type = new Typesetter(pdf, fonts);

  const chunks: Uint8Array[] = [];
  pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const rule = (y: number, color = RULE, width = 0.6, from = MARGIN_X, to = MARGIN_X + CONTENT_WIDTH) => {
    pdf.save().moveTo(from, y).lineTo(to, y).lineWidth(width).strokeColor(color).stroke().restore();
  };

  /** A new page: the frame, and on continuation pages a running line saying whose certificate it is. */
  const newPage = (): number => {
    pdf.addPage({ size: 'A4', margin: 0 });
    pdf
      .save()
      .rect(28, 28, PAGE_WIDTH - 56, PAGE_HEIGHT - 56)
      .lineWidth(0.8)
      .strokeColor(BLUE)
      .stroke()
      .rect(32, 32, PAGE_WIDTH - 64, PAGE_HEIGHT - 64)
      .lineWidth(0.4)
      .strokeColor(TEAL)
      .stroke()
      .restore();
    if (pdf.bufferedPageRange().count === 1) return TOP;
    const running = `${m.certificate_title({}, locale)} · ${doc.name} · ${doc.summitTitle}`;
    const end = type.paragraph(running, STYLES.running, MARGIN_X, TOP - 12, CONTENT_WIDTH);
    rule(end + 4);
    return end + 22;
  };

  // The opening: who certifies, what, about whom.
  let y = newPage();
  y = type.paragraph(NETWORK, STYLES.network, MARGIN_X, y, CONTENT_WIDTH, 'center');
  y = type.paragraph(m.certificate_title({}, locale), STYLES.title, MARGIN_X, y + 8, CONTENT_WIDTH, 'center');
  rule(y + 10, TEAL, 1.2, PAGE_WIDTH / 2 - 28, PAGE_WIDTH / 2 + 28);
  y = type.paragraph(m.certificate_certify({}, locale), STYLES.certify, MARGIN_X, y + 28, CONTENT_WIDTH, 'center');
  y = type.paragraph(doc.name, STYLES.name, MARGIN_X, y + 6, CONTENT_WIDTH, 'center');
  if (doc.institution) {
    y = type.paragraph(doc.institution, STYLES.institution, MARGIN_X, y + 2, CONTENT_WIDTH, 'center');
  }
  const dates =
    doc.day !== null
      ? longDate({ timeZone: 'UTC' }).format(new Date(`${doc.day}T12:00:00Z`))
      : longDate({ timeZone: 'UTC' }).formatRange(
          new Date(`${doc.startDate}T12:00:00Z`),
          new Date(`${doc.endDate}T12:00:00Z`),
        );
  const attended = m.certificate_attended(
    { summit: doc.summitTitle, dates, place: doc.venue ?? m.certificate_online({}, locale) },
    locale,
  );
  y = type.paragraph(attended, STYLES.sentence, MARGIN_X + 30, y + 8, CONTENT_WIDTH - 60, 'center');
  const awarded = m.certificate_awarded({ hours: total, creditName: doc.creditName }, locale);
  y = type.paragraph(awarded, STYLES.awarded, MARGIN_X, y + 10, CONTENT_WIDTH, 'center');

  // The sessions: a table whose header is repeated on every page it runs onto. Dates, times and hours take the
  // width their longest entry needs in this language ("AM 10:45–AM 11:30" in Korean), titles the rest.
  const sessions = [...doc.sessions]
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .map((session) => {
      const starts = new Date(session.startsAt);
      return {
        day: localDate(starts, zone),
        date: formatDay(starts, zone, intl),
        time: formatTimeSpan(starts, new Date(session.endsAt), zone, intl),
        title: session.title,
        credits: hours.format(session.credits),
      };
    });
  const header = {
    date: m.certificate_column_date({}, locale),
    time: m.certificate_column_time({ zone: zoneLabel(zone, intl) }, locale),
    session: m.certificate_column_session({}, locale),
    credits: m.certificate_column_credits({}, locale),
  };
  const widest = (texts: readonly string[], style: Style) =>
    Math.max(0, ...texts.map((text) => type.width(type.runs(text, style.weight), style.size)));
  const fit = (column: keyof typeof header, texts: readonly string[], most: number) =>
    Math.ceil(Math.min(most, Math.max(widest(texts, STYLES.cell), widest([header[column]], STYLES.header)))) + 1;
  const gap = 12;
  const dateWidth = fit(
    'date',
    sessions.map((session) => session.date),
    120,
  );
  const timeWidth = fit(
    'time',
    sessions.map((session) => session.time),
    110,
  );
  const creditsWidth = Math.max(
    fit(
      'credits',
      sessions.map((session) => session.credits),
      60,
    ),
    widest([total], STYLES.total) + 1,
  );
  const columns = {
    date: { x: MARGIN_X, width: dateWidth },
    time: { x: MARGIN_X + dateWidth + gap, width: timeWidth },
    session: {
      x: MARGIN_X + dateWidth + timeWidth + 2 * gap,
      width: CONTENT_WIDTH - dateWidth - timeWidth - creditsWidth - 3 * gap,
    },
    credits: { x: MARGIN_X + CONTENT_WIDTH - creditsWidth, width: creditsWidth },
  };
  const headerCells = (Object.keys(header) as (keyof typeof header)[]).map((column) => ({
    column: columns[column],
    align: column === 'credits' ? ('right' as const) : ('left' as const),
    lines: type.lines(header[column], STYLES.header, columns[column].width),
  }));
  const headerHeight =
    Math.max(...headerCells.map((cell) => type.height(cell.lines, STYLES.header))) + 2 * CELL_PADDING;

  const tableHeading = (top: number, continued: boolean): number => {
    const heading = continued
      ? m.certificate_sessions_continued({}, locale)
      : m.certificate_sessions_heading({}, locale);
    const end = type.paragraph(heading, STYLES.heading, MARGIN_X, top, CONTENT_WIDTH);
    const headerTop = end + 4;
    pdf.save().rect(MARGIN_X, headerTop, CONTENT_WIDTH, headerHeight).fill(SUNKEN).restore();
    for (const cell of headerCells) {
      type.draw(cell.lines, STYLES.header, cell.column.x, headerTop + CELL_PADDING, cell.column.width, cell.align);
    }
    rule(headerTop + headerHeight, BLUE, 0.8);
    return headerTop + headerHeight;
  };

  const rows = sessions.map((session) => {
    const cells = {
      date: type.lines(session.date, STYLES.cell, columns.date.width),
      time: type.lines(session.time, STYLES.cell, columns.time.width),
      session: type.lines(session.title, STYLES.cell, columns.session.width),
      credits: type.lines(session.credits, STYLES.cell, columns.credits.width),
    };
    const height = Math.max(...Object.values(cells).map((lines) => type.height(lines, STYLES.cell))) + 2 * CELL_PADDING;
    return { day: session.day, cells, height };
  });

  const totalLines = type.lines(m.certificate_total({}, locale), STYLES.total, columns.session.width);
  const totalHeight = type.height(totalLines, STYLES.total) + 2 * CELL_PADDING + 2;

  y = tableHeading(y + 26, false);
  let previousDay: string | undefined;
  let firstOnPage = true;
  let continued = false;
  rows.forEach((row, index) => {
    // The last row keeps the total company: a page never starts with the total alone. (A row too tall for a
    // whole page would be drawn past its foot rather than turn pages for ever.)
    const needed = row.height + (index === rows.length - 1 ? totalHeight : 0);
    if (y + needed > BOTTOM && !(firstOnPage && continued)) {
      y = tableHeading(newPage(), true);
      firstOnPage = true;
      continued = true;
    }
    const newDay = row.day !== previousDay;
    // The date is written once per day, and again at the top of a page so no row there is without one.
    if (newDay || firstOnPage) {
      type.draw(row.cells.date, STYLES.cell, columns.date.x, y + CELL_PADDING, columns.date.width);
    }
    // Rows are ruled apart, days a little more firmly; the first row on a page sits under the header's rule.
    if (!firstOnPage) rule(y, newDay ? DAY_RULE : RULE, newDay ? 0.7 : 0.4);
    type.draw(row.cells.time, STYLES.cell, columns.time.x, y + CELL_PADDING, columns.time.width);
    type.draw(row.cells.session, STYLES.cell, columns.session.x, y + CELL_PADDING, columns.session.width);
    const { credits } = columns;
    type.draw(row.cells.credits, STYLES.cell, credits.x, y + CELL_PADDING, credits.width, 'right');
    y += row.height;
    previousDay = row.day;
    firstOnPage = false;
  });

  // The total, under the credits column (on the table's first page when there are no rows at all).
  rule(y, BLUE, 0.8);
  type.draw(totalLines, STYLES.total, columns.session.x, y + CELL_PADDING + 2, columns.session.width);
  const totalValue = type.lines(total, STYLES.total, columns.credits.width);
  type.draw(totalValue, STYLES.total, columns.credits.x, y + CELL_PADDING + 2, columns.credits.width, 'right');
  y += totalHeight;

  // The closing: the accrediting body's wording, then the signatory on the left and how to verify on the right.
  // The two are kept together, the signatory and verification at the foot of the last page, on a page of their
  // own when the table left too little room.
  const statementLines = type.lines(doc.statement, STYLES.statement, CONTENT_WIDTH - 28);
  const statementHeight = type.height(statementLines, STYLES.statement) + 22;

  const signatureWidth = 200;
  const signatureSpace = 40;
  const signatory = type.lines(doc.signatoryName, STYLES.signatory, signatureWidth);
  const signatoryTitle = type.lines(doc.signatoryTitle, STYLES.small, signatureWidth);
  const issuedOn = longDate({ timeZone: zone }).format(new Date(doc.issuedAt));
  const issued = type.lines(m.certificate_issued({ date: issuedOn }, locale), STYLES.small, signatureWidth);
  const signatureHeight =
    signatureSpace +
    6 +
    type.height(signatory, STYLES.signatory) +
    (doc.signatoryTitle ? type.height(signatoryTitle, STYLES.small) : 0) +
    8 +
    type.height(issued, STYLES.small);

  const qrSize = 80;
  const qrX = MARGIN_X + CONTENT_WIDTH - qrSize;
  const verifyX = MARGIN_X + signatureWidth + 32;
  const verifyWidth = qrX - 14 - verifyX;
  const code = type.lines(m.certificate_code({ code: doc.code }, locale), STYLES.code, verifyWidth);
  const instruction = type.lines(m.certificate_verify({}, locale), STYLES.small, verifyWidth);
  const url = type.lines(doc.verifyUrl, STYLES.url, verifyWidth);
  const verifyHeight = Math.max(
    qrSize,
    type.height(code, STYLES.code) + 6 + type.height(instruction, STYLES.small) + 4 + type.height(url, STYLES.url),
  );
  const closingHeight = Math.max(signatureHeight, verifyHeight);

  if (y + 24 + statementHeight + 28 + closingHeight > BOTTOM) y = newPage();
  else y += 24;
  pdf.save().rect(MARGIN_X, y, CONTENT_WIDTH, statementHeight).fill(SUNKEN).restore();
  pdf.save().rect(MARGIN_X, y, 2.5, statementHeight).fill(TEAL).restore();
  type.draw(statementLines, STYLES.statement, MARGIN_X + 16, y + 11, CONTENT_WIDTH - 28);

  const closingTop = BOTTOM - closingHeight;
  // A line to sign on, the signatory under it, then the issue date.
  const lineY = closingTop + signatureSpace;
  rule(lineY, INK, 0.7, MARGIN_X, MARGIN_X + signatureWidth);
  let left = type.draw(signatory, STYLES.signatory, MARGIN_X, lineY + 6, signatureWidth);
  if (doc.signatoryTitle) left = type.draw(signatoryTitle, STYLES.small, MARGIN_X, left, signatureWidth);
  type.draw(issued, STYLES.small, MARGIN_X, left + 8, signatureWidth);

  // The QR code of the public page that verifies the certificate, and its code and address for those who type.
  drawQr(pdf, doc.verifyUrl, qrX, closingTop, qrSize);
  let right = type.draw(code, STYLES.code, verifyX, closingTop, verifyWidth);
  right = type.draw(instruction, STYLES.small, verifyX, right + 6, verifyWidth);
  type.draw(url, STYLES.url, verifyX, right + 4, verifyWidth);

  // Footers, now that the number of pages is known.
  const { start, count } = pdf.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    pdf.switchToPage(page);
    const footerTop = PAGE_HEIGHT - 58;
    type.paragraph(m.certificate_code({ code: doc.code }, locale), STYLES.footer, MARGIN_X, footerTop, CONTENT_WIDTH);
    const number = m.certificate_page({ page: String(page - start + 1), pages: String(count) }, locale);
    type.paragraph(number, STYLES.footer, MARGIN_X, footerTop, CONTENT_WIDTH, 'right');
  }
  pdf.end();
  return done;
}

/** The QR code as vector squares (crisp at any zoom), a row's adjacent dark modules drawn as one rectangle. */
function drawQr(pdf: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const module = size / modules.size;
  pdf.save().fillColor(INK);
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (modules.get(row, col) !== 1) {
        col++;
        continue;
      }
      const from = col;
      while (col < modules.size && modules.get(row, col) === 1) col++;
      // A hair of overlap so that viewers' anti-aliasing leaves no seams between rows.
      pdf.rect(x + from * module, y + row * module, (col - from) * module, module + 0.05);
    }
  }
  pdf.fill().restore();
}
