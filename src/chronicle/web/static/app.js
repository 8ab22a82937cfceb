/* chronicle web page. Plain JS, no build step.
 *
 * The page reads its data through one of two sources with the same methods:
 *   - apiSource(): the served page, a client of the paginated, filtered API (/api/events,
 *     /api/events/histogram, /api/events/places, /api/facets, ...): it never loads the whole
 *     timeline, so it stays fast on a store of 100,000 events;
 *   - localSource(payload): the self-contained file (chronicle demo), whose data is embedded in
 *     <script type="application/json" id="chronicle-data">; it filters in the page by the
 *     same rule as the API (chronicle.query).
 * The filters, the open tab and the selected event live in the URL's fragment, so a link
 * shares a view and the back button goes back through them.
 *
 * Safety rule: article text is data, never markup. Every string from the data reaches the
 * page through textContent / createTextNode (see el() and highlight()); nothing here
 * assigns HTML (Leaflet's tooltips get elements, not strings), and links are only made
 * from http(s) URLs.
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
  const PAGE = 100; // events per page of a list (the API's page)
  const EXPORTS = [["csv", "CSV"], ["json", "JSON"], ["geojson", "GeoJSON"], ["md", "Markdown brief"], ["acled", "ACLED CSV"]];

  function emptyFilters() {
    return { types: new Set(), acled: "", actor: "", country: "", outlet: "", place: "", since: "", until: "", q: "",
      corroboration: 1, disagreement: false };
  }

  const state = {
    source: null,
    facets: null,
    filters: emptyFilters(),
    view: "timeline",
    pages: { dated: 0, undated: 0, disagreements: 0 },
    selected: null,
    events: new Map(), // events shown so far, by id
    vis: null,
    items: null,
    map: null,
    markers: null,
    seq: 0, // the latest refresh: an older one that answers late is dropped
    applying: false, // true while the URL is being applied to the page
    lastHash: "",
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

  // ------------------------------------------------------------------ the query rule (local file)

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

  /* chronicle.query's rule, for the embedded data: all given filters hold; a date range keeps
     dated events that overlap it. */
  function matches(ev, f) {
    if (f.types.size && !f.types.has(ev.type)) return false;
    if (f.acled && !(ev.acled && ev.acled.sub_event_type === f.acled)) return false;
    const actors = ev.actors || [];
    if (f.actor && !actors.some((a) => a.name.toLowerCase() === f.actor.toLowerCase())) return false;
    if (f.country && !actors.some((a) => (a.country || "").toUpperCase() === f.country)) return false;
    if (f.outlet && !(ev.sources || []).some((s) => s.outlet === f.outlet)) return false;
    if (f.place && !(ev.location && ev.location.name === f.place)) return false;
    if ((ev.corroboration || 1) < f.corroboration) return false;
    if (f.disagreement && !(ev.disagreements || []).length) return false;
    if (f.since || f.until) {
      if (!isDated(ev)) return false;
      const span = eventSpan(ev);
      if (f.since && span.end < padDate(f.since, "min")) return false;
      if (f.until && span.start > padDate(f.until, "max")) return false;
    }
    if (f.q) {
      const text = haystack(ev);
      for (const word of f.q.toLowerCase().split(/\s+/).filter(Boolean)) if (!text.includes(word)) return false;
    }
    return true;
  }

  function histogramUnit(first, last) {
    if (!first || !last) return "month";
    const years = Number(last.slice(0, 4)) - Number(first.slice(0, 4));
    return years <= 1 ? "week" : years <= 10 ? "month" : "year";
  }

  function periodOf(ev, unit) {
    const start = ev.date.start;
    if (unit === "week") return start.length === 10 ? isoDay(weekStart(start)) : null;
    if (unit === "month") return start.length >= 7 ? start.slice(0, 7) : null;
    return start.slice(0, 4);
  }

  // ------------------------------------------------------------------ data sources

  function localSource(payload) {
    const timeline = payload.timeline || { documents: [], events: [] };
    const docs = new Map(timeline.documents.map((d) => [d.id, d]));
    const all = timeline.events;
    for (const ev of all) for (const s of ev.sources || []) {
      const doc = docs.get(s.doc);
      if (doc && s.published === undefined) s.published = doc.published;
      if (doc && !s.outlet) s.outlet = doc.outlet;
    }
    const select = (f, opts) => {
      let list = all.filter((ev) => matches(ev, f));
      if (opts.dated === true) list = list.filter(isDated);
      if (opts.dated === false) list = list.filter((ev) => !isDated(ev));
      return list;
    };
    const ranked = (counts) => [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
      .map(([value, events]) => ({ value, events }));
    return {
      kind: "local",
      world: payload.world || null,
      async facets() {
        const types = {}, acled = {};
        const actors = new Map(), countries = new Map(), outlets = new Map();
        for (const ev of all) {
          types[ev.type] = (types[ev.type] || 0) + 1;
          if (ev.acled && ev.acled.sub_event_type) acled[ev.acled.sub_event_type] = (acled[ev.acled.sub_event_type] || 0) + 1;
          for (const a of ev.actors || []) {
            actors.set(a.name, (actors.get(a.name) || 0) + 1);
            if (a.country) countries.set(a.country.toUpperCase(), (countries.get(a.country.toUpperCase()) || 0) + 1);
          }
        }
        for (const d of timeline.documents) if (d.outlet) outlets.set(d.outlet, (outlets.get(d.outlet) || 0) + 1);
        const dated = all.filter(isDated).length;
        return { types, acled_types: acled, dated, undated: all.length - dated, documents: timeline.documents.length,
          actors: ranked(actors), countries: ranked(countries), outlets: ranked(outlets) };
      },
      async events(f, opts) {
        const list = select(f, opts);
        return { items: list.slice(opts.offset, opts.offset + opts.limit), total: list.length };
      },
      async histogram(f) {
        const dated = select(f, { dated: true });
        const starts = dated.map((ev) => padDate(ev.date.start, "min")).sort();
        const ends = dated.map((ev) => padDate(ev.date.end || ev.date.start, "max")).sort();
        const first = starts[0] || null, last = ends[ends.length - 1] || null;
        const unit = histogramUnit(first, last);
        const counts = new Map();
        for (const ev of dated) {
          const period = periodOf(ev, unit);
          if (period === null) continue;
          const key = period + "|" + ev.type;
          counts.set(key, (counts.get(key) || 0) + 1);
        }
        const bins = [...counts.entries()].map(([key, events]) => {
          const [period, type] = key.split("|");
          return { period, type, events };
        }).sort((a, b) => a.period.localeCompare(b.period));
        return { unit, first, last, bins };
      },
      async places(f) {
        const byPlace = new Map();
        for (const ev of select(f, {})) {
          const loc = ev.location;
          if (!loc || loc.lat === null || loc.lat === undefined) continue;
          const key = loc.name + "|" + loc.lat + "|" + loc.lon;
          const place = byPlace.get(key) || { name: loc.name, country: loc.country, lat: loc.lat, lon: loc.lon,
            coord_basis: loc.coord_basis, events: 0 };
          place.events += 1;
          byPlace.set(key, place);
        }
        return [...byPlace.values()].sort((a, b) => b.events - a.events);
      },
      async event(id) { return all.find((ev) => ev.id === id) || null; },
      async document(id) { return docs.get(id) || null; },
      async stories() {
        const groups = new Map();
        for (const doc of timeline.documents) {
          const key = doc.story || doc.id;
          if (!groups.has(key)) groups.set(key, []);
          groups.get(key).push(doc);
        }
        const counts = {};
        for (const ev of all) if (ev.story) counts[ev.story] = (counts[ev.story] || 0) + 1;
        return [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
          .map(([id, documents]) => ({ id, title: (documents.find((d) => d.title) || {}).title || null,
            documents: documents.slice().sort((a, b) => String(a.published || "9999").localeCompare(String(b.published || "9999"))),
            events: counts[id] || 0 }));
      },
      async agreement() { return payload.provisions || []; },
      brief: null, // the briefing is written by the server
      exportBlob(f) {
        const data = { version: timeline.version || "1", documents: [], events: select(f, {}) };
        return new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      },
    };
  }

  function apiSource() {
    async function get(path, params) {
      const query = params ? params.toString() : "";
      const response = await fetch(path + (query ? "?" + query : ""), { headers: { Accept: "application/json" } });
      if (!response.ok) {
        let detail = "";
        try { detail = (await response.json()).detail || ""; } catch (err) { detail = ""; }
        throw new Error(path + " answered " + response.status + (detail ? ": " + detail : ""));
      }
      return response.json();
    }
    return {
      kind: "api",
      world: null,
      facets: () => get("api/facets"),
      events: (f, opts) => get("api/events", queryParams(f, { limit: opts.limit, offset: opts.offset,
        dated: opts.dated === undefined ? null : opts.dated })),
      histogram: (f) => get("api/events/histogram", queryParams(f)),
      places: (f) => get("api/events/places", queryParams(f)),
      event: (id) => get("api/events/" + encodeURIComponent(id)),
      document: (id) => get("api/documents/" + encodeURIComponent(id)),
      stories: () => get("api/stories"),
      agreement: () => get("api/agreement"),
      brief: (f) => get("api/brief", queryParams(f)),
      exportUrl: (f, format) => "api/export?" + queryParams(f, { format }).toString(),
    };
  }

  /* The filters as the API's query parameters (and the URL's fragment). */
  function queryParams(f, extra) {
    const params = new URLSearchParams();
    for (const type of TYPE_ORDER.filter((t) => f.types.has(t)).concat([...f.types].filter((t) => !TYPE_COLORS[t]))) {
      params.append("type", type);
    }
    for (const key of ["acled", "actor", "country", "outlet", "place", "since", "until", "q"]) if (f[key]) params.set(key, f[key]);
    if (f.corroboration > 1) params.set("min_corroboration", String(f.corroboration));
    if (f.disagreement) params.set("disagreement", "true");
    for (const [key, value] of Object.entries(extra || {})) {
      if (value !== null && value !== undefined) params.set(key, String(value));
    }
    return params;
  }

  // ------------------------------------------------------------------ the URL holds the view

  function writeUrl() {
    if (state.applying) return;
    const params = queryParams(state.filters);
    if (state.view !== "timeline") params.set("view", state.view);
    if (state.selected) params.set("event", state.selected);
    for (const [key, page] of Object.entries(state.pages)) if (page) params.set("page-" + key, String(page));
    const hash = params.toString() ? "#" + params.toString() : "";
    if (hash !== location.hash && !(hash === "" && location.hash === "#")) {
      state.lastHash = hash; // this page's own change: hashchange must not apply it again
      if (hash) location.hash = hash;
      else history.pushState(null, "", location.pathname + location.search);
    }
  }

  function readUrl() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const f = emptyFilters();
    for (const type of params.getAll("type")) for (const t of type.split(",")) if (t.trim()) f.types.add(t.trim().toUpperCase());
    for (const key of ["acled", "actor", "country", "outlet", "place", "since", "until", "q"]) f[key] = params.get(key) || "";
    if (f.since && !validPrefix(f.since)) f.since = "";
    if (f.until && !validPrefix(f.until)) f.until = "";
    f.country = f.country.toUpperCase();
    f.corroboration = Math.max(1, Number(params.get("min_corroboration")) || 1);
    f.disagreement = params.get("disagreement") === "true";
    return {
      filters: f, view: params.get("view") || "timeline", event: params.get("event") || null,
      pages: { dated: Number(params.get("page-dated")) || 0, undated: Number(params.get("page-undated")) || 0,
        disagreements: Number(params.get("page-disagreements")) || 0 },
    };
  }

  async function applyUrl() {
    const wanted = readUrl();
    state.lastHash = location.hash;
    state.applying = true;
    try {
      state.filters = wanted.filters;
      state.pages = wanted.pages;
      syncFilterInputs();
      showTab(document.getElementById("view-" + wanted.view) ? wanted.view : "timeline");
      await refresh();
      if (wanted.event && wanted.event !== state.selected) await showEvent(wanted.event);
      if (!wanted.event && state.selected) clearDetails();
    } finally {
      state.applying = false;
    }
  }

  // ------------------------------------------------------------------ filters UI

  function fillSelect(select, values, label) {
    while (select.options.length > 1) select.remove(1);
    for (const item of values) select.appendChild(el("option", { value: item.value, text: label(item) }));
  }

  function buildFilters() {
    const facets = state.facets;
    const box = clear($("filter-types"));
    const types = facets.types || {};
    for (const type of TYPE_ORDER.filter((t) => types[t]).concat(Object.keys(types).filter((t) => !TYPE_COLORS[t]))) {
      const chip = el("button", {
        type: "button", class: "chip", dataset: { type }, "aria-pressed": "false",
        title: "show only " + type + " events (click again to clear)",
        onclick: () => {
          if (state.filters.types.has(type)) state.filters.types.delete(type);
          else state.filters.types.add(type);
          changed();
        },
      }, el("span", { class: "swatch" }), type + " ", el("span", { class: "muted", text: types[type] }));
      chip.firstChild.style.background = typeColor(type);
      box.appendChild(chip);
    }
    const acled = Object.entries(facets.acled_types || {}).sort((a, b) => b[1] - a[1]).map(([value, events]) => ({ value, events }));
    fillSelect($("filter-acled"), acled, (a) => a.value + " (" + a.events + ")");
    fillSelect($("filter-actor"), facets.actors || [], (a) => a.value);
    fillSelect($("filter-country"), facets.countries || [], (c) => c.value + " (" + c.events + ")");
    fillSelect($("filter-outlet"), facets.outlets || [], (o) => o.value);

    let timer = null;
    $("filter-q").addEventListener("input", (e) => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.filters.q = e.target.value.trim(); changed(); }, 200);
    });
    for (const key of ["acled", "actor", "country", "outlet"]) {
      $("filter-" + key).addEventListener("change", (e) => { state.filters[key] = e.target.value; changed(); });
    }
    $("filter-corroboration").addEventListener("change", (e) => {
      state.filters.corroboration = Math.max(1, Number(e.target.value) || 1);
      changed();
    });
    $("filter-disagreement").addEventListener("change", (e) => { state.filters.disagreement = e.target.checked; changed(); });
    for (const key of ["since", "until"]) {
      const input = $("filter-" + key);
      input.addEventListener("change", () => setDateBound(key, input.value.trim()));
      $("pick-" + key).addEventListener("change", (e) => { input.value = e.target.value; setDateBound(key, e.target.value); });
    }
    $("filters").addEventListener("submit", (e) => e.preventDefault());
    $("filters").addEventListener("reset", (e) => {
      e.preventDefault();
      state.filters = emptyFilters();
      changed();
    });
  }

  function setDateBound(key, value) {
    const input = $("filter-" + key);
    const ok = value === "" || validPrefix(value);
    input.classList.toggle("invalid", !ok);
    input.title = ok ? "" : "use YYYY, YYYY-MM or YYYY-MM-DD";
    if (!ok) return;
    state.filters[key] = value;
    changed();
  }

  /* The inputs show the filters (after a reset, or a URL applied). */
  function syncFilterInputs() {
    const f = state.filters;
    $("filter-q").value = f.q;
    for (const key of ["since", "until"]) {
      $("filter-" + key).value = f[key];
      $("filter-" + key).classList.remove("invalid");
      $("pick-" + key).value = f[key].length === 10 ? f[key] : "";
    }
    for (const key of ["acled", "actor", "country", "outlet"]) {
      const select = $("filter-" + key);
      if (f[key] && ![...select.options].some((o) => o.value === f[key])) {
        select.appendChild(el("option", { value: f[key], text: f[key] }));
      }
      select.value = f[key];
    }
    $("filter-corroboration").value = String(f.corroboration);
    $("filter-disagreement").checked = f.disagreement;
    for (const chip of $("filter-types").children) chip.setAttribute("aria-pressed", String(f.types.has(chip.dataset.type)));
    const place = clear($("place-filter"));
    place.hidden = !f.place;
    if (f.place) {
      place.append("at ", el("strong", { text: f.place }), " ",
        el("button", { type: "button", class: "clear", title: "any place", text: "×",
          onclick: () => { state.filters.place = ""; changed(); } }));
    }
  }

  /* A filter changed: back to the first pages, into the URL, and refreshed. */
  function changed() {
    state.pages = { dated: 0, undated: 0, disagreements: 0 };
    syncFilterInputs();
    writeUrl();
    refresh();
  }

  function setDates(since, until) {
    state.filters.since = since;
    state.filters.until = until;
    changed();
  }

  // ------------------------------------------------------------------ timeline (vis)

  function itemNode(ev) {
    const node = el("span", { class: "item-label", title: ev.summary });
    node.textContent = ev.summary.length > 60 ? ev.summary.slice(0, 57) + "…" : ev.summary;
    return node;
  }

  function buildTimeline() {
    if (typeof vis === "undefined" || !vis.Timeline) {
      $("timeline-note").textContent = "The timeline library did not load; the lists below still work.";
      return;
    }
    state.items = new vis.DataSet();
    state.vis = new vis.Timeline($("timeline"), state.items, {
      stack: true,
      selectable: true,
      multiselect: false,
      showCurrentTime: false,
      orientation: { axis: "top" },
      margin: { item: { horizontal: 2, vertical: 4 } },
      minHeight: "180px",
      maxHeight: "420px",
      zoomMin: 7 * DAY_MS,
      // Labels are elements built with textContent, never HTML strings; long ones are cut, and
      // the whole summary is the item's tooltip.
      template: (item) => itemNode(item.event),
    });
    state.vis.on("select", (props) => {
      if (props.items && props.items.length) showEvent(props.items[0], { fromTimeline: true });
    });
  }

  function updateTimeline(page) {
    const dated = page.items.filter(isDated);
    $("timeline-note").textContent = dated.length
      ? "Day-precise events are points; events known only to the month or year span that period." +
        (page.total > dated.length ? " Showing the " + dated.length + " events of this page of the list below (" +
          page.total + " in all): page through the list, or narrow the filters." : "")
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

  /* Every period from the first to the last, so that empty weeks or months show as gaps. */
  function periods(unit, first, last) {
    const out = [];
    if (!first || !last) return out;
    if (unit === "year") {
      for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)) && out.length < 400; y++) out.push(String(y));
    } else if (unit === "month") {
      let y = Number(first.slice(0, 4)), m = Number(first.slice(5, 7));
      const end = last.slice(0, 7);
      while (out.length < 400) {
        const label = y + "-" + String(m).padStart(2, "0");
        out.push(label);
        if (label >= end) break;
        m += 1;
        if (m > 12) { m = 1; y += 1; }
      }
    } else {
      let week = weekStart(first.slice(0, 10)).getTime();
      const end = utc(last.slice(0, 10)).getTime();
      while (week <= end && out.length < 400) { out.push(isoDay(new Date(week))); week += 7 * DAY_MS; }
    }
    return out;
  }

  function periodRange(unit, period) {
    if (unit === "week") return [period, isoDay(new Date(utc(period).getTime() + 6 * DAY_MS))];
    return [period, period];
  }

  function renderChart(histogram) {
    const box = clear($("chart"));
    const unit = histogram.unit;
    $("chart-title").textContent = "Events per " + unit + ", by type";
    const buckets = new Map();
    for (const bin of histogram.bins) {
      const bucket = buckets.get(bin.period) || {};
      bucket[bin.type] = (bucket[bin.type] || 0) + bin.events;
      buckets.set(bin.period, bucket);
    }
    if (!buckets.size) {
      box.appendChild(el("p", { class: "note", text: "No dated events to chart." }));
      return;
    }
    const keys = [...buckets.keys()].sort();
    const all = periods(unit, keys[0], keys[keys.length - 1]);
    const max = Math.max(...[...buckets.values()].map((b) => Object.values(b).reduce((x, y) => x + y, 0)));
    const W = 720, H = 190, left = 34, bottom = 34, top = 8;
    const barW = (W - left - 8) / all.length;
    const scale = (H - bottom - top) / max;
    const chart = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "chart", role: "img",
      "aria-label": "events per " + unit + " by type" });
    chart.appendChild(svg("line", { x1: left, y1: H - bottom, x2: W - 4, y2: H - bottom, class: "axis" }));
    for (const tick of [...new Set([0, Math.ceil(max / 2), max])]) {
      const y = H - bottom - tick * scale;
      chart.appendChild(svg("text", { x: left - 4, y: y + 4, class: "tick", "text-anchor": "end" }, String(tick)));
    }
    // About one label per 80 px, on period boundaries a reader expects (years for months).
    const labelEvery = Math.max(1, Math.ceil(80 / barW));
    all.forEach((period, i) => {
      const bucket = buckets.get(period) || {};
      const x = left + i * barW;
      let y = H - bottom;
      const total = Object.values(bucket).reduce((a, b) => a + b, 0);
      const [since, until] = periodRange(unit, period);
      const group = svg("g", { class: "bar", tabindex: 0,
        onclick: () => setDates(since, until),
        onkeydown: (e) => { if (e.key === "Enter") setDates(since, until); },
      }, svg("title", {}, (unit === "week" ? "week of " : "") + period + ": " + total + " event(s)" +
        Object.entries(bucket).map(([t, n]) => "\n" + t + ": " + n).join("")));
      group.setAttribute("data-period", period);
      group.appendChild(svg("rect", { x, y: top, width: Math.max(1, barW), height: H - bottom - top, fill: "transparent" }));
      for (const type of TYPE_ORDER.concat(Object.keys(bucket).filter((t) => !TYPE_COLORS[t]))) {
        if (!bucket[type]) continue;
        const h = bucket[type] * scale;
        y -= h;
        group.appendChild(svg("rect", { x: x + 0.5, y, width: Math.max(1, barW - 1), height: h, fill: typeColor(type),
          class: "seg" }));
      }
      chart.appendChild(group);
      if (i % labelEvery === 0) {
        const label = unit === "month" && labelEvery >= 12 ? period.slice(0, 4) : period;
        chart.appendChild(svg("text", { x: x + 1, y: H - bottom + 14, class: "tick" }, label));
      }
    });
    box.appendChild(chart);
    const notes = ["click a bar to keep its " + unit];
    if (unit === "week") notes.push("events known only to the month or year are not in weekly bars");
    if (unit === "month") notes.push("events known only to the year are not in monthly bars");
    box.appendChild(el("p", { class: "note", text: notes.join(" · ") }));
  }

  // ------------------------------------------------------------------ map (Leaflet, no tiles)

  async function buildMap() {
    const box = $("map");
    if (typeof L === "undefined") {
      box.hidden = true;
      $("map-note").textContent = "The map library did not load; the lists still work.";
      return;
    }
    state.map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 10, attributionControl: true,
      zoomControl: true }).setView([20, 10], 2);
    state.map.attributionControl.setPrefix(false);
    state.map.attributionControl.addAttribution("Natural Earth (public domain)");
    try {
      const world = state.source.world || await (await fetch("static/vendor/leaflet/countries-110m.json")).json();
      if (typeof topojson !== "undefined") {
        L.geoJSON(topojson.feature(world, world.objects.countries), {
          style: { color: "#9aa3b2", weight: 0.6, fillColor: "#e8ebf0", fillOpacity: 1 }, interactive: false,
        }).addTo(state.map);
      }
    } catch (err) {
      $("map-note").textContent = "The country outlines did not load: " + err.message;
    }
    state.markers = typeof L.markerClusterGroup === "function"
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40,
        iconCreateFunction: (cluster) => {
          const total = cluster.getAllChildMarkers().reduce((n, m) => n + m.options.events, 0);
          const size = total < 10 ? "small" : total < 100 ? "medium" : "large";
          // The count is a number the page computed, set as text on a new element.
          const label = el("div", {}, el("span", { text: total }));
          return L.divIcon({ html: label, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
        } })
      : L.layerGroup();
    state.markers.addTo(state.map);
  }

  function renderMap(places) {
    const count = places.reduce((n, p) => n + p.events, 0);
    $("map-count").textContent = "(" + count + " located events at " + places.length + " places)";
    if (!state.map) return;
    state.markers.clearLayers();
    const layers = places.map((place) => {
      const atCapital = place.coord_basis === "capital";
      const marker = L.circleMarker([place.lat, place.lon], {
        radius: Math.min(14, 4 + Math.log2(place.events + 1) * 2), weight: atCapital ? 2 : 1,
        color: atCapital ? "#1d2330" : "#fff", dashArray: atCapital ? "3 2" : null,
        fillColor: atCapital ? "#ffffff" : "#c0262d", fillOpacity: atCapital ? 0.6 : 0.85, events: place.events,
      });
      marker.options.events = place.events;
      marker.bindTooltip(el("span", { text: (place.name || "?") + (place.country ? ", " + place.country : "") + ": " +
        place.events + " event(s)" + (atCapital ? " (placed at the capital: the sources name only the country)" : "") }));
      marker.on("click", () => { state.filters.place = place.name || ""; changed(); });
      return marker;
    });
    if (state.markers.addLayers) state.markers.addLayers(layers);
    else layers.forEach((layer) => state.markers.addLayer(layer));
    $("map-note").textContent = places.length
      ? "Click a place to keep its events; dashed rings stand at a capital for a country named without a place."
      : "No event of the selection has a known place.";
    if (layers.length) {
      const bounds = L.latLngBounds(layers.map((m) => m.getLatLng()));
      state.map.fitBounds(bounds.pad(0.3), { maxZoom: 6, animate: false });
    }
  }

  // ------------------------------------------------------------------ lists

  function outletsOf(ev) {
    return [...new Set((ev.sources || []).map((s) => s.outlet || "outlet unknown"))];
  }

  function eventRow(ev) {
    state.events.set(ev.id, ev);
    const flagged = (ev.disagreements || []).length > 0;
    const actors = (ev.actors || []).map((a) => a.name).join(", ");
    return el("li", {
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
  }

  function pager(boxId, key, page) {
    const box = clear($(boxId));
    const pages = Math.ceil(page.total / PAGE);
    if (pages <= 1) return;
    const at = state.pages[key];
    const go = (to) => { state.pages[key] = to; writeUrl(); refresh(); };
    box.append(
      el("button", { type: "button", class: "prev", disabled: at === 0, onclick: () => go(at - 1), text: "‹ previous" }),
      el("span", { class: "muted", text: " " + (at * PAGE + 1) + "–" + Math.min(page.total, (at + 1) * PAGE) +
        " of " + page.total + " " }),
      el("button", { type: "button", class: "next", disabled: at >= pages - 1, onclick: () => go(at + 1), text: "next ›" }));
  }

  function renderDated(page) {
    const list = clear($("event-list"));
    for (const ev of page.items) list.appendChild(eventRow(ev));
    if (!page.items.length) list.appendChild(el("li", { class: "note", text: "No dated events match the filters." }));
    $("list-count").textContent = "(" + page.total + ")";
    pager("event-pager", "dated", page);
  }

  /* Undated events, compactly, under the story of their reports: what the story is about
     dates them for a reader, with each report's publication date beside its outlet. */
  function renderUndated(page) {
    const box = clear($("undated-list"));
    const groups = new Map();
    for (const ev of page.items) {
      const key = ev.story || "";
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(ev);
    }
    for (const [story, events] of groups) {
      const reports = new Map();
      for (const ev of events) for (const s of ev.sources || []) reports.set(s.doc, s);
      const dates = [...reports.values()].map((s) => (s.outlet || "outlet unknown") + (s.published ? " " + s.published : " (date unknown)"));
      box.appendChild(el("div", { class: "undated-group", dataset: { story } },
        el("div", { class: "group-head muted", text: (story ? "story " + story : "no story") + " · reports: " + dates.join(", ") }),
        el("ol", { class: "events compact" }, events.map(eventRow))));
    }
    if (!page.items.length) box.appendChild(el("p", { class: "note", text: "None." }));
    $("undated-count").textContent = "(" + page.total + ")";
    pager("undated-pager", "undated", page);
  }

  async function renderDisagreements() {
    const seq = state.seq;
    const page = await state.source.events({ ...state.filters, disagreement: true },
      { limit: PAGE, offset: state.pages.disagreements * PAGE });
    if (seq !== state.seq) return;
    const list = clear($("disagreement-list"));
    for (const ev of page.items) {
      const row = eventRow(ev);
      row.appendChild(el("ul", { class: "disagreements" }, (ev.disagreements || []).map((d) => el("li", {},
        el("strong", { text: d.field + ": " }),
        (d.values || []).map((v, i) => el("span", { class: "dv" }, i ? " vs " : "", el("q", { text: String(v.value) }),
          " (" + (v.sources || []).map(docLabel).join(", ") + ")"))))));
      list.appendChild(row);
    }
    if (!page.items.length) list.appendChild(el("li", { class: "note", text: "No disagreement between sources under these filters." }));
    $("disagreement-count").textContent = "(" + page.total + ")";
    pager("disagreement-pager", "disagreements", page);
  }

  function renderExports() {
    const box = clear($("exports"));
    box.append(el("span", { class: "muted", text: "Export this selection: " }));
    if (state.source.exportUrl) {
      for (const [format, label] of EXPORTS) {
        box.append(el("a", { class: "export", href: state.source.exportUrl(state.filters, format), download: "",
          dataset: { format }, text: label }), " ");
      }
    } else {
      box.append(el("a", { class: "export", href: "#", dataset: { format: "json" }, text: "JSON",
        onclick: (e) => {
          e.preventDefault();
          const url = URL.createObjectURL(state.source.exportBlob(state.filters));
          const link = el("a", { href: url, download: "chronicle-events.json" });
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(url), 1000);
        } }));
    }
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

  function docLabel(id) {
    for (const ev of state.events.values()) {
      const s = (ev.sources || []).find((x) => x.doc === id && x.outlet);
      if (s) return s.outlet;
    }
    return id;
  }

  function clearDetails() {
    state.selected = null;
    for (const row of document.querySelectorAll("li.event.selected")) row.classList.remove("selected");
    const box = clear($("details"));
    delete box.dataset.kind;
    delete box.dataset.id;
    box.appendChild(el("p", { class: "placeholder", text: "Select an event or a document to see its details and sources." }));
  }

  async function showEvent(id, opts) {
    let ev = state.events.get(id);
    if (!ev) {
      try { ev = await state.source.event(id); } catch (err) { ev = null; }
      if (!ev) return;
      state.events.set(id, ev);
    }
    state.selected = id;
    writeUrl();
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
      box.appendChild(section("Place", el("p", { text: loc.name + (loc.country ? ", " + loc.country : "") + coords +
        (loc.coord_basis === "capital" ? " — placed at the capital" : "") })));
    }
    if ((ev.quantities || []).length) {
      box.appendChild(section("Quantities", el("ul", {}, ev.quantities.map((q) =>
        el("li", {}, el("strong", { text: (q.approximate ? "≈" : "") + q.value }), " " + q.what + " ",
          el("span", { class: "muted", text: "(“" + q.text + "”)" }))))));
    }
    if (ev.acled && ev.acled.sub_event_type) {
      box.appendChild(field("ACLED", ev.acled.event_type + " · " + ev.acled.sub_event_type));
    }
    box.appendChild(section("Sources — how each outlet reports it", sourcesTable(ev)));
    if (ev.story) box.appendChild(field("Story", ev.story));
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
        const words = [{ text: s.wording, cls: "trigger", title: "event words" },
          { text: s.trigger, cls: "trigger", title: "event words" }];
        const own = s.date && s.date.text ? [{ text: s.date.text, cls: "when", title: "date" }] : [];
        return el("tbody", { class: "source", dataset: { doc: s.doc } },
          el("tr", {},
            el("td", {}, s.outlet ? el("strong", { text: s.outlet }) : el("em", { class: "muted", text: "outlet unknown" }),
              el("span", { class: "muted", text: s.published ? " · published " + s.published : " · publication date unknown" })),
            el("td", { class: "wording", text: s.wording || "—" }),
            el("td", { text: s.date && s.date.start ? s.date.start + (s.date.text ? " (“" + s.date.text + "”)" : "") : "—" })),
          el("tr", { class: "evidence-row" }, el("td", { colspan: 3 },
            highlight(s.sentence, words.concat(own, phrases)),
            el("a", { href: "#", class: "doclink", text: " open document ›",
              onclick: (e) => { e.preventDefault(); showDocument(s.doc, s); } }))),
          // Why this report was merged into the event (the features it shares with another report).
          (s.merged_because || []).length ? el("tr", { class: "merge-row" }, el("td", { colspan: 3 },
            el("span", { class: "muted merged-because", text: "merged because: " + s.merged_because.join("; ") }))) : null);
      }));
  }

  function docLink(doc) {
    return el("li", {}, el("a", { href: "#", class: "doclink", text: doc.title || doc.id,
      onclick: (e) => { e.preventDefault(); showDocument(doc.id); } }),
    el("span", { class: "muted", text: " · " + (doc.outlet || "unknown outlet") + " · " + (doc.published || "date unknown") }));
  }

  async function showDocument(id, source) {
    let doc = null;
    try { doc = await state.source.document(id); } catch (err) { doc = null; }
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

  async function renderStories() {
    const box = clear($("stories"));
    const stories = await state.source.stories();
    if (!stories.length) box.appendChild(el("p", { class: "note", text: "No documents yet." }));
    for (const story of stories) {
      const docs = story.documents || [];
      const outlets = new Set(docs.filter((d) => !d.duplicate_of).map((d) => d.outlet || d.id));
      box.appendChild(el("article", { class: "story", dataset: { story: story.id } },
        el("h3", { text: story.title || story.id }),
        el("p", { class: "muted", text: docs.length + " document(s) · " + outlets.size + " outlet(s)" +
          (story.events ? " · " + story.events + " event(s)" : "") }),
        el("ul", { class: "plain" }, docs.map((d) => {
          const item = docLink(d);
          if (d.duplicate_of) item.appendChild(el("span", { class: "tag", text: "reprint of " + d.duplicate_of }));
          if (d.status && d.status !== "ok") item.appendChild(el("span", { class: "tag", text: d.status }));
          return item;
        }))));
    }
  }

  // ------------------------------------------------------------------ agreement: provision x time

  async function renderAgreement() {
    const box = clear($("matrix"));
    clear($("agreement"));
    const provisions = await state.source.agreement();
    if (!provisions.length) {
      box.appendChild(el("p", { class: "note", text: "No agreement provisions found in these documents." }));
      return;
    }
    const months = [...new Set(provisions.flatMap((p) => (p.history || []).filter((h) => h.date).map((h) => h.date.slice(0, 7))))].sort();
    const undated = provisions.some((p) => (p.history || []).some((h) => !h.date));
    const columns = months.concat(undated ? ["undated"] : []);
    box.appendChild(el("div", { class: "matrix-wrap" }, el("table", { class: "grid matrix" },
      el("thead", {}, el("tr", {}, el("th", { text: "Provision" }), columns.map((m) => el("th", { text: m, class: "month" })))),
      el("tbody", {}, provisions.map((p) => el("tr", { dataset: { key: p.key } },
        el("th", { class: "provision", title: p.definition || "", text: p.label || p.key }),
        columns.map((month) => {
          const entries = (p.history || []).filter((h) => (h.date ? h.date.slice(0, 7) : "undated") === month);
          if (!entries.length) return el("td", { class: "empty" });
          const last = entries[entries.length - 1];
          return el("td", { class: "cell", tabindex: 0, dataset: { month }, title: entries.length + " report(s)",
            onclick: () => showProvision(p, month, entries),
            onkeydown: (e) => { if (e.key === "Enter") showProvision(p, month, entries); } }, statusBadge(last.status));
        })))))));
  }

  function showProvision(provision, month, entries) {
    state.selected = null;
    const box = clear($("details"));
    box.dataset.kind = "provision";
    box.dataset.id = provision.key;
    box.appendChild(el("div", { class: "head" }, el("h2", { text: (provision.label || provision.key) + " · " + month })));
    if (provision.definition) box.appendChild(el("p", { class: "muted", text: provision.definition }));
    box.appendChild(el("ol", { class: "history" }, entries.map((h) => el("li", {},
      el("span", { class: "when", text: h.date || "undated" }), " ", statusBadge(h.status),
      h.by ? el("span", { text: " by " + h.by }) : null,
      " ", el("a", { href: "#", class: "doclink", text: "[" + (h.outlet || h.doc) + "]",
        onclick: (e) => { e.preventDefault(); showDocument(h.doc, h); } }),
      el("div", { class: "cite" }, highlight(h.sentence, [{ text: h.cue, cls: "trigger", title: "status words" }]))))));
  }

  // ------------------------------------------------------------------ brief

  async function renderBrief() {
    const box = clear($("brief"));
    const f = state.filters;
    $("brief-note").textContent = "Period: " + (f.since || "the beginning") + " to " + (f.until || "the latest report") +
      " (set it with From and To, or click a bar of the chart); the other filters apply too.";
    if (!state.source.brief) {
      box.appendChild(el("p", { class: "note", text: "The brief is written by the server: run `chronicle serve` (or `chronicle brief`)." }));
      return;
    }
    const seq = state.seq;
    const brief = await state.source.brief(f);
    if (seq !== state.seq) return;
    const item = (i) => el("li", { dataset: { ref: i.ref } }, el("span", { text: i.text + " " }),
      (i.citations || []).map((c) => el("a", { href: "#", class: "cite-link", text: "[" + (c.outlet || c.doc) + ", " + (c.date || "undated") + "]",
        onclick: (e) => { e.preventDefault(); showDocument(c.doc, c); } })));
    const part = (title, items) => items.length ? section(title, el("ul", { class: "brief-list" }, items.map(item))) : null;
    append(box, [
      part("What happened", brief.events || []),
      part("Where the agreement stands", brief.agreement_changes || []),
      part("Where the sources disagree", brief.disagreements || []),
    ]);
    if (!box.children.length) box.appendChild(el("p", { class: "note", text: "Nothing in this period." }));
  }

  // ------------------------------------------------------------------ page

  async function refresh() {
    const seq = ++state.seq;
    const f = state.filters;
    const src = state.source;
    try {
      if (state.view === "timeline") {
        const [dated, undated, histogram, places] = await Promise.all([
          src.events(f, { dated: true, limit: PAGE, offset: state.pages.dated * PAGE }),
          src.events(f, { dated: false, limit: PAGE, offset: state.pages.undated * PAGE }),
          src.histogram(f), src.places(f)]);
        if (seq !== state.seq) return;
        updateTimeline(dated);
        renderChart(histogram);
        renderDated(dated);
        renderUndated(undated);
        renderMap(places);
        const total = (state.facets.dated || 0) + (state.facets.undated || 0);
        const shown = dated.total + undated.total;
        $("count-shown").textContent = shown === total ? total + " events" : shown + " of " + total + " events";
      } else {
        $("count-shown").textContent = ""; // the count is the timeline's
        if (state.view === "disagreements") await renderDisagreements();
        if (state.view === "brief") await renderBrief();
      }
      renderExports();
      $("banner").hidden = true;
    } catch (err) {
      if (seq === state.seq) fail("Could not load: " + err.message);
    }
    if (seq === state.seq) document.body.dataset.ready = "true";
  }

  function showTab(name) {
    state.view = name;
    for (const tab of document.querySelectorAll(".tab")) {
      const on = tab.dataset.tab === name;
      tab.classList.toggle("active", on);
      tab.setAttribute("aria-selected", String(on));
    }
    for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== "view-" + name;
    if (name === "timeline") {
      if (state.vis) state.vis.redraw();
      if (state.map) setTimeout(() => state.map.invalidateSize(), 0);
    }
    if (!["timeline", "disagreements", "brief"].includes(name)) $("count-shown").textContent = "";
    if (name === "stories") renderStories().catch((err) => fail("Could not load the stories: " + err.message));
    if (name === "agreement") renderAgreement().catch((err) => fail("Could not load the agreement: " + err.message));
  }

  async function start(source) {
    state.source = source;
    state.facets = await source.facets();
    const f = state.facets;
    $("summary").textContent = (f.dated + f.undated) + " events (" + f.undated + " undated) from " +
      f.documents + " documents, " + (f.outlets || []).length + " outlets";
    for (const tab of document.querySelectorAll(".tab")) {
      tab.addEventListener("click", () => {
        showTab(tab.dataset.tab);
        writeUrl();
        if (["timeline", "disagreements", "brief"].includes(tab.dataset.tab)) refresh();
      });
    }
    injectTypeStyles();
    buildFilters();
    buildTimeline();
    await buildMap();
    window.addEventListener("hashchange", () => { if (location.hash !== state.lastHash) applyUrl(); });
    window.addEventListener("popstate", () => { if (location.hash !== state.lastHash) applyUrl(); });
    await applyUrl();
  }

  function fail(message) {
    const banner = $("banner");
    banner.hidden = false;
    banner.textContent = message;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const embedded = document.getElementById("chronicle-data");
    let source;
    try {
      source = embedded ? localSource(JSON.parse(embedded.textContent)) : apiSource();
    } catch (err) {
      fail("Could not read the embedded data: " + err.message);
      return;
    }
    start(source).catch((err) => { fail("Could not load the timeline: " + err.message); $("summary").textContent = ""; });
  });
})();
