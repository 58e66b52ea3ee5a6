export const SITE_NAME = 'APoC Summits';

/** Every page names itself in the tab and in the history list: "Summit name · APoC Summits". */
export function setPageTitle(page?: string): void {
  document.title = page ? `${page} · ${SITE_NAME}` : SITE_NAME;
}
