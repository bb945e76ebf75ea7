/**
 * GET /traces/view: the recent traces and, for the chosen one, a waterfall of
 * its spans (bar offset and width proportional to start and duration). Plain
 * HTML and inline script: no build step, allowed by the app's CSP.
 * Text goes through textContent only, so span names and attributes cannot inject markup.
 *
 * The page itself holds no data and is public; the traces it fetches are not. With
 * llm-app's auth on it asks for an API key or access token (or takes one from the
 * URL fragment, `#credential=…`, which never reaches a server or a log), keeps it in
 * sessionStorage for this tab only, and sends it as `Authorization: Bearer` (decision 0072).
 */
export const TRACE_WATERFALL_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>llm-app traces</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #1d2330; }
  table { border-collapse: collapse; width: 100%; }
  td, th { padding: .25rem .5rem; text-align: left; border-bottom: 1px solid #e3e6ec; }
  tr.trace { cursor: pointer; }
  tr.trace:hover { background: #f2f5fa; }
  .error { color: #b3261e; }
  .span { display: grid; grid-template-columns: 22rem 1fr 6rem; align-items: center; gap: .5rem; margin: 2px 0; }
  .track { position: relative; height: 14px; background: #f2f5fa; }
  .bar { position: absolute; height: 100%; min-width: 2px; background: #4f7bd9; }
  .bar.client { background: #d98a4f; }
  .bar.error { background: #b3261e; }
  .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  details { margin-left: 22.5rem; font-size: 12px; }
</style>
</head>
<body>
<h1>Recent traces</h1>
<form id="sign-in" hidden>
  <p>llm-app's auth is on: enter an llm-app API key or a sample-app access token. It is kept in this tab only.</p>
  <label>Credential <input id="credential" type="password" autocomplete="off" required></label>
  <button type="submit">Sign in</button>
</form>
<p id="signed-in" hidden>Signed in. <button id="sign-out" type="button">Sign out</button></p>
<table>
  <thead><tr><th>Root span</th><th>Start</th><th>Duration</th><th>Spans</th><th>Tokens in/out</th><th>Status</th></tr></thead>
  <tbody id="traces"></tbody>
</table>
<h2 id="trace-title"></h2>
<div id="waterfall"></div>
<script>
  const cell = (text) => { const td = document.createElement('td'); td.textContent = text; return td; };

  const CREDENTIAL = 'llm-app.traces.credential';
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('credential');
  if (fromFragment) {
    sessionStorage.setItem(CREDENTIAL, fromFragment);
    history.replaceState(null, '', location.pathname + location.search);
  }

  /** GET with the stored credential; a 401 shows the sign-in form instead. */
  async function api(path) {
    const credential = sessionStorage.getItem(CREDENTIAL);
    const response = await fetch(path, { headers: credential ? { authorization: 'Bearer ' + credential } : {} });
    const refused = response.status === 401;
    document.getElementById('sign-in').hidden = !refused;
    document.getElementById('signed-in').hidden = refused || !credential;
    return refused ? undefined : response;
  }

  document.getElementById('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(CREDENTIAL, document.getElementById('credential').value);
    showTraces();
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(CREDENTIAL);
    location.reload();
  });

  async function showTraces() {
    const listed = await api('/traces');
    if (!listed) return;
    const { traces } = await listed.json();
    const body = document.getElementById('traces');
    body.replaceChildren();
    for (const t of traces) {
      const row = document.createElement('tr');
      row.className = 'trace' + (t.status === 'error' ? ' error' : '');
      row.dataset.traceId = t.traceId;
      row.append(cell(t.rootSpanName), cell(t.startTime), cell(t.durationMs.toFixed(1) + ' ms'),
        cell(String(t.spanCount)), cell(t.tokens.input + ' / ' + t.tokens.output), cell(t.status));
      row.addEventListener('click', () => showTrace(t.traceId));
      body.append(row);
    }
    const wanted = new URLSearchParams(location.search).get('trace') || (traces[0] && traces[0].traceId);
    if (wanted) await showTrace(wanted);
  }

  async function showTrace(traceId) {
    const response = await api('/traces/' + encodeURIComponent(traceId));
    if (!response || !response.ok) return;
    const trace = await response.json();
    document.getElementById('trace-title').textContent = trace.rootSpanName + ' - ' + trace.traceId;
    const waterfall = document.getElementById('waterfall');
    waterfall.replaceChildren();
    waterfall.dataset.traceId = trace.traceId;
    const total = Math.max(trace.durationMs, 0.001);
    const draw = (span, depth) => {
      const row = document.createElement('div');
      row.className = 'span';
      row.dataset.spanName = span.name;
      row.dataset.spanKind = span.kind;
      const name = document.createElement('div');
      name.className = 'name';
      name.style.paddingLeft = depth + 'rem';
      name.textContent = span.name;
      const track = document.createElement('div');
      track.className = 'track';
      const bar = document.createElement('div');
      bar.className = 'bar ' + span.kind + (span.status === 'error' ? ' error' : '');
      bar.style.left = (100 * span.startOffsetMs / total) + '%';
      bar.style.width = (100 * span.durationMs / total) + '%';
      track.append(bar);
      const duration = document.createElement('div');
      duration.textContent = span.durationMs.toFixed(1) + ' ms';
      row.append(name, track, duration);
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = 'attributes';
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify(span.attributes, null, 2);
      details.append(summary, pre);
      waterfall.append(row, details);
      for (const child of span.children) draw(child, depth + 1);
    };
    for (const root of trace.spans) draw(root, 0);
  }

  showTraces();
</script>
</body>
</html>
`;
