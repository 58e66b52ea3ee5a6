import { describe, expect, it } from 'vitest';
import {
  googleSubscribeUrl,
  outlookSubscribeUrl,
  sessionIcsPath,
  summitFeedPath,
  summitSubscribeLinks,
  webcalUrl,
} from './calendar-links';

describe('calendar links', () => {
  const feed = 'https://summits.apoc.example/api/summits/s-2027-virtual/calendar.ics';

  it('points at the summit feed and the session file on this site', () => {
    expect(summitFeedPath('s-2027-virtual')).toBe('/api/summits/s-2027-virtual/calendar.ics');
    expect(sessionIcsPath('a b/c')).toBe('/api/sessions/a%20b%2Fc/calendar.ics');
  });

  it('subscribes with the webcal scheme on the same host and path, whatever the page scheme', () => {
    expect(webcalUrl(feed)).toBe('webcal://summits.apoc.example/api/summits/s-2027-virtual/calendar.ics');
    expect(webcalUrl('http://localhost:3000/api/calendar/abc.ics')).toBe(
      'webcal://localhost:3000/api/calendar/abc.ics',
    );
  });

  it('gives Google Calendar the webcal address as its encoded cid', () => {
    const url = new URL(googleSubscribeUrl(feed));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('cid')).toBe(webcalUrl(feed));
    expect(googleSubscribeUrl(feed)).toContain('cid=webcal%3A%2F%2Fsummits.apoc.example%2Fapi%2F');
  });

  it('gives Outlook the https address and the calendar name, both encoded', () => {
    const link = outlookSubscribeUrl(feed, 'APoC Virtual Summit 2027 & more');
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe('https://outlook.live.com/calendar/0/addfromweb');
    expect(url.searchParams.get('url')).toBe(feed);
    expect(url.searchParams.get('name')).toBe('APoC Virtual Summit 2027 & more');
    expect(link).toContain('&name=APoC%20Virtual%20Summit%202027%20%26%20more');
  });

  it("builds a summit's four links from the page's origin", () => {
    const links = summitSubscribeLinks({ id: 's-2027-essen', title: 'Essen 2027' }, 'http://localhost:4000');
    expect(links.url).toBe('http://localhost:4000/api/summits/s-2027-essen/calendar.ics');
    expect(links.webcal).toBe('webcal://localhost:4000/api/summits/s-2027-essen/calendar.ics');
    expect(new URL(links.google).searchParams.get('cid')).toBe(links.webcal);
    expect(new URL(links.outlook).searchParams.get('url')).toBe(links.url);
  });
});
