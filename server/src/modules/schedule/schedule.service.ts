import type { SummitsService } from '../summits/summits.service';
import { toFrabJson, toFrabXml } from './schedule.frab';

/** A schedule export as sent: the document's text and an ETag naming the published version it shows. */
export interface RenderedSchedule {
  etag: string;
  body: string;
}

/** How many summits' exports are kept rendered: a handful are published at a time. */
const KEPT = 32;

/**
 * The published agenda of a summit in exchange formats; unknown and unpublished summits are NotFound. A
 * published version never changes, so each export is rendered once per version (and edit of the summit's own
 * fields) and kept: conference apps and
 * calendar servers poll these addresses, and a poll costs a lookup (or a 304), not a rendering.
 */
export class ScheduleService {
  private readonly rendered = new Map<string, RenderedSchedule>();

  constructor(
    private readonly summits: SummitsService,
    private readonly publicUrl: URL,
  ) {}

  frabJson(summitId: string): Promise<RenderedSchedule> {
    return this.render(summitId, 'json', async () =>
      JSON.stringify(toFrabJson(await this.summits.agenda(summitId), this.publicUrl)),
    );
  }

  frabXml(summitId: string): Promise<RenderedSchedule> {
    return this.render(summitId, 'xml', async () => toFrabXml(await this.summits.agenda(summitId), this.publicUrl));
  }

  private async render(summitId: string, format: string, draw: () => Promise<string>): Promise<RenderedSchedule> {
    const revision = await this.summits.revisionOf(summitId);
    // Without a published version, the agenda answers (NotFound for a draft) as it always did.
    if (!revision) return { etag: '', body: await draw() };
    const key = `${summitId}\n${revision}\n${format}`;
    const kept = this.rendered.get(key);
    if (kept) return kept;
    const body = await draw();
    const fresh = { etag: `"${revision}-${format}"`, body };
    if (this.rendered.size >= KEPT) this.rendered.delete(this.rendered.keys().next().value as string);
    this.rendered.set(key, fresh);
    return fresh;
  }
}
