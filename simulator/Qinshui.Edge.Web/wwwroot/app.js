// Qinshui.Edge live view: draws what /api/stream pushes (server-sent events). Read-only: the page
// has no control that sends anything to a gateway. Text is set with textContent only (no markup
// from data), so a channel or event text can never inject script.
"use strict";

const TEXT = {
  en: {
    title: "Qinshui.Edge — live view", live: "live", down: "reconnecting…", readonly: "read-only", other: "中文",
    online: "online", offline: "offline", waiting: "waiting for the gateway's birth (it publishes one when it connects)",
    channels: "Channels", channel: "Channel", value: "Value", limits: "Limits", plot: "Last readings", noValue: "no value",
    zones: "Zones", zone: "Zone", state: "State", why: "Why", on: "ON", off: "OFF", unknown: "unknown", resetNeeded: "reset needed",
    relays: "Relays", relay: "Relay", command: "Command", feedback: "Feedback", energised: "energised", deenergised: "de-energised",
    feedbackOk: "no fault reported", welding: "Welding sessions", station: "Station", welder: "Welder", machine: "Machine",
    permit: "Permit", started: "Started", running: "running", ended: "ended", events: "Events", time: "Time", what: "Event",
    subject: "Subject", text: "Text", none: "none yet",
  },
  zh: {
    title: "沁水边缘网关 — 实时视图", live: "实时", down: "正在重连…", readonly: "只读", other: "English",
    online: "在线", offline: "离线", waiting: "等待网关上线报文（网关连接时发布）",
    channels: "通道", channel: "通道", value: "数值", limits: "限值", plot: "最近读数", noValue: "无数值",
    zones: "区域", zone: "区域", state: "状态", why: "原因", on: "供电", off: "断电", unknown: "未知", resetNeeded: "需复位",
    relays: "继电器", relay: "继电器", command: "指令", feedback: "反馈", energised: "吸合", deenergised: "释放",
    feedbackOk: "无故障", welding: "焊接作业", station: "焊位", welder: "焊工", machine: "焊机",
    permit: "作业票", started: "开始", running: "进行中", ended: "已结束", events: "事件", time: "时间", what: "事件",
    subject: "对象", text: "内容", none: "暂无",
  },
};

let lang = new URLSearchParams(location.search).get("lang") || document.documentElement.lang || "en";
if (lang !== "zh") lang = "en";
let last = null;
const t = key => TEXT[lang][key];

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

function fmt(v) { return typeof v === "number" ? String(Math.round(v * 1000) / 1000) : "—"; }
function time(ms) { return ms ? new Date(ms).toLocaleTimeString(lang === "zh" ? "zh-CN" : "en-GB", { hour12: false }) : "—"; }
function word(o, base) { return lang === "zh" ? o[base + "Zh"] || o[base + "En"] : o[base + "En"]; }
function local(o) { return lang === "zh" ? o.zh || o.en : o.en; }

function table(headers, rows, cls) {
  const head = el("tr", {}, ...headers.map(h => el("th", {}, t(h))));
  const body = rows.length ? rows : [el("tr", {}, el("td", { colspan: String(headers.length) }, t("none")))];
  return el("table", { class: cls || "" }, el("thead", {}, head), el("tbody", {}, ...body));
}

// A small line plot in SVG: readings over the kept window, the level thresholds dashed.
function plot(c) {
  const ns = "http://www.w3.org/2000/svg", w = 260, h = 56;
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "plot");
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  const pts = c.history.filter(p => typeof p[1] === "number");
  const limits = c.levels.map(l => l.threshold).filter(x => typeof x === "number");
  if (pts.length === 0) return svg;
  const t0 = c.history[0][0], t1 = Math.max(c.history[c.history.length - 1][0], t0 + 1);
  const values = pts.map(p => p[1]).concat(limits);
  let lo = Math.min(...values), hi = Math.max(...values);
  if (hi - lo < 1e-9) { hi += 1; lo -= 1; }
  const x = ms => ((ms - t0) / (t1 - t0)) * (w - 4) + 2;
  const y = v => h - 3 - ((v - lo) / (hi - lo)) * (h - 6);
  for (const l of c.levels) {
    if (typeof l.threshold !== "number") continue;
    const line = document.createElementNS(ns, "line");
    line.setAttribute("class", "limit " + l.kind);
    line.setAttribute("x1", "0"); line.setAttribute("x2", String(w));
    line.setAttribute("y1", String(y(l.threshold))); line.setAttribute("y2", String(y(l.threshold)));
    svg.append(line);
  }
  const poly = document.createElementNS(ns, "polyline");
  poly.setAttribute("class", "line");
  poly.setAttribute("points", pts.map(p => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(" "));
  svg.append(poly);
  return svg;
}

