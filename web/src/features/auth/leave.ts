// A full-page navigation out of the app (a sign-in with a provider starts on the server, then goes to the provider),
// on its own so that component tests can watch it: jsdom cannot navigate.
export function leaveFor(url: string): void {
  window.location.assign(url);
}
