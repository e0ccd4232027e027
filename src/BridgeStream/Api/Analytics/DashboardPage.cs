namespace BridgeStream.Api.Analytics;

/// <summary>
/// GET /dashboard: the built-in dashboard of the embedded default, the same panels as the Grafana dashboards (latency by
/// route, finality lag by chain, fragmentation by asset, value in flight, stuck messages) drawn as small SVG charts. Self
/// contained: one HTML document with its script and styles inline, no external resource; it reads everything through
/// the GraphQL API of the same origin. Each chart's &lt;svg&gt; carries data-series and data-points (the browser test
/// checks them) and each panel a data-state of ok, empty or error; the body gets data-ready when every panel has loaded.
/// </summary>
public static class DashboardPage
{
    public const string Path = "/dashboard";

    public static Task ServeAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(Html, http.RequestAborted);
    }

    public const string Html = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>BridgeStream dashboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  :root { --fg: #1d2330; --muted: #6b7385; --line: #e3e6ec; --bg: #f5f6f8; --card: #fff; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
  header { display: flex; gap: 16px; align-items: center; padding: 10px 18px; background: #1d2330; color: #fff; flex-wrap: wrap; }
  header h1 { font-size: 16px; margin: 0 12px 0 0; font-weight: 600; }
  header label { color: #c9cfdb; }
  header select { margin-left: 4px; }
  header .at { margin-left: auto; color: #c9cfdb; }
  main { display: grid; grid-template-columns: repeat(auto-fill, minmax(640px, 1fr)); gap: 14px; padding: 14px 18px; }
  section { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px 12px; min-width: 0; }
  section h2 { font-size: 14px; margin: 0 0 2px; }
  section .note { color: var(--muted); margin: 0 0 6px; font-size: 12px; }
  section.wide { grid-column: 1 / -1; }
  .stats { display: flex; gap: 18px; margin: 4px 0 8px; flex-wrap: wrap; }
  .stat b { display: block; font-size: 20px; font-weight: 600; }
  .stat span { color: var(--muted); font-size: 11px; }
  .chart { width: 100%; height: auto; display: block; }
  .chart text { font-size: 10px; fill: var(--muted); }
  .chart .grid { stroke: var(--line); }
  .chart .axis { stroke: #b9bfcc; }
  .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 2px 0 6px; font-size: 11px; color: var(--muted); }
  .legend i { display: inline-block; width: 10px; height: 3px; margin-right: 5px; vertical-align: middle; }
  table { border-collapse: collapse; width: 100%; font-size: 12px; font-variant-numeric: tabular-nums; }
  th, td { text-align: right; padding: 3px 6px; border-bottom: 1px solid var(--line); white-space: nowrap; }
  th:first-child, td:first-child { text-align: left; }
  th { color: var(--muted); font-weight: 500; }
  .scroll { max-height: 260px; overflow: auto; }
  .empty, .error { color: var(--muted); padding: 18px 0; text-align: center; }
  .error { color: #b3261e; }
  code { font-size: 11px; }
</style>
</head>
<body>
<header>
  <h1>BridgeStream</h1>
  <label>Window <select id="window">
    <option value="LAST_HOUR">last hour</option>
    <option value="LAST_DAY" selected>last day</option>
    <option value="LAST_WEEK">last week</option>
    <option value="LAST_30_DAYS">last 30 days</option>
  </select></label>
  <label>Asset <select id="asset"></select></label>
  <label>Stuck after <select id="stuck">
    <option value="5">5 min</option>
    <option value="10" selected>10 min</option>
    <option value="60">1 h</option>
    <option value="1440">1 day</option>
  </select></label>
  <span class="at" id="at"></span>
</header>
<main>
  <section class="wide" id="latency">
    <h2>Latency by route</h2>
    <p class="note">Sends, deliveries and failed executions in the window; delivery latency (send block to delivery block) percentiles from the pre-aggregated histogram (exact below 64 s, within 1.6 % above).</p>
    <div class="chart-box"></div><div class="table-box scroll"></div>
  </section>
  <section id="finality">
    <h2>Finality lag by chain</h2>
    <p class="note">Head-to-finalized lag (block times), average per bucket.</p>
    <div class="chart-box"></div><div class="table-box"></div>
  </section>
  <section id="inflight">
    <h2>Value in flight</h2>
    <p class="note">Sent and not yet delivered or finalized, per proof system, at the end of each bucket.</p>
    <div class="chart-box"></div><div class="table-box scroll"></div>
  </section>
  <section id="fragmentation">
    <h2>Fragmentation by asset</h2>
    <p class="note">Bridged supply per chain (delivered to it minus sent from it) and its concentration over the chains holding it.</p>
    <div class="stats"></div><div class="chart-box"></div><div class="bars-box"></div><div class="table-box scroll"></div>
  </section>
  <section class="wide" id="sync">
    <h2>Route synchrony</h2>
    <p class="note">Send → relay distance per route; same block: relayed at the send's timestamp, next block: within one destination block time. Synchronous (OP interop) routes first per chain pair.</p>
    <div class="table-box scroll"></div>
  </section>
  <section id="stuck-panel">
    <h2>Stuck messages</h2>
    <p class="note">Sent, not delivered, older than the threshold (and that long past the end of any challenge window); oldest first.</p>
    <div class="stats"></div><div class="table-box scroll"></div>
  </section>
</main>
<script>
"use strict";
const palette = ["#2f6fde", "#e8590c", "#2b8a3e", "#9c36b5", "#c92a2a", "#0b7285", "#5f3dc4", "#a61e4d", "#5c940d", "#364fc7"];
const $ = (id) => document.getElementById(id);
const svgNs = "http://www.w3.org/2000/svg";

async function gql(query, variables) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors && body.errors.length) { throw new Error(body.errors.map(e => e.message).join("; ")); }
  return body.data;
}

function el(tag, attrs, parent, ns) {
  const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) { node.setAttribute(k, v); }
  if (parent) { parent.appendChild(node); }
  return node;
}

function fmtNumber(v) {
  if (v === null || v === undefined || Number.isNaN(v)) { return "–"; }
  const a = Math.abs(v);
  if (a >= 1e9) { return (v / 1e9).toFixed(2) + "G"; }
  if (a >= 1e6) { return (v / 1e6).toFixed(2) + "M"; }
  if (a >= 1e4) { return (v / 1e3).toFixed(1) + "k"; }
  if (a >= 100) { return v.toFixed(0); }
  if (a >= 1) { return v.toFixed(2); }
  if (a === 0) { return "0"; }
  return v.toPrecision(3);
}

function fmtCount(v) {
  if (v === null || v === undefined) { return "–"; }
  return Math.abs(v) >= 1e4 ? fmtNumber(v) : String(Math.round(v));
}

function fmtSeconds(v) {
  if (v === null || v === undefined) { return "–"; }
  if (v < 120) { return v.toFixed(v < 10 ? 1 : 0) + " s"; }
  if (v < 7200) { return (v / 60).toFixed(1) + " min"; }
  if (v < 172800) { return (v / 3600).toFixed(1) + " h"; }
  return (v / 86400).toFixed(1) + " d";
}

function fmtTime(ms, span) {
  const d = new Date(ms);
  const hm = d.toISOString().substring(11, 16);
  return span > 2 * 86400000 ? d.toISOString().substring(5, 10) + " " + hm : hm;
}

function routeName(r) {
  return (r.sourceChainId ?? "*") + " → " + (r.destinationChainId ?? "*") + (r.protocol ? " " + r.protocol.toLowerCase().replaceAll("_", " ") : "");
}

// A line chart of series [{ name, points: [[timeMs, value | null], ...] }]; gaps where a value is null.
function lineChart(box, series, format) {
  box.innerHTML = "";
  // Drawn at the box's own width, so that text keeps its size in wide and narrow panels.
  const W = Math.max(320, Math.round(box.clientWidth || 620)), H = 210, m = { l: 58, r: 12, t: 10, b: 24 };
  const values = series.flatMap(s => s.points.filter(p => p[1] !== null && p[1] !== undefined));
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", "data-series": series.length, "data-points": values.length }, box, svgNs);
  if (!values.length) {
    const t = el("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, svg, svgNs);
    t.textContent = "no data in this window";
    return 0;
  }
  const times = series.flatMap(s => s.points.map(p => p[0]));
  const t0 = Math.min(...times), t1 = Math.max(...times, t0 + 1);
  let y0 = Math.min(0, ...values.map(p => p[1])), y1 = Math.max(...values.map(p => p[1]));
  if (y1 <= y0) { y1 = y0 + 1; }
  y1 = niceCeil(y1);
  const x = t => m.l + (t - t0) / (t1 - t0) * (W - m.l - m.r);
  const y = v => H - m.b - (v - y0) / (y1 - y0) * (H - m.t - m.b);
  for (let i = 0; i <= 4; i++) {
    const v = y0 + (y1 - y0) * i / 4;
    el("line", { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), class: "grid" }, svg, svgNs);
    const label = el("text", { x: m.l - 6, y: y(v) + 3, "text-anchor": "end" }, svg, svgNs);
    label.textContent = format(v);
  }
  for (let i = 0; i <= 5; i++) {
    const t = t0 + (t1 - t0) * i / 5;
    const label = el("text", { x: x(t), y: H - 6, "text-anchor": i === 0 ? "start" : i === 5 ? "end" : "middle" }, svg, svgNs);
    label.textContent = fmtTime(t, t1 - t0);
  }
  el("line", { x1: m.l, x2: m.l, y1: m.t, y2: H - m.b, class: "axis" }, svg, svgNs);
  el("line", { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, class: "axis" }, svg, svgNs);
  const present = v => v !== null && v !== undefined;
  series.forEach((s, i) => {
    const color = palette[i % palette.length];
    let d = "", pen = false;
    s.points.forEach(([t, v], k) => {
      if (!present(v)) { pen = false; return; }
      d += (pen ? "L" : "M") + x(t).toFixed(1) + " " + y(v).toFixed(1);
      pen = true;
      // A value with no neighbour would draw no line: mark it with a dot.
      const before = k > 0 && present(s.points[k - 1][1]), after = k + 1 < s.points.length && present(s.points[k + 1][1]);
      if (!before && !after) { el("circle", { cx: x(t).toFixed(1), cy: y(v).toFixed(1), r: 3, fill: color }, svg, svgNs); }
    });
    el("path", { d, fill: "none", stroke: color, "stroke-width": 1.8, "data-name": s.name }, svg, svgNs);
  });
  const legend = el("div", { class: "legend" }, box);
  series.forEach((s, i) => {
    const item = el("span", {}, legend);
    el("i", { style: `background:${palette[i % palette.length]}` }, item);
    item.appendChild(document.createTextNode(s.name));
  });
  return values.length;
}

// Horizontal bars [{ label, value }]; negative values grow to the left of the zero line.
function barChart(box, items, format) {
  box.innerHTML = "";
  const row = 20, W = Math.max(320, Math.round(box.clientWidth || 620)), m = { l: 110, r: 70 };
  const H = Math.max(1, items.length) * row + 8;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", "data-series": 1, "data-points": items.length }, box, svgNs);
  if (!items.length) {
    const t = el("text", { x: W / 2, y: 14, "text-anchor": "middle" }, svg, svgNs);
    t.textContent = "no data";
    return 0;
  }
  const lo = Math.min(0, ...items.map(i => i.value)), hi = Math.max(0, ...items.map(i => i.value));
  const span = (hi - lo) || 1;
  const x = v => m.l + (v - lo) / span * (W - m.l - m.r);
  items.forEach((item, i) => {
    const top = 4 + i * row;
    const label = el("text", { x: m.l - 6, y: top + 13, "text-anchor": "end" }, svg, svgNs);
    label.textContent = item.label;
    const a = x(Math.min(0, item.value)), b = x(Math.max(0, item.value));
    el("rect", { x: a, y: top + 2, width: Math.max(1, b - a), height: row - 6, fill: item.value < 0 ? "#adb5bd" : palette[0] }, svg, svgNs);
    const value = el("text", { x: b + 4, y: top + 13 }, svg, svgNs);
    value.textContent = format(item.value);
  });
  el("line", { x1: x(0), x2: x(0), y1: 0, y2: H, class: "axis" }, svg, svgNs);
  return items.length;
}

function niceCeil(v) {
  if (v <= 0) { return 1; }
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const f of [1, 2, 2.5, 5, 10]) { if (f * p >= v) { return f * p; } }
  return 10 * p;
}

function table(box, columns, rows) {
  box.innerHTML = "";
  if (!rows.length) { el("div", { class: "empty" }, box).textContent = "nothing to list"; return; }
  const t = el("table", {}, box);
  const head = el("tr", {}, el("thead", {}, t));
  for (const c of columns) { el("th", {}, head).textContent = c[0]; }
  const body = el("tbody", {}, t);
  for (const r of rows) {
    const tr = el("tr", {}, body);
    for (const c of columns) { el("td", {}, tr).textContent = c[1](r); }
  }
}

function stats(box, items) {
  box.innerHTML = "";
  for (const [label, value] of items) {
    const s = el("div", { class: "stat" }, box);
    el("b", {}, s).textContent = value;
    el("span", {}, s).textContent = label;
  }
}

function bucketFor(window) {
  return { LAST_HOUR: 60, LAST_DAY: 600, LAST_WEEK: 3600, LAST_30_DAYS: 21600 }[window];
}

const mainQuery = `query Dashboard($window: Window!, $bucket: Int!, $stuckAfter: Int!) {
  routes(window: $window, first: 50) { sourceChainId destinationChainId protocol proofSystem sent delivered failedAttempts successRate latency { count p50 p95 p99 max } }
  routeSeries(window: $window, bucketSeconds: $bucket, first: 8) { sourceChainId destinationChainId protocol points { time delivered latency { p95 } } }
  chains(window: $window) { chainId name layer latestBlock safeLagBlocks finalizedLagBlocks finalizedLagSeconds lag { avgFinalizedLagSeconds maxFinalizedLagSeconds } }
  chainLagSeries(window: $window, bucketSeconds: $bucket) { chainId points { from avgFinalizedLagSeconds } }
  assets { asset }
  valueInFlight(groupBy: [PROOF_SYSTEM]) { groups { asset proofSystem messages amount } largest(first: 5) { messageId asset amount protocol sourceChainId destinationChainId status ageSeconds } }
  valueInFlightSeries(window: $window, bucketSeconds: $bucket, groupBy: [PROOF_SYSTEM], first: 10) { asset proofSystem points { time amount } }
  routeSync(window: $window, first: 50) { sourceChainId destinationChainId protocol proofSystem synchronous delivered sameBlockShare withinNextBlockShare distanceSeconds { p50 max } distanceBlocks { p50 } }
  stuck: stuckMessages(olderThanSeconds: $stuckAfter, first: 25) { totalCount messages { id protocol status sourceChainId destinationChainId sentAt } }
}`;

const fragmentationQuery = `query Fragmentation($asset: String!, $window: Window!, $bucket: Int!) {
  fragmentation(asset: $asset, window: $window) {
    asset hhi effectiveChains normalizedEntropy chainsWithSupply
    chains { chainId supply share inflow outflow }
    flows { sourceChainId destinationChainId messages amount }
    l2ToL2 { directMessages viaL1Messages viaL1Share }
    series(bucketSeconds: $bucket) { time hhi }
  }
}`;

function setState(id, state, message) {
  const panel = $(id);
  panel.dataset.state = state;
  if (state === "error") {
    panel.querySelectorAll(".chart-box, .table-box, .bars-box").forEach(b => b.innerHTML = "");
    el("div", { class: "error" }, panel.querySelector(".table-box")).textContent = message;
  }
}

function renderMain(data) {
  const routes = data.routes;
  const latencySeries = data.routeSeries.map(s => ({
    name: routeName(s) + " p95",
    points: s.points.map(p => [Date.parse(p.time), p.latency.p95]),
  }));
  const drawn = lineChart($("latency").querySelector(".chart-box"), latencySeries, fmtSeconds);
  table($("latency").querySelector(".table-box"), [
    ["route", routeName], ["proof", r => (r.proofSystem || "").toLowerCase()], ["sent", r => fmtCount(r.sent)], ["delivered", r => fmtCount(r.delivered)],
    ["failed", r => fmtCount(r.failedAttempts)], ["success", r => r.successRate === null ? "–" : (100 * r.successRate).toFixed(1) + " %"],
    ["p50", r => fmtSeconds(r.latency.p50)], ["p95", r => fmtSeconds(r.latency.p95)], ["p99", r => fmtSeconds(r.latency.p99)], ["max", r => fmtSeconds(r.latency.max)],
  ], routes);
  setState("latency", routes.length && drawn ? "ok" : "empty");

  const names = Object.fromEntries(data.chains.map(c => [c.chainId, c.name || ("chain " + c.chainId)]));
  const lag = lineChart($("finality").querySelector(".chart-box"), data.chainLagSeries.map(s => ({
    name: names[s.chainId] || ("chain " + s.chainId),
    points: s.points.map(p => [Date.parse(p.from), p.avgFinalizedLagSeconds]),
  })), fmtSeconds);
  table($("finality").querySelector(".table-box"), [
    ["chain", c => (c.name || "") + " (" + c.chainId + ")"], ["layer", c => c.layer || "–"], ["head", c => String(c.latestBlock ?? "–")],
    ["to safe", c => c.safeLagBlocks === null ? "–" : c.safeLagBlocks + " blocks"], ["to finalized", c => c.finalizedLagBlocks === null ? "–" : c.finalizedLagBlocks + " blocks"],
    ["now", c => fmtSeconds(c.finalizedLagSeconds)], ["avg", c => fmtSeconds(c.lag.avgFinalizedLagSeconds)], ["max", c => fmtSeconds(c.lag.maxFinalizedLagSeconds)],
  ], data.chains);
  setState("finality", lag ? "ok" : "empty");

  const flight = lineChart($("inflight").querySelector(".chart-box"), data.valueInFlightSeries.map(s => ({
    name: s.asset + " " + (s.proofSystem || "").toLowerCase(),
    points: s.points.map(p => [Date.parse(p.time), p.amount]),
  })), fmtNumber);
  table($("inflight").querySelector(".table-box"), [
    ["asset / message", r => r.messageId ? r.messageId.substring(0, 12) + "…" : r.asset], ["proof / route", r => r.messageId ? r.sourceChainId + " → " + r.destinationChainId : (r.proofSystem || "").toLowerCase()],
    ["messages / status", r => r.messageId ? r.status.toLowerCase() : fmtCount(r.messages)], ["amount", r => fmtNumber(r.amount) + (r.messageId ? " " + r.asset : "")],
  ], [...data.valueInFlight.groups, ...data.valueInFlight.largest]);
  setState("inflight", flight ? "ok" : "empty");

  const pct = v => v === null ? "–" : (100 * v).toFixed(0) + " %";
  table($("sync").querySelector(".table-box"), [
    ["route", routeName], ["proof", r => (r.proofSystem || "").toLowerCase()], ["delivered", r => fmtCount(r.delivered)],
    ["same block", r => pct(r.sameBlockShare)], ["≤ next block", r => pct(r.withinNextBlockShare)],
    ["p50", r => fmtSeconds(r.distanceSeconds && r.distanceSeconds.p50)], ["p50 blocks", r => r.distanceBlocks ? r.distanceBlocks.p50.toFixed(1) : "–"],
    ["max", r => fmtSeconds(r.distanceSeconds && r.distanceSeconds.max)],
  ], data.routeSync);
  setState("sync", data.routeSync.length ? "ok" : "empty");

  const stuck = data.stuck;
  stats($("stuck-panel").querySelector(".stats"), [["stuck messages", fmtCount(stuck.totalCount)]]);
  table($("stuck-panel").querySelector(".table-box"), [
    ["message", m => m.id.substring(0, 14) + "…"], ["route", m => m.sourceChainId + " → " + m.destinationChainId],
    ["protocol", m => m.protocol.toLowerCase()], ["status", m => m.status.toLowerCase()], ["age", m => fmtSeconds((Date.now() - Date.parse(m.sentAt)) / 1000)],
  ], stuck.messages);
  setState("stuck-panel", "ok");

  const select = $("asset");
  const current = select.value;
  select.innerHTML = "";
  for (const a of data.assets) { el("option", { value: a.asset }, select).textContent = a.asset; }
  select.value = data.assets.some(a => a.asset === current) ? current : (data.assets.some(a => a.asset === "ETH") ? "ETH" : (data.assets[0] || {}).asset || "");
}

function renderFragmentation(f) {
  const panel = $("fragmentation");
  stats(panel.querySelector(".stats"), [
    ["HHI", f.hhi === null ? "–" : f.hhi.toFixed(3)], ["effective chains", f.effectiveChains === null ? "–" : f.effectiveChains.toFixed(2)],
    ["normalised entropy", f.normalizedEntropy === null ? "–" : f.normalizedEntropy.toFixed(3)], ["chains holding", String(f.chainsWithSupply)],
    ["L2→L2 via L1", f.l2ToL2.viaL1Share === null ? "–" : (100 * f.l2ToL2.viaL1Share).toFixed(0) + " %"],
  ]);
  const hhi = lineChart(panel.querySelector(".chart-box"), [{ name: f.asset + " HHI", points: f.series.map(p => [Date.parse(p.time), p.hhi]) }], v => v.toFixed(2));
  const bars = barChart(panel.querySelector(".bars-box"), f.chains.map(c => ({ label: "chain " + c.chainId, value: c.supply })), fmtNumber);
  table(panel.querySelector(".table-box"), [
    ["from → to", r => r.sourceChainId + " → " + r.destinationChainId], ["messages", r => fmtCount(r.messages)], ["amount", r => fmtNumber(r.amount)],
  ], f.flows);
  setState("fragmentation", hhi || bars ? "ok" : "empty");
}

async function refresh() {
  const window = $("window").value;
  const bucket = bucketFor(window);
  const stuckAfter = Number($("stuck").value) * 60;
  const panels = ["latency", "finality", "inflight", "sync", "stuck-panel"];
  try {
    renderMain(await gql(mainQuery, { window, bucket, stuckAfter }));
  } catch (error) {
    panels.forEach(p => setState(p, "error", String(error.message || error)));
  }
  try {
    const asset = $("asset").value;
    if (asset) {
      renderFragmentation((await gql(fragmentationQuery, { asset, window, bucket })).fragmentation);
    } else {
      setState("fragmentation", "empty");
    }
  } catch (error) {
    setState("fragmentation", "error", String(error.message || error));
  }
  $("at").textContent = "updated " + new Date().toISOString().substring(11, 19) + " UTC";
  document.body.dataset.ready = "true";
}

for (const id of ["window", "asset", "stuck"]) { $(id).addEventListener("change", refresh); }
refresh();
setInterval(refresh, 15000);
</script>
</body>
</html>
""";
}
