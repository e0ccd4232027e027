namespace BridgeStream.Api;

/// <summary>
/// The in-browser GraphQL IDE served at GET /graphql to browsers: one self-contained page (no CDN, no external
/// files) with a query editor, variables, an API key field, example queries, and a result pane. Queries go over
/// POST /graphql; subscriptions over a graphql-transport-ws WebSocket on the same path.
/// </summary>
internal static class IdePage
{
    public const string Html = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>BridgeStream GraphQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  :root { --bg:#0f1419; --panel:#171d24; --line:#2a323c; --text:#d7dde4; --muted:#8a96a3; --accent:#4fa3ff; --bad:#ff6b6b; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.4 system-ui, sans-serif; background:var(--bg); color:var(--text); height:100vh; display:flex; flex-direction:column; }
  header { display:flex; gap:12px; align-items:center; padding:8px 12px; border-bottom:1px solid var(--line); background:var(--panel); flex-wrap:wrap; }
  header h1 { font-size:15px; margin:0 12px 0 0; }
  select, input, button { background:var(--bg); color:var(--text); border:1px solid var(--line); border-radius:4px; padding:5px 8px; font:inherit; }
  button { cursor:pointer; background:var(--accent); color:#fff; border:none; font-weight:600; }
  button.secondary { background:var(--line); }
  main { flex:1; display:grid; grid-template-columns:1fr 1fr; min-height:0; }
  .col { display:flex; flex-direction:column; min-height:0; border-right:1px solid var(--line); }
  label { color:var(--muted); font-size:12px; padding:6px 10px 2px; }
  textarea, pre { flex:1; margin:0; padding:10px; border:none; resize:none; background:var(--bg); color:var(--text);
    font:13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space:pre; overflow:auto; outline:none; tab-size:2; }
  #variables { flex:0 0 22%; border-top:1px solid var(--line); }
  #status { color:var(--muted); font-size:12px; }
  .error { color:var(--bad); }
</style>
</head>
<body>
<header>
  <h1>BridgeStream GraphQL</h1>
  <select id="examples" title="Example queries"></select>
  <input id="apiKey" placeholder="X-Api-Key (if required)" size="26" autocomplete="off">
  <button id="run" title="Ctrl+Enter">Run ▶</button>
  <button id="stop" class="secondary" hidden>Stop subscription</button>
  <button id="schema" class="secondary">Schema</button>
  <span id="status"></span>
</header>
<main>
  <div class="col">
    <label for="query">Query</label>
    <textarea id="query" spellcheck="false"></textarea>
    <label for="variables">Variables (JSON)</label>
    <textarea id="variables" spellcheck="false"></textarea>
  </div>
  <div class="col">
    <label for="result">Result</label>
    <pre id="result"></pre>
  </div>
</main>
<script>
"use strict";
const weekAgo = () => new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString();
const examples = [
  { name: "Latest messages with their history", query:
`query Latest {
  messages(first: 10) {
    totalCount
    edges {
      node {
        id protocol status sourceChainId destinationChainId sender target value sentAt deliveredAt latencySeconds
        history { kind chainId blockNumber txHash logIndex time }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`, variables: () => ({}) },
  { name: "Messages stuck on a route (oldest first)", query:
`query Stuck($source: Long!, $destination: Long!, $before: DateTime!) {
  messages(first: 50, orderBy: SENT_AT_ASC,
           filter: { status: SENT, sourceChainId: $source, destinationChainId: $destination, sentBefore: $before }) {
    totalCount
    edges { node { id protocol sentAt sender target value asset amount sourceTxHash } }
    pageInfo { hasNextPage endCursor }
  }
}`, variables: () => ({ source: 900, destination: 901, before: new Date(Date.now() - 3600 * 1000).toISOString() }) },
  { name: "Slowest deliveries this week", query:
`query Slowest($since: DateTime!) {
  messages(first: 20, orderBy: LATENCY_DESC, filter: { status: DELIVERED, sentAfter: $since }) {
    edges { node { id sourceChainId destinationChainId latencySeconds sentAt deliveredAt destinationTxHash } }
  }
}`, variables: () => ({ since: weekAgo() }) },
  { name: "Message by transaction", query:
`query ByTransaction($chainId: Long!, $txHash: Hash!) {
  messageByTransaction(chainId: $chainId, txHash: $txHash) {
    id status sourceChainId destinationChainId failedAttempts
    history { kind chainId blockNumber blockHash txHash logIndex time }
  }
}`, variables: () => ({ chainId: 1, txHash: "0x" + "0".repeat(64) }) },
  { name: "Large deposits still in flight", query:
`query Large($minValue: BigInt!) {
  messages(first: 20, filter: { status: SENT, minValue: $minValue }) {
    edges { node { id sender value sentAt sourceChainId destinationChainId } }
  }
}`, variables: () => ({ minValue: "1000000000000000000" }) },
  { name: "Withdrawals ready to finalize (challenge window over)", query:
`query ReadyToFinalize {
  messages(first: 20, orderBy: SENT_AT_ASC, filter: { status: READY_TO_FINALIZE }) {
    totalCount
    edges { node { id protocol sourceChainId destinationChainId sentAt provenAt finalizableAt asset amount value } }
  }
}`, variables: () => ({}) },
  { name: "Arbitrum retryables failed or expired", query:
`query Retryables {
  failed: messages(first: 20, filter: { protocol: ARBITRUM_RETRYABLE, status: FAILED }) {
    totalCount edges { node { id arrivedAt expiresAt failedAttempts target } }
  }
  expired: messages(first: 20, filter: { protocol: ARBITRUM_RETRYABLE, status: EXPIRED }) {
    totalCount edges { node { id arrivedAt expiresAt target } }
  }
}`, variables: () => ({}) },
  { name: "Alerts firing now", query:
`query Firing {
  alerts(state: FIRING) {
    totalCount
    edges { node { id rule severity summary subject sourceChainId destinationChainId chainId firedAt } }
  }
}`, variables: () => ({}) },
  { name: "p99 latency per route this week", query:
`query RouteLatency {
  routes(window: LAST_WEEK) {
    sourceChainId destinationChainId protocol proofSystem sent delivered successRate
    latency { count p50 p95 p99 max }
  }
}`, variables: () => ({}) },
  { name: "Fragmentation of USDC (30 days)", query:
`query UsdcFragmentation {
  fragmentation(asset: "USDC", window: LAST_30_DAYS) {
    asset from to hhi effectiveChains normalizedEntropy chainsWithSupply
    chains { chainId supply share inflow outflow netFlow }
    flows { sourceChainId destinationChainId messages amount deliveredMessages deliveredAmount }
  }
}`, variables: () => ({}) },
  { name: "Value in flight by proof system", query:
`query InFlightByProofSystem {
  valueInFlight(groupBy: [PROOF_SYSTEM]) {
    at
    groups { asset registered proofSystem messages amount }
    largest(first: 5) { messageId asset amount protocol proofSystem sourceChainId destinationChainId }
  }
}`, variables: () => ({}) },
  { name: "Settlement status of every rollup", query:
`query Settlement {
  rollupSettlementStatus {
    rollupChainId family proofSystem lastStepAt secondsSinceLastStep
    proposedL2Block proposedAt settledL2Block settledAt settledL2BlockTime settlementAgeSeconds
  }
}`, variables: () => ({}) },
  { name: "Live: every message update (subscription)", query:
`subscription Live {
  messageUpdated {
    id status sourceChainId destinationChainId latencySeconds failedAttempts
  }
}`, variables: () => ({}) },
];

const $ = id => document.getElementById(id);
const select = $("examples"), query = $("query"), variables = $("variables"), result = $("result"), status = $("status");
let socket = null;

examples.forEach((example, index) => select.add(new Option(example.name, String(index))));
function load(index) {
  const example = examples[index];
  query.value = example.query;
  variables.value = JSON.stringify(example.variables(), null, 2);
}
select.addEventListener("change", () => load(Number(select.value)));
load(0);

function show(value, isError) {
  result.textContent = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  result.className = isError ? "error" : "";
}

function readVariables() {
  const text = variables.value.trim();
  if (!text) return {};
  try { return JSON.parse(text); }
  catch (error) { throw new Error("Variables are not valid JSON: " + error.message); }
}

async function run() {
  let vars;
  try { vars = readVariables(); } catch (error) { show(error.message, true); return; }
  if (/^\s*subscription\b/.test(query.value.replace(/#[^\n]*/g, ""))) { subscribe(vars); return; }
  const headers = { "Content-Type": "application/json", "Accept": "application/json" };
  if ($("apiKey").value) headers["X-Api-Key"] = $("apiKey").value;
  status.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch(location.pathname, { method: "POST", headers, body: JSON.stringify({ query: query.value, variables: vars }) });
    const body = await response.json();
    status.textContent = `HTTP ${response.status} in ${Math.round(performance.now() - started)} ms`;
    show(body, !!body.errors);
  } catch (error) {
    status.textContent = "";
    show("Request failed: " + error.message, true);
  }
}

function subscribe(vars) {
  stop();
  const url = location.href.replace(/^http/, "ws").split("?")[0];
  const events = [];
  socket = new WebSocket(url, "graphql-transport-ws");
  $("stop").hidden = false;
  status.textContent = "connecting…";
  socket.onopen = () => socket.send(JSON.stringify({ type: "connection_init", payload: $("apiKey").value ? { "X-Api-Key": $("apiKey").value } : {} }));
  socket.onmessage = message => {
    const data = JSON.parse(message.data);
    if (data.type === "connection_ack") {
      status.textContent = "subscribed; waiting for updates…";
      socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: query.value, variables: vars } }));
    } else if (data.type === "next") {
      events.unshift(data.payload);
      events.length = Math.min(events.length, 200);
      status.textContent = `subscribed; ${events.length} update(s), newest first`;
      show(events, false);
    } else if (data.type === "error") {
      show(data.payload, true);
    } else if (data.type === "ping") {
      socket.send(JSON.stringify({ type: "pong" }));
    }
  };
  socket.onclose = event => { status.textContent = `subscription closed (${event.code}${event.reason ? ": " + event.reason : ""})`; $("stop").hidden = true; };
}

function stop() {
  if (socket) { socket.close(1000, "stopped"); socket = null; }
  $("stop").hidden = true;
}

async function showSchema() {
  const saved = { q: query.value, v: variables.value };
  query.value = `{
  __schema {
    queryType { fields { name description args { name type { name kind ofType { name kind ofType { name } } } } } }
    subscriptionType { fields { name description } }
    types { name kind description enumValues { name description } inputFields { name type { name ofType { name } } } }
  }
}`;
  variables.value = "{}";
  await run();
  query.value = saved.q; variables.value = saved.v;
}

$("run").addEventListener("click", run);
$("stop").addEventListener("click", stop);
$("schema").addEventListener("click", showSchema);
document.addEventListener("keydown", event => { if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); run(); } });
for (const area of [query, variables]) {
  area.addEventListener("keydown", event => {
    if (event.key !== "Tab") return;
    event.preventDefault();
    area.setRangeText("  ", area.selectionStart, area.selectionEnd, "end");
  });
}
</script>
</body>
</html>
""";
}
