// Where the network's sessions come from in people's calendar applications. A summit's public feed is
// subscribed to, so that the calendar follows every published change (the feed's SEQUENCE tells it
// which events moved); one session's .ics file is a one-time copy that the calendar never updates.

export const summitFeedPath = (summitId: string): string => `/api/summits/${encodeURIComponent(summitId)}/calendar.ics`;

export const sessionIcsPath = (sessionId: string): string =>
  `/api/sessions/${encodeURIComponent(sessionId)}/calendar.ics`;

export interface SubscribeLinks {
  /** The feed itself, for any application that asks for "a calendar from the web". */
  url: string;
  /** webcal://: the operating system hands it to Apple Calendar, Outlook or Thunderbird. */
  webcal: string;
  google: string;
  outlook: string;
}

/** The same feed under the webcal scheme, which subscribes instead of downloading. */
export function webcalUrl(feedUrl: string): string {
  const url = new URL(feedUrl);
  return `webcal://${url.host}${url.pathname}${url.search}`;
}

/** Google Calendar's "add by URL", which only takes the webcal form as its `cid`. */
export function googleSubscribeUrl(feedUrl: string): string {
  return `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcalUrl(feedUrl))}`;
}

/** Outlook on the web's "subscribe from web", with the name the calendar gets there. */
export function outlookSubscribeUrl(feedUrl: string, name: string): string {
  return `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(feedUrl)}&name=${encodeURIComponent(name)}`;
}

export function subscribeLinks(feedUrl: string, name: string): SubscribeLinks {
  return {
    url: feedUrl,
    webcal: webcalUrl(feedUrl),
    google: googleSubscribeUrl(feedUrl),
    outlook: outlookSubscribeUrl(feedUrl, name),
  };
}

/** A summit's public feed on this site (`origin`: the page's own, which is the server's). */
export function summitSubscribeLinks(summit: { id: string; title: string }, origin: string): SubscribeLinks {
  return subscribeLinks(new URL(summitFeedPath(summit.id), origin).toString(), summit.title);
}
