import type { SummitsService } from '../summits/summits.service';
import { toFrabJson, toFrabXml, type FrabScheduleDocument } from './schedule.frab';

/** The published agenda of a summit in exchange formats; unknown and unpublished summits are NotFound. */
export class ScheduleService {
  constructor(
    private readonly summits: SummitsService,
    private readonly publicUrl: URL,
  ) {}

  async frabJson(summitId: string): Promise<FrabScheduleDocument> {
    return toFrabJson(await this.summits.agenda(summitId), this.publicUrl);
  }

  async frabXml(summitId: string): Promise<string> {
    return toFrabXml(await this.summits.agenda(summitId), this.publicUrl);
  }
}
