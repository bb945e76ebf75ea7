// Preload for Portkey's open-source gateway when the bench runs it as a peer (`node --import`):
// it sets headers on the Response objects `fetch` returns, whose headers are immutable in Node,
// and answers 500 to streams without this (its issues #1389 and #1550). Each response is copied
// into one whose headers can be changed; nothing else is altered.
const originalFetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  const response = await originalFetch(...args);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  });
};
