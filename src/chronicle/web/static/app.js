/* chronicle web page. Plain JS, no build step.
 *
 * One data object drives everything: {timeline: <timeline.schema.json>, provisions: [...]},
 * read from the embedded <script type="application/json" id="chronicle-data"> block (the
 * self-contained file) or fetched from the API (the served page).
 *
 * Safety rule: article text is data, never markup. Every string from the data reaches the
 * page through textContent / createTextNode (see el() and highlight()); nothing here
 * assigns HTML, and links are only made from http(s) URLs.
 */
(function () {
  "use strict";

  // PLOVER types, coloured by family: cooperation greens/blues, verbal conflict ambers,
  // material conflict reds; OTHER grey.
  const TYPE_COLORS = {
    AGREE: "#1b7f3b", CONSULT: "#1f6fb2", SUPPORT: "#3f9f4f", CONCEDE: "#7aa63a",
    COOPERATE: "#138a7e", AID: "#36a3c9", RETREAT: "#8d8f2a", INVESTIGATE: "#6a4fb3",
    DEMAND: "#d9a400", DISAPPROVE: "#e38a1c", REJECT: "#d0611b", THREATEN: "#c4451c",
    PROTEST: "#9b6a4f", CRIME: "#6e4a3a", SANCTION: "#b5306f", MOBILIZE: "#8e2a8a",
    COERCE: "#a32020", ASSAULT: "#d1141b", OTHER: "#7a7a7a",
  };
  const TYPE_ORDER = Object.keys(TYPE_COLORS);
  const STATUS_COLORS = {
    proposed: "#6b7c93", "in draft": "#1f6fb2", disputed: "#e38a1c", unresolved: "#c98a00",
    agreed: "#2e8b57", signed: "#1b6b3b", implemented: "#138a7e", violated: "#c0262d",
  };
  const DAY_MS = 86400000;

  const state = {
    timeline: { version: "1", documents: [], events: [] },
    provisions: [],
    docs: new Map(),
    filters: { types: new Set(), actor: "", since: "", until: "", q: "" },
    selected: null,
    vis: null,
    items: null,
  };

  // ------------------------------------------------------------------ DOM helpers (text only)

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = String(value);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    return append(node, children);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function $(id) {
    return document.getElementById(id);
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function textColor(hex) {
    const n = parseInt(hex.slice(1), 16);
    const lum = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
    return lum > 150 ? "#111" : "#fff";
  }

  function typeColor(type) {
    return TYPE_COLORS[type] || TYPE_COLORS.OTHER;
  }

  function badge(type) {
    const color = typeColor(type);
    const node = el("span", { class: "badge", text: type });
    node.style.background = color;
    node.style.color = textColor(color);
    return node;
  }

  function statusBadge(status) {
    const color = STATUS_COLORS[status] || "#555";
    const node = el("span", { class: "badge status", text: status });
    node.style.background = color;
    node.style.color = textColor(color);
    return node;
  }

  /* The sentence as text nodes, with each phrase found in it wrapped in <mark>: phrases are
     matched case-insensitively, longest first, without overlaps. */
  function highlight(sentence, phrases) {
    const text = String(sentence || "");
    const lower = text.toLowerCase();
    const spans = [];
    const wanted = phrases
      .filter((p) => p && p.text && String(p.text).trim().length > 1)
      .sort((a, b) => b.text.length - a.text.length);
    for (const phrase of wanted) {
      const needle = String(phrase.text).toLowerCase();
      let from = 0;
      let at;
      while ((at = lower.indexOf(needle, from)) !== -1) {
        const end = at + needle.length;
        if (!spans.some((s) => at < s.end && end > s.start)) {
          spans.push({ start: at, end, cls: phrase.cls, title: phrase.title });
          break;
        }
        from = at + 1;
      }
    }
    spans.sort((a, b) => a.start - b.start);
    const out = el("span", { class: "evidence" });
    let pos = 0;
    for (const span of spans) {
      if (span.start > pos) out.appendChild(document.createTextNode(text.slice(pos, span.start)));
      out.appendChild(el("mark", { class: span.cls, title: span.title, text: text.slice(span.start, span.end) }));
      pos = span.end;
    }
    if (pos < text.length) out.appendChild(document.createTextNode(text.slice(pos)));
    return out;
  }

  // ------------------------------------------------------------------ dates

  /* "2023", "2023-09", "2023-09-19" -> the first / last day it covers, as YYYY-MM-DD text. */
  function padDate(prefix, side) {
    if (!prefix) return null;
    const p = String(prefix);
    if (p.length >= 10) return p.slice(0, 10);
    if (p.length === 7) {
      if (side === "min") return p + "-01";
      const [y, m] = p.split("-").map(Number);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return p + "-" + String(last).padStart(2, "0");
    }
    return p.slice(0, 4) + (side === "min" ? "-01-01" : "-12-31");
  }

  function isDated(ev) {
    return Boolean(ev.date && ev.date.start);
  }

  function eventSpan(ev) {
    const d = ev.date;
    return { start: padDate(d.start, "min"), end: padDate(d.end || d.start, "max") };
  }

  function utc(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }

  function validPrefix(value) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
    if (!m) return false;
    const month = m[2] ? Number(m[2]) : 1;
    const day = m[3] ? Number(m[3]) : 1;
    const probe = new Date(Date.UTC(Number(m[1]), month - 1, day));
    return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  }

  function dateLabel(d) {
    if (!d || !d.start) return "undated";
    let label = d.start;
    if (d.end && d.end !== d.start) label += " – " + d.end;
    return label;
  }

  function weekStart(iso) {
    const day = utc(iso);
    const shift = (day.getUTCDay() + 6) % 7; // Monday-based weeks
    return new Date(day.getTime() - shift * DAY_MS);
  }

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  // ------------------------------------------------------------------ filtering

  function haystack(ev) {
    if (!ev._haystack) {
      const parts = [ev.summary, ev.type];
      for (const s of ev.sources || []) parts.push(s.sentence, s.wording, s.outlet);
      for (const a of ev.actors || []) parts.push(a.name);
      if (ev.location) parts.push(ev.location.name);
      Object.defineProperty(ev, "_haystack", { value: parts.filter(Boolean).join(" \n ").toLowerCase() });
    }
    return ev._haystack;
  }

  function matches(ev) {
    const f = state.filters;
    if (f.types.size && !f.types.has(ev.type)) return false;
    if (f.actor && !(ev.actors || []).some((a) => a.name === f.actor)) return false;
    if (f.since || f.until) {
      // A date range keeps dated events that overlap it (as the API does).
      if (!isDated(ev)) return false;
      const span = eventSpan(ev);
      if (f.since && span.end < padDate(f.since, "min")) return false;
      if (f.until && span.start > padDate(f.until, "max")) return false;
    }
    if (f.q) {
      const text = haystack(ev);
      for (const word of f.q.toLowerCase().split(/\s+/).filter(Boolean)) {
        if (!text.includes(word)) return false;
      }
    }
    return true;
  }

  function filtered() {
    return state.timeline.events.filter(matches);
  }

  // ------------------------------------------------------------------ filters UI

  function buildFilters() {
    const counts = {};
    for (const ev of state.timeline.events) counts[ev.type] = (counts[ev.type] || 0) + 1;
    const box = clear($("filter-types"));
    for (const type of TYPE_ORDER.filter((t) => counts[t]).concat(Object.keys(counts).filter((t) => !TYPE_COLORS[t]))) {
      const chip = el("button", {
        type: "button", class: "chip", dataset: { type }, "aria-pressed": "false",
        title: "show only " + type + " events (click again to clear)",
        onclick: () => {
          if (state.filters.types.has(type)) state.filters.types.delete(type);
          else state.filters.types.add(type);
          chip.setAttribute("aria-pressed", String(state.filters.types.has(type)));
          refresh();
        },
      }, el("span", { class: "swatch" }), type + " ", el("span", { class: "muted", text: counts[type] }));
      chip.firstChild.style.background = typeColor(type);
      box.appendChild(chip);
    }
    const actors = new Set();
    for (const ev of state.timeline.events) for (const a of ev.actors || []) actors.add(a.name);
    const select = $("filter-actor");
    while (select.options.length > 1) select.remove(1);
    for (const name of [...actors].sort((a, b) => a.localeCompare(b))) select.appendChild(el("option", { value: name, text: name }));

    let timer = null;
    $("filter-q").addEventListener("input", (e) => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.filters.q = e.target.value.trim(); refresh(); }, 120);
    });
    select.addEventListener("change", (e) => { state.filters.actor = e.target.value; refresh(); });
    for (const key of ["since", "until"]) {
      const input = $("filter-" + key);
      input.addEventListener("change", () => {
        const value = input.value.trim();
        const ok = value === "" || validPrefix(value);
        input.classList.toggle("invalid", !ok);
        input.title = ok ? "" : "use YYYY, YYYY-MM or YYYY-MM-DD";
        state.filters[key] = ok ? value : "";
        refresh();
      });
    }
    $("filters").addEventListener("submit", (e) => e.preventDefault());
    $("filters").addEventListener("reset", () => {
      state.filters = { types: new Set(), actor: "", since: "", until: "", q: "" };
      for (const chip of box.children) chip.setAttribute("aria-pressed", "false");
      for (const key of ["since", "until"]) $("filter-" + key).classList.remove("invalid");
      setTimeout(refresh, 0);
    });
  }

  function setDateFilter(since, until) {
    $("filter-since").value = since;
    $("filter-until").value = until;
    state.filters.since = since;
    state.filters.until = until;
    refresh();
  }

  // ------------------------------------------------------------------ timeline (vis)

  function itemNode(ev) {
    const node = el("span", { class: "item-label" });
    node.textContent = ev.summary.length > 70 ? ev.summary.slice(0, 67) + "…" : ev.summary;
    return node;
  }

  function buildTimeline() {
    const container = $("timeline");
    if (typeof vis === "undefined" || !vis.Timeline) {
      $("timeline-note").textContent = "The timeline library did not load; the lists below still work.";
      return;
    }
    state.items = new vis.DataSet();
    state.vis = new vis.Timeline(container, state.items, {
      stack: true,
      selectable: true,
      multiselect: false,
      showCurrentTime: false,
      orientation: { axis: "top" },
      margin: { item: { horizontal: 2, vertical: 4 } },
      minHeight: "180px",
      maxHeight: "360px",
      zoomMin: 7 * DAY_MS,
      // Item labels are built as elements with textContent, never as HTML strings.
      template: (item) => itemNode(item.event),
    });
    state.vis.on("select", (props) => {
      if (props.items && props.items.length) showEvent(props.items[0], { fromTimeline: true });
    });
  }

  function updateTimeline(events) {
    const dated = events.filter(isDated);
    const undated = events.length - dated.length;
    $("timeline-note").textContent = dated.length
      ? "Day-precise events are points; events known only to the month or year span that period." +
        (undated ? " " + undated + " undated event(s) are listed below." : "")
      : "No dated events match.";
    if (!state.vis) return;
    state.items.clear();
    state.items.add(dated.map((ev) => {
      const span = eventSpan(ev);
      const precise = ev.date.precision === "day" && span.start === span.end;
      const item = {
        id: ev.id, event: ev, content: "", start: utc(span.start),
        className: "ev " + (precise ? "precise" : "imprecise") + " t-" + (TYPE_COLORS[ev.type] ? ev.type : "OTHER"),
        type: precise ? "box" : "range",
      };
      if (!precise) item.end = new Date(utc(span.end).getTime() + DAY_MS);
      return item;
    }));
    if (dated.length) state.vis.fit({ animation: false });
    if (state.selected && state.items.get(state.selected)) state.vis.setSelection([state.selected]);
  }

  /* Colours for the vis items and chips, generated from TYPE_COLORS (one source of truth). */
  function injectTypeStyles() {
    const rules = TYPE_ORDER.map((t) => {
      const c = TYPE_COLORS[t];
      return ".vis-item.t-" + t + "{background:" + c + ";border-color:" + c + ";color:" + textColor(c) + "}" +
        ".vis-item.vis-dot.t-" + t + "{border-color:" + c + "}";
    });
    document.head.appendChild(el("style", { text: rules.join("\n") }));
  }

  // ------------------------------------------------------------------ chart (inline SVG)

  function renderChart(events) {
    const box = clear($("chart"));
    const dated = events.filter((ev) => isDated(ev) && ev.date.precision === "day");
    const vague = events.filter((ev) => isDated(ev) && ev.date.precision !== "day").length;
    if (!dated.length) {
      box.appendChild(el("p", { class: "note", text: "No day-precise events to chart." }));
      return;
    }
    const weeks = new Map();
    let first = null;
    let last = null;
    for (const ev of dated) {
      const week = weekStart(ev.date.start.slice(0, 10)).getTime();
      first = first === null ? week : Math.min(first, week);
      last = last === null ? week : Math.max(last, week);
      const bucket = weeks.get(week) || {};
      bucket[ev.type] = (bucket[ev.type] || 0) + 1;
      weeks.set(week, bucket);
    }
    const span = Math.round((last - first) / (7 * DAY_MS)) + 1;
    const count = Math.min(span, 260); // at most five years of weeks; later weeks are cut
    const max = Math.max(...[...weeks.values()].map((b) => Object.values(b).reduce((x, y) => x + y, 0)));
    const W = 720, H = 170, left = 30, bottom = 30, top = 8;
    const barW = Math.min(36, (W - left - 8) / count);
    const scale = (H - bottom - top) / max;
    const chart = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "chart", role: "img",
      "aria-label": "events per week by type" });
    chart.appendChild(svg("line", { x1: left, y1: H - bottom, x2: W - 4, y2: H - bottom, class: "axis" }));
    for (const tick of [0, Math.ceil(max / 2), max]) {
      const y = H - bottom - tick * scale;
      chart.appendChild(svg("text", { x: left - 4, y: y + 4, class: "tick", "text-anchor": "end" }, String(tick)));
    }
    const labelEvery = Math.max(1, Math.ceil(72 / barW)); // about 72 px per date label
    for (let i = 0; i < count; i++) {
      const week = first + i * 7 * DAY_MS;
      const bucket = weeks.get(week) || {};
      const x = left + i * barW + 1;
      let y = H - bottom;
      const weekLabel = isoDay(new Date(week));
      const total = Object.values(bucket).reduce((a, b) => a + b, 0);
      const group = svg("g", {
        class: "bar", tabindex: 0,
        onclick: () => setDateFilter(weekLabel, isoDay(new Date(week + 6 * DAY_MS))),
      }, svg("title", {}, "week of " + weekLabel + ": " + total + " event(s)" +
        Object.entries(bucket).map(([t, n]) => "\n" + t + ": " + n).join("")));
      for (const type of TYPE_ORDER.concat(Object.keys(bucket).filter((t) => !TYPE_COLORS[t]))) {
        if (!bucket[type]) continue;
        const h = bucket[type] * scale;
        y -= h;
        group.appendChild(svg("rect", { x, y, width: Math.max(1, barW - 2), height: h, fill: typeColor(type) }));
      }
      chart.appendChild(group);
      if (i % labelEvery === 0) {
        chart.appendChild(svg("text", { x: x, y: H - bottom + 14, class: "tick" }, weekLabel));
      }
    }
    box.appendChild(chart);
    const notes = [];
    if (span > count) notes.push("showing the first " + count + " of " + span + " weeks");
    if (vague) notes.push(vague + " event(s) known only to the month or year are not charted");
    notes.push("click a week to filter to it");
    box.appendChild(el("p", { class: "note", text: notes.join(" · ") }));
  }

  // ------------------------------------------------------------------ lists

  function outletsOf(ev) {
    return [...new Set((ev.sources || []).map((s) => s.outlet || s.doc))];
  }

  function eventRow(ev) {
    const flagged = (ev.disagreements || []).length > 0;
    const actors = (ev.actors || []).map((a) => a.name).join(", ");
    const row = el("li", {
      class: "event" + (state.selected === ev.id ? " selected" : ""),
      dataset: { id: ev.id }, tabindex: 0, role: "button",
      onclick: () => showEvent(ev.id),
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); showEvent(ev.id); } },
    },
    el("span", { class: "when", text: dateLabel(ev.date) },
      ev.date && ev.date.precision && !["day", "unknown"].includes(ev.date.precision)
        ? el("span", { class: "muted", text: " (" + ev.date.precision + ")" }) : null),
    badge(ev.type),
    el("span", { class: "what" },
      el("span", { class: "summary", text: ev.summary }),
      actors ? el("span", { class: "actors", text: actors }) : null),
    el("span", { class: "who" },
      el("span", { class: "outlets", text: outletsOf(ev).join(" · ") }),
      (ev.corroboration || 1) > 1 ? el("span", { class: "corro", title: "reported by distinct outlets",
        text: "×" + ev.corroboration }) : null,
      flagged ? el("span", { class: "flag", title: "sources disagree", text: "⚠ disagree" }) : null));
    return row;
  }

  function renderLists(events) {
    const dated = events.filter(isDated);
    const undated = events.filter((ev) => !isDated(ev));
    const list = clear($("event-list"));
    const MAX_ROWS = 1000; // a long list stays usable; filters narrow it
    for (const ev of dated.slice(0, MAX_ROWS)) list.appendChild(eventRow(ev));
    if (dated.length > MAX_ROWS) list.appendChild(el("li", { class: "note", text: (dated.length - MAX_ROWS) + " more — narrow the filters" }));
    if (!dated.length) list.appendChild(el("li", { class: "note", text: "No dated events match the filters." }));
    const ulist = clear($("undated-list"));
    for (const ev of undated.slice(0, MAX_ROWS)) ulist.appendChild(eventRow(ev));
    if (!undated.length) ulist.appendChild(el("li", { class: "note", text: "None." }));
    $("list-count").textContent = "(" + dated.length + ")";
    $("undated-count").textContent = "(" + undated.length + ")";
    const total = state.timeline.events.length;
    $("count-shown").textContent = events.length === total ? total + " events" : events.length + " of " + total + " events";
  }

  // ------------------------------------------------------------------ details

  function section(title, ...children) {
    return el("section", { class: "block" }, el("h3", { text: title }), ...children);
  }

  function field(label, value) {
    return value === null || value === undefined || value === "" ? null
      : el("div", { class: "field" }, el("span", { class: "label", text: label }), el("span", { text: value }));
  }

  function describeDate(d) {
    if (!d || !d.start) return "undated — the sources do not say when";
    let text = dateLabel(d) + " · precision: " + (d.precision || "unknown") + " · basis: " + (d.basis || "unresolved");
    if (d.text) text += " · as written: “" + d.text + "”";
    return text;
  }

  function showEvent(id, opts) {
    const ev = state.timeline.events.find((e) => e.id === id);
    if (!ev) return;
    state.selected = id;
    for (const row of document.querySelectorAll("li.event")) row.classList.toggle("selected", row.dataset.id === id);
    if (state.vis && !(opts && opts.fromTimeline) && state.items.get(id)) state.vis.setSelection([id], { focus: true, animation: false });
    const box = clear($("details"));
    box.dataset.kind = "event";
    box.dataset.id = id;
    box.appendChild(el("div", { class: "head" }, badge(ev.type), el("h2", { text: ev.summary })));
    box.appendChild(el("div", { class: "field date" }, el("span", { class: "label", text: "When" }),
      el("span", { text: describeDate(ev.date) })));
    if ((ev.corroboration || 1) > 1) box.appendChild(field("Corroboration", ev.corroboration + " distinct outlets report it"));

    const disagreements = ev.disagreements || [];
    if (disagreements.length) {
      box.appendChild(el("section", { class: "block disagree" }, el("h3", { text: "⚠ Sources disagree" }),
        el("ul", {}, disagreements.map((d) => el("li", {}, el("strong", { text: d.field + ": " }),
          (d.values || []).map((v, i) => el("span", { class: "dv" }, i ? " vs " : "",
            el("q", { text: String(v.value) }), " (" + (v.sources || []).map(docLabel).join(", ") + ")")))))));
    }

    if ((ev.actors || []).length) {
      box.appendChild(section("Actors", el("table", { class: "grid" },
        el("thead", {}, el("tr", {}, ["Name", "Role", "Country", "Kind"].map((h) => el("th", { text: h })))),
        el("tbody", {}, ev.actors.map((a) => el("tr", {}, el("td", { text: a.name }), el("td", { text: a.role }),
          el("td", { text: a.country || "—" }), el("td", { text: a.kind || "—" })))))));
    }
    if (ev.location) {
      const loc = ev.location;
      const coords = loc.lat !== null && loc.lat !== undefined ? " (" + loc.lat.toFixed(3) + ", " + loc.lon.toFixed(3) + ")" : "";
      box.appendChild(section("Place", el("p", { text: loc.name + (loc.country ? ", " + loc.country : "") + coords })));
    }
    if ((ev.quantities || []).length) {
      box.appendChild(section("Quantities", el("ul", {}, ev.quantities.map((q) =>
        el("li", {}, el("strong", { text: (q.approximate ? "≈" : "") + q.value }), " " + q.what + " ",
          el("span", { class: "muted", text: "(“" + q.text + "”)" }))))));
    }
    box.appendChild(section("Sources — how each outlet reports it", sourcesTable(ev)));
    const related = ev.story ? storyDocs(ev.story) : [];
    if (related.length) {
      box.appendChild(section("Story", el("ul", { class: "plain" }, related.map((d) => docLink(d)))));
    }
  }

  function sourcesTable(ev) {
    const phrases = [];
    for (const q of ev.quantities || []) phrases.push({ text: q.text, cls: "qty", title: "quantity" });
    if (ev.date && ev.date.text) phrases.push({ text: ev.date.text, cls: "when", title: "date" });
    // One row per source: outlet, its wording and its date side by side; the evidence
    // sentence, with the event words highlighted, on a full-width row under it.
    return el("table", { class: "grid sources" },
      el("thead", {}, el("tr", {}, ["Outlet", "Wording", "Date given"].map((h) => el("th", { text: h })))),
      (ev.sources || []).map((s) => {
        const doc = state.docs.get(s.doc);
        const words = [{ text: s.wording, cls: "trigger", title: "event words" },
          { text: s.trigger, cls: "trigger", title: "event words" }];
        const own = s.date && s.date.text ? [{ text: s.date.text, cls: "when", title: "date" }] : [];
        return el("tbody", { class: "source", dataset: { doc: s.doc } },
          el("tr", {},
            el("td", {}, el("strong", { text: s.outlet || (doc && doc.outlet) || s.doc }),
              el("span", { class: "muted", text: (doc && doc.published) ? " · published " + doc.published : " · publication date unknown" })),
            el("td", { class: "wording", text: s.wording || "—" }),
            el("td", { text: s.date && s.date.start ? s.date.start + (s.date.text ? " (“" + s.date.text + "”)" : "") : "—" })),
          el("tr", { class: "evidence-row" }, el("td", { colspan: 3 },
            highlight(s.sentence, words.concat(own, phrases)),
            doc ? el("a", { href: "#", class: "doclink", text: " open document ›",
              onclick: (e) => { e.preventDefault(); showDocument(s.doc, s); } }) : null)),
          // Why this report was merged into the event (the features it shares with another report).
          (s.merged_because || []).length ? el("tr", { class: "merge-row" }, el("td", { colspan: 3 },
            el("span", { class: "muted merged-because", text: "merged because: " + s.merged_because.join("; ") }))) : null);
      }));
  }

  function docLabel(id) {
    const doc = state.docs.get(id);
    return doc && doc.outlet ? doc.outlet : id;
  }

  function storyDocs(story) {
    return state.timeline.documents.filter((d) => d.story === story);
  }

  function docLink(doc) {
    return el("li", {}, el("a", { href: "#", class: "doclink", text: doc.title || doc.id,
      onclick: (e) => { e.preventDefault(); showDocument(doc.id); } }),
    el("span", { class: "muted", text: " · " + (doc.outlet || "unknown outlet") + " · " + (doc.published || "date unknown") }));
  }

  function showDocument(id, source) {
    const doc = state.docs.get(id);
    if (!doc) return;
    const box = clear($("details"));
    box.dataset.kind = "document";
    box.dataset.id = id;
    box.appendChild(el("div", { class: "head" }, el("h2", { text: doc.title || "(untitled)" })));
    append(box, [
      field("Outlet", doc.outlet || "unknown"),
      field("Author", doc.author),
      field("Published", (doc.published || "unknown") + " (basis: " + doc.published_basis + ")"),
      field("Language", doc.language),
      field("Status", doc.status && doc.status !== "ok" ? doc.status : null),
      field("Reprint of", doc.duplicate_of),
    ]);
    const url = safeUrl(doc.url);
    if (url) box.appendChild(el("div", { class: "field" }, el("span", { class: "label", text: "URL" }),
      el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", text: url })));
    const body = el("div", { class: "body" });
    if (source && typeof source.start === "number" && source.end > source.start && doc.body.slice(source.start, source.end) === source.sentence) {
      body.append(doc.body.slice(0, source.start), el("mark", { class: "cited", text: source.sentence }), doc.body.slice(source.end));
    } else {
      body.textContent = doc.body;
    }
    box.appendChild(section("Text", body));
    const cited = body.querySelector("mark.cited");
    if (cited) cited.scrollIntoView({ block: "center" });
  }

  // ------------------------------------------------------------------ stories

  function renderStories() {
    const groups = new Map();
    for (const doc of state.timeline.documents) {
      const key = doc.story || doc.id;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(doc);
    }
    const eventsByStory = {};
    for (const ev of state.timeline.events) if (ev.story) eventsByStory[ev.story] = (eventsByStory[ev.story] || 0) + 1;
    const box = clear($("stories"));
    const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    if (!ordered.length) box.appendChild(el("p", { class: "note", text: "No documents yet." }));
    for (const [key, docs] of ordered) {
      docs.sort((a, b) => String(a.published || "9999").localeCompare(String(b.published || "9999")));
      const title = (docs.find((d) => d.title) || {}).title || key;
      const outlets = new Set(docs.filter((d) => !d.duplicate_of).map((d) => d.outlet || d.id));
      box.appendChild(el("article", { class: "story", dataset: { story: key } },
        el("h3", { text: title }),
        el("p", { class: "muted", text: docs.length + " document(s) · " + outlets.size + " outlet(s)" +
          (eventsByStory[key] ? " · " + eventsByStory[key] + " event(s)" : "") }),
        el("ul", { class: "plain" }, docs.map((d) => {
          const item = docLink(d);
          if (d.duplicate_of) item.appendChild(el("span", { class: "tag", text: "reprint of " + d.duplicate_of }));
          if (d.status && d.status !== "ok") item.appendChild(el("span", { class: "tag", text: d.status }));
          return item;
        }))));
    }
  }

  // ------------------------------------------------------------------ agreement

  function renderAgreement() {
    const box = clear($("agreement"));
    const provisions = state.provisions || [];
    if (!provisions.length) {
      box.appendChild(el("p", { class: "note", text: "No agreement provisions found in these documents." }));
      return;
    }
    box.appendChild(el("table", { class: "grid agreement" },
      el("thead", {}, el("tr", {}, ["Provision", "Latest status", "History (date · status · source)"].map((h) => el("th", { text: h })))),
      el("tbody", {}, provisions.map((p) => {
        const history = p.history || [];
        const latest = (p.latest && p.latest.length) ? p.latest : latestOf(history);
        return el("tr", { dataset: { key: p.key } },
          el("td", {}, el("strong", { text: p.label || p.key }), p.definition ? el("div", { class: "muted", text: p.definition }) : null),
          el("td", {}, latest.map((h) => el("div", {}, statusBadge(h.status), h.agreement ? el("span", { class: "muted", text: " " + h.agreement }) : null,
            el("div", { class: "muted", text: (h.date || "undated") + " · " + (h.outlet || h.doc) })))),
          el("td", {}, el("ol", { class: "history" }, history.map((h) => el("li", {},
            el("span", { class: "when", text: h.date || "undated" }), " ", statusBadge(h.status),
            h.by ? el("span", { text: " by " + h.by }) : null,
            " ", el("a", { href: "#", class: "doclink", text: "[" + (h.outlet || docLabel(h.doc)) + "]",
              onclick: (e) => { e.preventDefault(); showDocument(h.doc, h); } }),
            el("div", { class: "cite" }, highlight(h.sentence, [{ text: h.cue, cls: "trigger", title: "status words" }])))))));
      }))));
  }

  function latestOf(history) {
    const dated = history.filter((h) => h.date);
    return dated.length ? [dated[dated.length - 1]] : history.slice(-1);
  }

  // ------------------------------------------------------------------ page

  function refresh() {
    const events = filtered();
    updateTimeline(events);
    renderChart(events);
    renderLists(events);
  }

  function showTab(name) {
    for (const tab of document.querySelectorAll(".tab")) {
      const on = tab.dataset.tab === name;
      tab.classList.toggle("active", on);
      tab.setAttribute("aria-selected", String(on));
    }
    for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== "view-" + name;
    if (name === "timeline" && state.vis) state.vis.redraw();
  }

  function start(payload) {
    state.timeline = payload.timeline || state.timeline;
    state.provisions = payload.provisions || [];
    state.docs = new Map(state.timeline.documents.map((d) => [d.id, d]));
    const outlets = new Set(state.timeline.documents.map((d) => d.outlet).filter(Boolean));
    const undated = state.timeline.events.filter((e) => !isDated(e)).length;
    $("summary").textContent = state.timeline.events.length + " events (" + undated + " undated) from " +
      state.timeline.documents.length + " documents, " + outlets.size + " outlets";
    for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => showTab(tab.dataset.tab));
    injectTypeStyles();
    buildFilters();
    buildTimeline();
    renderStories();
    renderAgreement();
    refresh();
    document.body.dataset.ready = "true";
  }

  function fail(message) {
    const banner = $("banner");
    banner.hidden = false;
    banner.textContent = message;
    $("summary").textContent = "";
  }

  async function load() {
    const embedded = document.getElementById("chronicle-data");
    if (embedded) return JSON.parse(embedded.textContent);
    const get = async (path) => {
      const response = await fetch(path, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(path + " answered " + response.status);
      return response.json();
    };
    const [timeline, provisions] = await Promise.all([get("api/timeline"), get("api/agreement")]);
    return { timeline, provisions };
  }

  document.addEventListener("DOMContentLoaded", () => {
    load().then(start).catch((err) => fail("Could not load the timeline: " + err.message));
  });
})();