function channelRow(c) {
  const active = c.levels.filter(l => l.state !== "normal");
  const value = typeof c.value === "number"
    ? el("span", { class: "value" + (active.some(l => l.state === "active" && l.kind !== "warning") ? " bad" : "") }, `${fmt(c.value)} ${c.unit}`)
    : el("span", { class: "value bad" }, `${t("noValue")}${c.quality > 0 ? " (" + word(c, "quality") + ")" : ""}`);
  const limits = el("div", {}, ...c.levels.map(l => el("div", { class: l.state === "normal" ? "" : "warn", "data-level": l.kind },
    word(l, "limit") + (l.state !== "normal" ? " — " + word(l, "state") : ""))));
  const name = el("td", {}, el("strong", {}, c.id), el("div", {}, `${c.profile} ${c.standard ? "· " + c.standard : ""}`));
  return el("tr", { "data-channel": c.id }, name,
    el("td", { class: "reading" }, value, c.quality > 0 && typeof c.value === "number" ? el("div", { class: "warn" }, word(c, "quality")) : null,
      c.resetNeeded ? el("div", { class: "reset" }, t("resetNeeded")) : null),
    el("td", {}, limits), el("td", {}, plot(c)));
}

function zoneRow(z) {
  const state = !z.known ? el("span", { class: "state-unknown" }, t("unknown"))
    : z.permitted ? el("span", { class: "state-on" }, t("on")) : el("span", { class: "state-off" }, t("off"));
  const causes = el("ul", { class: "causes" }, ...z.causes.map(c => el("li", {}, local(c) +
    (typeof c.value === "number" ? ` (${c.subject}: ${fmt(c.value)}${typeof c.threshold === "number" ? " / " + fmt(c.threshold) : ""} ${c.unit})` : c.subject ? ` (${c.subject})` : ""))));
  return el("tr", { "data-zone": z.id }, el("td", {}, el("strong", {}, z.id)),
    el("td", { class: "zone-state" }, state, z.resetNeeded ? el("span", { class: "reset" }, t("resetNeeded")) : null),
    el("td", { class: "zone-why" }, z.permitted ? "" : causes));
}

function relayRow(r) {
  const command = !r.known ? t("unknown") : r.commanded ? t("energised") : t("deenergised");
  const feedback = r.feedbackFault ? el("span", { class: "bad" }, local(r.feedbackFault)) : el("span", { class: "good" }, t("feedbackOk"));
  return el("tr", { "data-relay": r.output }, el("td", {}, r.output), el("td", {}, r.zone), el("td", {}, command), el("td", {}, feedback));
}

function weldingRow(s) {
  return el("tr", { "data-station": s.station }, el("td", {}, s.station), el("td", {}, `${s.welderName} (${s.welder})`), el("td", {}, s.machine),
    el("td", {}, s.permit), el("td", {}, time(s.start)),
    el("td", { class: s.active ? "good" : "" }, s.active ? t("running") : `${t("ended")} ${time(s.stop)}: ${lang === "zh" ? s.stopZh : s.stopEn}`));
}

function logRow(e) {
  return el("tr", { class: "sev-" + e.severity }, el("td", { class: "time" }, time(e.at)), el("td", {}, e.kind), el("td", {}, e.subject), el("td", {}, local(e)));
}

function gateway(g) {
  const s = el("section", { class: "gateway" + (g.online ? "" : " offline"), "data-gateway": `${g.site}/${g.gateway}` },
    el("h2", {}, `${g.site} / ${g.gateway} — `, el("span", { class: g.online ? "good" : "bad" }, g.online ? t("online") : t("offline"))));
  if (!g.hasMetadata) s.append(el("p", { class: "warn" }, t("waiting")));
  s.append(el("h3", {}, t("channels")), table(["channel", "value", "limits", "plot"], g.channels.map(channelRow), "channels"));
  s.append(el("h3", {}, t("zones")), table(["zone", "state", "why"], g.zones.map(zoneRow), "zones"));
  s.append(el("h3", {}, t("relays")), table(["relay", "zone", "command", "feedback"], g.relays.map(relayRow), "relays"));
  s.append(el("h3", {}, t("welding")), table(["station", "welder", "machine", "permit", "started", "state"], g.welding.map(weldingRow), "welding"));
  s.append(el("h3", {}, t("events")), table(["time", "what", "subject", "text"], g.log.map(logRow), "log"));
  return s;
}

function render() {
  document.documentElement.lang = lang;
  document.title = t("title");
  document.getElementById("title").textContent = t("title");
  document.getElementById("readonly").textContent = t("readonly");
  document.getElementById("lang").textContent = t("other");
  if (!last) return;
  document.getElementById("gateways").replaceChildren(...last.gateways.map(gateway));
}

function connect() {
  const link = document.getElementById("link");
  const source = new EventSource("api/stream");
  source.onopen = () => { link.textContent = t("live"); link.className = "link live"; };
  source.onmessage = m => { last = JSON.parse(m.data); render(); };
  source.onerror = () => { link.textContent = t("down"); link.className = "link down"; };
}

document.getElementById("lang").addEventListener("click", () => { lang = lang === "zh" ? "en" : "zh"; render(); });
render();
connect();
