/* kgbuild graph page, drawn with sigma.js (WebGL) over a graphology graph.
 *
 * Every piece of text from the articles reaches the screen through textContent (or as the text of
 * a canvas label): nothing here parses text as HTML. The page data is one JSON document in the
 * element #kg-data (type application/json). Entities, articles and sentences are numbered; a
 * node's key is its entity's number, a drawn link joins two entities and carries every fact
 * (data.facts) between them, in either direction.
 *
 * What is drawn follows one rule, which kgbuild.viz.opening applies in Python too: an entity
 * passes when its type is ticked and it has at least the chosen numbers of connections and of
 * articles; a fact is drawn when both its ends pass (or were pinned by search or a panel) and
 * one of its events passes the event filters; an entity is drawn when it passes and one of its
 * facts is drawn, or when it is pinned.
 */
(function () {
  "use strict";

  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var META = D.meta;
  var SVG = "http://www.w3.org/2000/svg";
  var MAX_RESULTS = 12;
  var MAX_EVENTS = 60;
  var MAX_LABEL = 30;
  var MAX_PICKED_LINKS = 3000; // links can be hovered and clicked while at most this many are drawn
  var EDGE_LABEL_RATIO = 0.35; // camera ratio below which links between labelled nodes show their label
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

  // ------------------------------------------------------------------ data, unpacked

  var TYPES = D.types.map(function (t) { return t.name; });
  var typeStyle = new Map();
  D.types.forEach(function (t) { typeStyle.set(t.name, t); });
  var ENT = D.entities.map(function (r, i) {
    return {
      id: i, key: r[0], label: r[1], type: TYPES[r[2]] || "Thing", aliases: r[3], roles: r[4],
      mentions: r[5], articles: r[6], degree: r[7], carried: r[8] === 1,
      x: r.length > 9 ? r[9] : null, y: r.length > 9 ? r[10] : null, events: [], pairs: []
    };
  });
  var ART = D.articles.map(function (r) {
    return { id: r[0], title: r[1], date: r[2], source: r[3], author: r[4] };
  });
  var EVENTS = D.events.map(function (e, i) {
    var ev = {
      id: i, predicate: e.p, cls: D.classes[e.c] || "", subject: e.s === undefined ? null : e.s,
      object: e.o === undefined ? null : e.o, args: e.a || [], negated: e.n === 1,
      modality: e.m || "", disputed: e.d === 1, relation: e.r === 1, time: e.t || null,
      timeText: e.tt || "", reported: e.rp || null, from: e.f || null, to: e.u || null,
      place: e.pl === undefined ? null : e.pl, attributedTo: e.at || [], sources: e.src,
      story: e.st === undefined ? null : e.st,
      evidence: e.ev.map(function (x) {
        var s = D.sentences[x[0]];
        return { doc: s[0], sentence: s[1], marks: x[1], by: x[2] || "", mentions: x[3] || [] };
      })
    };
    var who = new Set();
    if (ev.subject !== null) who.add(ev.subject);
    if (ev.object !== null) who.add(ev.object);
    ev.args.forEach(function (a) { who.add(a[1]); });
    ev.attributedTo.forEach(function (k) { who.add(k); });
    if (ev.place !== null) who.add(ev.place);
    who.forEach(function (k) { if (ENT[k]) ENT[k].events.push(i); });
    return ev;
  });
  /* A fact whose events the page does not carry (between two entities drawn without their
   * events) has a summary instead: number of events, classes, first and last day, articles. */
  var FACTS = D.facts.map(function (f, i) {
    var sum = f[5] ? { n: f[5][0], classes: f[5][1], from: f[5][2], to: f[5][3], articles: f[5][4] } : null;
    return {
      id: i, s: f[0], o: f[1], predicate: f[2], negated: (f[3] & 1) !== 0, modal: (f[3] & 2) !== 0,
      disputed: (f[3] & 4) !== 0, relation: (f[3] & 8) !== 0, events: f[4], sum: sum
    };
  });
  /* Stories: articles about one happening (those of two articles or more with an event on the
   * page); an event's story is the story of most of its articles (EVENTS[i].story, a number of
   * STORIES). The filter lists them most articles first. */
  var STORIES = (D.stories || []).map(function (r, i) {
    return { id: i, label: r[0], from: r[1], to: r[2], articles: r[3], actors: r[4] };
  });
  function factArticles(f) {
    if (f.sum) return f.sum.articles;
    var out = [];
    f.events.forEach(function (j) { out = out.concat(EVENTS[j].sources); });
    return out;
  }

  /* Links: one per pair of entities, carrying every fact between them. */
  var PAIRS = [];
  var pairOf = new Map();
  FACTS.forEach(function (f) {
    var a = Math.min(f.s, f.o), b = Math.max(f.s, f.o), k = a + ":" + b;
    var p = pairOf.get(k);
    if (!p) {
      p = { id: PAIRS.length, a: a, b: b, facts: [] };
      PAIRS.push(p);
      pairOf.set(k, p);
      ENT[a].pairs.push(p.id);
      ENT[b].pairs.push(p.id);
    }
    p.facts.push(f.id);
  });

  var state = { ready: false, settled: false, loadMs: null, settleMs: null, startedAt: performance.now() };

  // ------------------------------------------------------------------ DOM helpers (text only)

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }
  function append(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return parent;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function $(id) { return document.getElementById(id); }

  function swatch(color) {
    var s = el("span", "swatch");
    s.style.background = color;
    return s;
  }

  function edgeIcon(color, width) {
    var svg = svgEl("svg", { width: 44, height: 12 });
    svg.appendChild(svgEl("line", { x1: 2, y1: 6, x2: 34, y2: 6, stroke: color, "stroke-width": width || 2 }));
    svg.appendChild(svgEl("polygon", { points: "33,2 42,6 33,10", fill: color }));
    return svg;
  }

  // ------------------------------------------------------------------ data helpers

  function entity(id) { return id === null || id === undefined ? null : ENT[id] || null; }
  function label(id) { var e = entity(id); return e ? e.label : "?"; }
  function typeOf(id) { var e = entity(id); return e ? e.type : "Thing"; }
  function colorOf(type) { var t = typeStyle.get(type); return t ? t.color : "#a0aab4"; }
  function article(id) { return ART[id] || { id: "?", title: "?", date: null, source: null, author: null }; }
  function plural(n, word, many) { return fmt(n) + " " + (n === 1 ? word : many || word + "s"); }
  function fmt(n) { return Number(n).toLocaleString("en"); }
  function short(text) { return text.length <= MAX_LABEL ? text : text.slice(0, MAX_LABEL - 1).trim() + "…"; }
  function drawable(id) { var e = entity(id); return !!e && e.x !== null; }

  function eventDate(ev) { return ev.time || ev.reported || null; }
  function compareEvents(a, b) {
    var da = eventDate(EVENTS[a]) || "9999", db = eventDate(EVENTS[b]) || "9999";
    if (da !== db) return da < db ? -1 : 1;
    return a - b;
  }
  function factWords(f) { return (f.negated ? "not " : "") + f.predicate; }

  // ------------------------------------------------------------------ title bar

  function publishersText() {
    var names = META.publishers, named = META.named, n = META.articles;
    if (!named) return null;
    var who = names.length <= 3 ? names.join(", ") : plural(names.length, "source");
    if (named === n) return "from " + who;
    return plural(named, "article") + " of " + fmt(n) + " name their publisher (" + who + ")";
  }

  var drawnFacts = el("b", null, "0");
  function fillTitleBar() {
    var bar = clear($("built"));
    if (D.focus !== null) {
      append(bar, el("span", "headline", "Around " + label(D.focus) + " (" + plural(META.hops, "hop") + ")"));
    }
    function item(value, word, opt, id) {
      var s = el("span", "item" + (opt ? " opt" : ""));
      if (id) s.id = id;
      append(s, typeof value === "string" ? el("b", null, value) : value, " " + word);
      bar.appendChild(s);
    }
    item(fmt(META.articles), META.articles === 1 ? "article" : "articles", false, "h-articles");
    var pub = publishersText();
    if (pub) {
      var src = el("span", "item opt", pub);
      src.id = "h-sources";
      src.title = META.publishers.join(", ");
      bar.appendChild(src);
    }
    if (META.firstDate) {
      var range = META.firstDate === META.lastDate ? META.firstDate : META.firstDate + " – " + META.lastDate;
      var d = el("span", "item");
      append(d, "dates ", el("b", null, range));
      bar.appendChild(d);
    }
    item(fmt(META.entities), "entities", false, "h-entities");
    item(fmt(META.events), "events", false, "h-events");
    item(drawnFacts, "of " + fmt(META.facts) + " facts drawn", true, "h-facts");
  }

  // ------------------------------------------------------------------ graph

  /* The graph sigma draws holds only what is drawn: a filter change makes a new one (sigma
   * draws every item of its graph, hidden ones too, and a build's whole graph is too much). The
   * attributes of every node and link that can be drawn are made once, here; nodes are added
   * most connected first, the order in which their labels claim room. */
  function newGraph() { return new graphology.Graph({ type: "directed", multi: false, allowSelfLoops: false }); }
  var graph = newGraph();
  var byDegree = ENT.filter(function (e) { return e.x !== null; }).sort(function (a, b) {
    return b.degree - a.degree || a.id - b.id;
  });
  var maxDeg = byDegree.length ? byDegree[0].degree : 1;
  var NODE = new Map();
  byDegree.forEach(function (e) {
    var thing = e.type === "Thing";
    var size = 2.5 + 9.5 * Math.log(1 + e.degree) / Math.log(2 + maxDeg);
    NODE.set(e.id, {
      x: e.x, y: -e.y, size: thing ? Math.min(size, 5) : size, color: colorOf(e.type),
      label: short(e.label), forceLabel: true,
      labelSize: Math.round(12 + 4 * Math.log(1 + e.degree) / Math.log(1 + maxDeg))
    });
  });
  var LINK_ENDS = PAIRS.map(function (p) {
    var forward = false, backward = false;
    p.facts.forEach(function (i) { if (FACTS[i].s === p.a) forward = true; else backward = true; });
    return { from: forward ? p.a : p.b, to: forward ? p.b : p.a, type: forward && backward ? "double" : "arrow" };
  });

  // ------------------------------------------------------------------ labels that fit

  /* Labels are drawn most connected first, each only where it overlaps no label drawn before it
   * in the same frame; the others appear as one zooms in, and on hover. */
  var labelBoxes = [];
  var labelGrid = new Map();
  var labelled = new Set();
  var CELL = 64;
  var widths = new Map();

  function cellKeys(b) {
    var keys = [];
    for (var cx = Math.floor(b[0] / CELL); cx <= Math.floor((b[0] + b[2]) / CELL); cx++) {
      for (var cy = Math.floor(b[1] / CELL); cy <= Math.floor((b[1] + b[3]) / CELL); cy++) keys.push(cx + "," + cy);
    }
    return keys;
  }
  function overlaps(a, b) {
    return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
  }
  function freeAt(box) {
    var keys = cellKeys(box);
    for (var i = 0; i < keys.length; i++) {
      var c = labelGrid.get(keys[i]);
      if (c && c.some(function (j) { return overlaps(box, labelBoxes[j].box); })) return false;
    }
    return true;
  }
  function reserve(node, box) {
    var j = labelBoxes.length;
    labelBoxes.push({ node: node, box: box });
    cellKeys(box).forEach(function (k) {
      var c = labelGrid.get(k);
      if (c) c.push(j); else labelGrid.set(k, [j]);
    });
    labelled.add(node);
  }

  function drawNodeLabel(ctx, data, settings) {
    if (!data.label) return;
    var fs = data.labelSize || settings.labelSize;
    var font = (data.labelWeight || "500") + " " + fs + "px " + FONT;
    var wkey = fs + "|" + data.label;
    var w = widths.get(wkey);
    if (w === undefined) { ctx.font = font; w = ctx.measureText(data.label).width; widths.set(wkey, w); }
    var x = data.x + data.size + 3, y = data.y + fs / 3;
    var box = [x - 2, y - fs * 0.8 - 1, w + 4, fs + 3];
    if (!freeAt(box)) return;
    reserve(data.key, box);
    ctx.font = font;
    ctx.lineJoin = "round";
    ctx.lineWidth = 3.5;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.strokeText(data.label, x, y);
    ctx.fillStyle = data.labelColor || "#1f2933";
    ctx.fillText(data.label, x, y);
  }

  /* The hovered or selected node: its label, at its own size, on a white box. */
  function drawNodeHover(ctx, data, settings) {
    var fs = data.labelSize || settings.labelSize;
    var font = "600 " + fs + "px " + FONT;
    ctx.font = font;
    var text = data.label || "";
    var w = text ? ctx.measureText(text).width : 0;
    var x = data.x + data.size + 3, y = data.y + fs / 3;
    ctx.save();
    ctx.shadowColor = "rgba(15,23,42,.3)";
    ctx.shadowBlur = 8;
    ctx.fillStyle = "#fff";
    ctx.beginPath();
    ctx.arc(data.x, data.y, data.size + 3, 0, 2 * Math.PI);
    ctx.fill();
    if (text) ctx.fillRect(x - 3, y - fs * 0.8 - 3, w + 8, fs + 7);
    ctx.restore();
    ctx.fillStyle = data.color;
    ctx.beginPath();
    ctx.arc(data.x, data.y, data.size, 0, 2 * Math.PI);
    ctx.fill();
    if (text) {
      ctx.fillStyle = "#0f172a";
      ctx.fillText(text, x, y);
    }
  }

  /* A link's words: when it is hovered; for the links of the hovered or selected node, when
   * it has few enough to read (MAX_LINK_LABELS); zoomed in, between two labelled nodes. */
  var MAX_LINK_LABELS = 24;
  function fewLinks(node) {
    var n = 0;
    if (graph.hasNode(node)) n = graph.degree(node);
    return n <= MAX_LINK_LABELS;
  }
  var fewCache = new Map();
  function drawEdgeLabel(ctx, edgeData, source, target, settings) {
    var show = false;
    [String(selected), hoveredNode].forEach(function (k) {
      if (show || k === null || k === "null" || (source.key !== k && target.key !== k)) return;
      if (!fewCache.has(k)) fewCache.set(k, fewLinks(k));
      show = fewCache.get(k);
    });
    if (!show && hoveredEdge === edgeData.key) show = true;
    if (!show && renderer.getCamera().ratio < EDGE_LABEL_RATIO) show = labelled.has(source.key) && labelled.has(target.key);
    if (!show) return;
    Sigma.rendering.drawStraightEdgeLabel(ctx, edgeData, source, target, settings);
  }

  var hoveredNode = null, hoveredEdge = null, selected = null, selectedPair = null;
  var neighbourhood = null; // ids around the selected node, for dimming the rest

  var container = $("network");
  var big = byDegree.length > 5000;
  if (!document.createElement("canvas").getContext("webgl")) {
    $("loading-text").textContent = "This page draws with WebGL, which this browser does not offer " +
      "(or has turned off). Search and the panels need it too: open the page in a current browser.";
    throw new Error("kgbuild: no WebGL");
  }
  var renderer = new Sigma(graph, container, {
    renderLabels: true,
    labelDensity: 0,
    labelRenderedSizeThreshold: 0,
    labelSize: 12,
    labelFont: FONT,
    labelWeight: "500",
    defaultDrawNodeLabel: drawNodeLabel,
    defaultDrawNodeHover: drawNodeHover,
    defaultDrawEdgeLabel: drawEdgeLabel,
    renderEdgeLabels: true,
    edgeLabelFont: FONT,
    edgeLabelSize: 11,
    edgeLabelColor: { color: "#475569" },
    enableEdgeEvents: true,
    defaultEdgeType: "arrow",
    edgeProgramClasses: {
      arrow: Sigma.rendering.EdgeArrowProgram,
      "double": Sigma.rendering.EdgeDoubleArrowProgram
    },
    stagePadding: 48,
    minCameraRatio: 0.01,
    maxCameraRatio: 12,
    hideEdgesOnMove: big,
    zIndex: true,
    nodeReducer: function (node, data) {
      if (neighbourhood === null) return data;
      if (neighbourhood.has(Number(node))) {
        return Object.assign({}, data, { zIndex: 1, highlighted: Number(node) === selected });
      }
      return Object.assign({}, data, { color: "#e5e9ef", label: null, zIndex: 0 });
    },
    edgeReducer: function (edge, data) {
      if (neighbourhood === null) return data;
      var p = PAIRS[Number(edge)];
      if (p.a === selected || p.b === selected) return Object.assign({}, data, { zIndex: 1 });
      return Object.assign({}, data, { color: "#eef1f5", zIndex: 0 });
    }
  });
  renderer.on("beforeRender", function () {
    fewCache = new Map();
    labelBoxes = [];
    labelGrid = new Map();
    labelled = new Set();
  });
  renderer.once("afterRender", function () {
    state.ready = true;
    state.settled = true;
    state.loadMs = state.settleMs = performance.now();
    $("loading").classList.add("done");
    document.documentElement.setAttribute("data-state", "settled");
    if (D.focus !== null) focusEntity(D.focus, { keepZoom: true });
  });

  // ------------------------------------------------------------------ filters

  var pinned = new Set();
  var visibleNodes = new Set();
  var visibleFacts = 0;
  var DEGREES = uniqueSorted(ENT.filter(function (e) { return e.x !== null; }).map(function (e) { return e.degree; }));
  var ARTICLES = uniqueSorted(ENT.filter(function (e) { return e.x !== null; }).map(function (e) { return e.articles; }));

  /* The sliders step through the values that occur, so that each step changes what is drawn. */
  function uniqueSorted(xs) {
    return Array.from(new Set(xs.length ? xs : [0])).sort(function (a, b) { return a - b; });
  }
  function atLeast(values, slider) { return values[Number(slider.value)] || 0; }
  function sliderTo(values, slider, v) {
    var i = 0;
    while (i < values.length - 1 && values[i] < v) i++;
    slider.value = String(i);
  }

  function checked(selector, attr) {
    return new Set(Array.from(document.querySelectorAll(selector + " input:checked")).map(function (i) {
      return i.getAttribute(attr);
    }));
  }

  function chosenStory() {
    var v = $("story-filter").value;
    return v === "" || !STORIES[Number(v)] ? null : Number(v);
  }

  function eventFilter() {
    var classes = checked("#f-classes", "data-value");
    var allClasses = classes.size === D.classes.length;
    var art = $("f-article").value === "" ? null : Number($("f-article").value);
    var from = $("f-from").value, to = $("f-to").value;
    var undated = $("f-undated").checked;
    var story = chosenStory();
    var storyArticles = new Set(story === null ? [] : STORIES[story].articles);
    var active = !allClasses || art !== null || !!from || !!to || !undated || story !== null;
    function passes(cls, sources, first, last) {
      if (!allClasses && !cls.some(function (c) { return classes.has(c); })) return false;
      if (art !== null && sources.indexOf(art) < 0) return false;
      if (!first) return undated;
      if (from && last < from) return false;
      if (to && first > to) return false;
      return true;
    }
    function pass(i) {
      var ev = EVENTS[i];
      if (story !== null && ev.story !== story) return false;
      return passes([ev.cls], ev.sources, ev.from, ev.to);
    }
    /* A fact passes when one of its events does (or, summed up, when its summary could: of a
     * story, when one of its articles belongs to the story). */
    function passFact(fact) {
      if (!fact.sum) return fact.events.some(pass);
      var sm = fact.sum;
      if (story !== null && !sm.articles.some(function (a) { return storyArticles.has(a); })) return false;
      return passes(sm.classes.map(function (c) { return D.classes[c]; }), sm.articles, sm.from, sm.to);
    }
    return { active: active, pass: pass, passFact: passFact };
  }

  function nodeFilter() {
    var types = checked("#f-types", "data-type");
    var minDeg = atLeast(DEGREES, $("f-degree")), minArt = atLeast(ARTICLES, $("f-articles"));
    return function (id) {
      if (pinned.has(id)) return true;
      var e = ENT[id];
      return types.has(e.type) && e.degree >= minDeg && e.articles >= minArt;
    };
  }

  function translucent(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }
  var LINK = {};
  Object.keys(D.edgeColors).forEach(function (k) { LINK[k] = translucent(D.edgeColors[k], k === "fact" ? 0.8 : 0.9); });
  function factStyle(facts) {
    var fs = facts.map(function (i) { return FACTS[i]; });
    if (fs.some(function (f) { return f.disputed; })) return LINK.disputed;
    if (fs.every(function (f) { return f.negated; })) return LINK.negated;
    if (fs.every(function (f) { return f.modal; })) return LINK.modal;
    return LINK.fact;
  }

  function applyFilters() {
    var passes = nodeFilter();
    var f = eventFilter();
    var seen = new Set();
    var facts = 0;
    var edgeAttrs = new Map();
    PAIRS.forEach(function (p) {
      if (!(passes(p.a) && passes(p.b))) return;
      var live = p.facts.filter(function (i) { return !f.active || f.passFact(FACTS[i]); });
      if (!live.length) return;
      facts += live.length;
      seen.add(p.a);
      seen.add(p.b);
      var sources = new Set();
      live.forEach(function (i) { factArticles(FACTS[i]).forEach(function (s) { sources.add(s); }); });
      var words = Array.from(new Set(live.map(function (i) { return factWords(FACTS[i]); })));
      edgeAttrs.set(p.id, {
        size: Math.min(1.3 + 0.5 * (sources.size - 1), 4),
        color: factStyle(live),
        label: short(words.slice(0, 2).join(", ") + (words.length > 2 ? " +" + (words.length - 2) : ""))
      });
    });
    pinned.forEach(function (id) { if (drawable(id)) seen.add(id); });
    visibleNodes = seen;
    visibleFacts = facts;
    var g = newGraph();
    byDegree.forEach(function (e) { if (seen.has(e.id)) g.addNode(String(e.id), Object.assign({}, NODE.get(e.id))); });
    edgeAttrs.forEach(function (a, pid) {
      var ends = LINK_ENDS[pid];
      a.type = ends.type;
      g.addDirectedEdgeWithKey(String(pid), String(ends.from), String(ends.to), a);
    });
    graph = g;
    /* Hovering links costs a picking pass over every link drawn: only for views a reader can
     * take in link by link. */
    var few = edgeAttrs.size <= MAX_PICKED_LINKS;
    if (renderer) {
      if (renderer.getSetting("enableEdgeEvents") !== few) renderer.setSetting("enableEdgeEvents", few);
      renderer.setGraph(g);
    }
    $("f-degree-value").textContent = fmt(atLeast(DEGREES, $("f-degree")));
    $("f-articles-value").textContent = fmt(atLeast(ARTICLES, $("f-articles")));
    storyNote();
    updateCounts();
  }

  function updateCounts() {
    var byType = {};
    visibleNodes.forEach(function (id) { var t = ENT[id].type; byType[t] = (byType[t] || 0) + 1; });
    document.querySelectorAll("#f-types .count").forEach(function (c) {
      var t = c.getAttribute("data-type");
      c.textContent = fmt(byType[t] || 0) + " of " + fmt(typeStyle.get(t).built);
    });
    drawnFacts.textContent = fmt(visibleFacts);
    $("status").textContent = "Showing " + plural(visibleNodes.size, "entity", "entities") + " and " +
      plural(visibleFacts, "fact") + " of " + fmt(META.entities) + " entities and " + fmt(META.facts) + " facts" +
      " · click for details, scroll to zoom";
  }

  function setOpeningFilters() {
    var O = D.opening;
    var want = new Set(O.types);
    document.querySelectorAll("#f-types input").forEach(function (i) { i.checked = want.has(i.getAttribute("data-type")); });
    sliderTo(DEGREES, $("f-degree"), O.minDegree);
    sliderTo(ARTICLES, $("f-articles"), O.minArticles);
    document.querySelectorAll("#f-classes input").forEach(function (i) { i.checked = true; });
    $("f-article").value = "";
    $("f-from").value = "";
    $("f-to").value = "";
    $("f-undated").checked = true;
    $("story-filter").value = "";
  }

  function buildFilters() {
    var types = clear($("f-types"));
    D.types.forEach(function (t) {
      var row = el("label", "check" + (t.built ? "" : " empty-type"));
      var box = el("input");
      box.type = "checkbox"; box.setAttribute("data-type", t.name);
      box.addEventListener("change", applyFilters);
      var count = el("span", "count");
      count.setAttribute("data-type", t.name);
      count.title = "drawn of the build's";
      var name = t.name === "Thing" ? "Concept" : t.name;
      append(row, box, swatch(t.color), el("span", null, name), count);
      types.appendChild(row);
    });
    var sliders = [["f-degree", DEGREES], ["f-articles", ARTICLES]];
    sliders.forEach(function (s) {
      var input = $(s[0]);
      input.max = String(s[1].length - 1);
      input.addEventListener("input", applyFilters);
    });
    var classes = clear($("f-classes"));
    var none = D.classes.length <= 1 && !D.classes[0];
    if (none) append(classes, el("span", "note", "No event classes in this build."));
    D.classes.forEach(function (c) {
      var row = el("label", "check");
      var box = el("input");
      box.type = "checkbox"; box.checked = true; box.setAttribute("data-value", c);
      box.addEventListener("change", applyFilters);
      append(row, box, el("span", c ? null : "muted", c || "unclassified"));
      row.hidden = none;
      classes.appendChild(row);
    });
    var sel = clear($("f-article"));
    var all = el("option", null, "All articles");
    all.value = "";
    sel.appendChild(all);
    ART.map(function (a, i) { return i; }).sort(function (i, j) {
      var x = ART[i], y = ART[j];
      return ((x.date || "") + x.title).localeCompare((y.date || "") + y.title);
    }).forEach(function (i) {
      var a = ART[i];
      var o = el("option", null, (a.date ? a.date + " · " : "") + (a.source ? a.source + " · " : "") + a.title);
      o.value = String(i);
      sel.appendChild(o);
    });
    sel.addEventListener("change", applyFilters);
    ["f-from", "f-to", "f-undated"].forEach(function (id) { $(id).addEventListener("change", applyFilters); });
    buildStoryFilter();
    setOpeningFilters();
  }

  function storySpan(st) {
    if (!st.from && !st.to) return "";
    if (!st.from || !st.to || st.from === st.to) return st.from || st.to;
    return st.from + " – " + st.to;
  }
  function storyText(st) {
    var span = storySpan(st);
    return st.label + " — " + plural(st.articles.length, "article") + (span ? ", " + span : "");
  }

  /* One option per story, most articles first; the whole control is hidden without stories. */
  function buildStoryFilter() {
    var sel = clear($("story-filter"));
    var all = el("option", null, "All stories");
    all.value = "";
    sel.appendChild(all);
    STORIES.slice().sort(function (a, b) { return b.articles.length - a.articles.length || a.id - b.id; }).forEach(function (st) {
      var o = el("option", null, storyText(st));
      o.value = String(st.id);
      sel.appendChild(o);
    });
    $("f-stories").hidden = STORIES.length === 0;
    sel.addEventListener("change", applyFilters);
  }

  /* Under the control: the chosen story's main participants. */
  function storyNote() {
    var story = chosenStory();
    var note = $("story-note");
    $("story-filter").title = story === null ? "" : storyText(STORIES[story]);
    if (story === null) { note.textContent = ""; return; }
    var who = STORIES[story].actors.map(label);
    note.textContent = who.length ? "Main participants: " + who.join(", ") : "";
  }

  /* Draw only the facts of one story (from an event's panel). */
  function chooseStory(n) {
    $("story-filter").value = String(n);
    applyFilters();
    select(selected);
  }

  function resetFilters() { setOpeningFilters(); applyFilters(); }

  function restoreView() {
    pinned.clear();
    closePanel();
    setOpeningFilters();
    applyFilters();
    fitVisible(true);
  }

  function buildLegend() {
    var lg = clear($("legend"));
    var C = D.edgeColors;
    function row(icon, text) { append(lg, icon, el("span", null, text)); }
    row(edgeIcon(C.fact, 2), "a link: what one entity did to another (hover or zoom in for the words)");
    row(edgeIcon(C.fact, 5), "thicker: reported by more articles");
    row(edgeIcon(C.negated, 2), "orange: negated (“did not …”)");
    row(edgeIcon(C.modal, 2), "pale: hedged (may, plans to, ready to …)");
    row(edgeIcon(C.disputed, 2), "red: disputed between sources");
    append(lg, el("div", "sub", "Nodes: colour gives the entity type (see above); size grows with the number of connections. Labels are shown where they fit, most connected first; zoom in or hover for the others."));
  }

  // ------------------------------------------------------------------ camera

  /* Fit the drawn nodes in view (the panel, when open, is not counted as free room). */
  function fitVisible(animate) {
    var xs = [], ys = [];
    visibleNodes.forEach(function (id) { xs.push(ENT[id].x); ys.push(-ENT[id].y); });
    if (!xs.length) return;
    var bbox = { x: [Math.min.apply(null, xs), Math.max.apply(null, xs)], y: [Math.min.apply(null, ys), Math.max.apply(null, ys)] };
    if (bbox.x[0] === bbox.x[1]) { bbox.x[0] -= 1; bbox.x[1] += 1; }
    if (bbox.y[0] === bbox.y[1]) { bbox.y[0] -= 1; bbox.y[1] += 1; }
    renderer.setCustomBBox(bbox);
    renderer.refresh();
    var cam = renderer.getCamera();
    if (animate) cam.animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 400 });
    else cam.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  }

  /* Centre a node in the room the panel leaves free (the panel lies over the graph's right). */
  function centreOn(id, keepZoom) {
    var d = renderer.getNodeDisplayData(String(id));
    if (!d) return;
    var cam = renderer.getCamera();
    var ratio = keepZoom ? cam.ratio : Math.min(cam.ratio, 0.5);
    var dims = renderer.getDimensions();
    var panel = $("panel");
    var covered = panel.hidden ? 0 : Math.min(panel.offsetWidth + 20, dims.width / 2);
    var a = renderer.viewportToFramedGraph({ x: dims.width / 2, y: dims.height / 2 });
    var b = renderer.viewportToFramedGraph({ x: (dims.width - covered) / 2, y: dims.height / 2 });
    var k = ratio / cam.ratio;
    cam.animate({ x: d.x + (a.x - b.x) * k, y: d.y + (a.y - b.y) * k, ratio: ratio }, { duration: 450 });
  }

  // ------------------------------------------------------------------ tooltips

  var tip = $("tip");
  function showTip(content, x, y) {
    clear(tip).appendChild(content);
    tip.hidden = false;
    var stage = $("stage").getBoundingClientRect();
    var left = x + 14, top = y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (left + w > stage.width - 8) left = Math.max(8, x - w - 14);
    if (top + h > stage.height - 8) top = Math.max(8, y - h - 14);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() { tip.hidden = true; }

  function sourcesOf(evs) {
    var srcs = new Set();
    evs.forEach(function (i) { EVENTS[i].sources.forEach(function (s) { srcs.add(s); }); });
    return srcs;
  }
  function pairEvents(p) {
    var out = [];
    p.facts.forEach(function (i) { out = out.concat(FACTS[i].events); });
    return out;
  }

  function nodeTip(id) {
    var e = entity(id);
    var box = el("div");
    append(box, el("div", "t-title", e.label));
    append(box, el("div", "t-sub", (e.type === "Thing" ? "Concept" : e.type) + " · " + plural(e.degree, "connection") + " · " + plural(e.events.length, "event")));
    if (e.aliases.length) append(box, el("div", "t-sub", "also: " + e.aliases.slice(0, 6).join(", ")));
    return box;
  }
  function pairTip(pid) {
    var p = PAIRS[pid];
    var box = el("div");
    p.facts.slice(0, 6).forEach(function (i) {
      var f = FACTS[i];
      append(box, el("div", "t-title", label(f.s) + " → " + factWords(f) + " → " + label(f.o)));
    });
    if (p.facts.length > 6) append(box, el("div", "t-sub", "and " + plural(p.facts.length - 6, "more fact")));
    var evs = pairEvents(p);
    var sources = new Set();
    p.facts.forEach(function (i) { factArticles(FACTS[i]).forEach(function (s) { sources.add(s); }); });
    var n = p.facts.reduce(function (t, i) { return t + (FACTS[i].sum ? FACTS[i].sum.n : FACTS[i].events.length); }, 0);
    append(box, el("div", "t-sub", plural(n, "event") + " · " + plural(sources.size, "source")));
    var first = EVENTS[evs[0]];
    if (first && first.evidence.length) {
      var ev = first.evidence[0];
      append(box, el("div", "t-quote", "“" + ev.sentence + "”"));
      var a = article(ev.doc);
      append(box, el("div", "t-cite", "— " + [a.title, a.source, a.date].filter(Boolean).join(", ")));
    }
    return box;
  }
  renderer.on("enterNode", function (p) {
    hoveredNode = p.node;
    showTip(nodeTip(Number(p.node)), p.event.x, p.event.y);
  });
  renderer.on("leaveNode", function () { hoveredNode = null; hideTip(); });
  renderer.on("enterEdge", function (p) {
    hoveredEdge = p.edge;
    showTip(pairTip(Number(p.edge)), p.event.x, p.event.y);
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on("leaveEdge", function () { hoveredEdge = null; hideTip(); renderer.refresh({ skipIndexation: true }); });
  renderer.getCamera().on("updated", hideTip);

  // ------------------------------------------------------------------ selection, search

  function select(id) {
    selected = id;
    selectedPair = null;
    if (id === null || !visibleNodes.has(id)) { neighbourhood = null; }
    else {
      neighbourhood = new Set([id]);
      ENT[id].pairs.forEach(function (pid) {
        var p = PAIRS[pid];
        if (graph.hasEdge(String(pid))) { neighbourhood.add(p.a); neighbourhood.add(p.b); }
      });
    }
    renderer.refresh({ skipIndexation: true });
  }

  /* Show an entity: pinned (drawn whatever the filters), centred, selected, its panel open. */
  function focusEntity(id, opts) {
    opts = opts || {};
    if (drawable(id)) {
      pinned.add(id);
      applyFilters();
    }
    showEntityPanel(id);
    if (drawable(id)) {
      select(id);
      centreOn(id, opts.keepZoom);
    }
  }

  function fold(s) {
    return String(s).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }
  var searchIndex = ENT.map(function (e) {
    var names = [e.label].concat(e.aliases);
    return { id: e.id, names: names, folded: names.map(fold) };
  });

  function searchEntities(q) {
    var want = fold(q);
    if (!want) return [];
    var hits = [];
    for (var k = 0; k < searchIndex.length; k++) {
      var it = searchIndex[k], best = null;
      for (var i = 0; i < it.folded.length; i++) {
        var n = it.folded[i], score;
        if (n === want) score = 0;
        else if (n.indexOf(want) === 0 || n.indexOf(" " + want) >= 0) score = 1;
        else if (n.indexOf(want) >= 0) score = 2;
        else continue;
        if (best === null || score < best.score) best = { score: score, via: i === 0 ? null : it.names[i] };
      }
      if (best) hits.push({ id: it.id, key: ENT[it.id].key, score: best.score, via: best.via });
    }
    hits.sort(function (a, b) {
      return a.score - b.score || ENT[b.id].degree - ENT[a.id].degree || label(a.id).localeCompare(label(b.id));
    });
    return hits;
  }

  var results = [];
  var active = 0;
  function renderResults() {
    var list = clear($("search-results"));
    results.slice(0, MAX_RESULTS).forEach(function (h, i) {
      var li = el("li", i === active ? "active" : "");
      li.setAttribute("role", "option");
      var t = typeOf(h.id);
      append(li, swatch(colorOf(t)), el("span", "name", label(h.id)),
        el("span", "why", h.via ? "alias: " + h.via : (t === "Thing" ? "Concept" : t)));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    var q = $("search").value.trim();
    $("search-note").textContent = q && !results.length ? "No entity matches “" + q + "”." :
      results.length > MAX_RESULTS ? fmt(results.length) + " matches; the first " + MAX_RESULTS + " are listed." : "";
  }
  function choose(i) {
    var h = results[i];
    if (!h) return;
    $("search-results").hidden = true;
    $("search").value = label(h.id);
    focusEntity(h.id);
  }
  function onSearchInput() { results = searchEntities($("search").value); active = 0; renderResults(); }
  $("search").addEventListener("input", onSearchInput);
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { active = Math.min(active + 1, Math.min(results.length, MAX_RESULTS) - 1); renderResults(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(active - 1, 0); renderResults(); ev.preventDefault(); }
    else if (ev.key === "Enter") {
      if (!results.length) onSearchInput();
      choose(active);
      ev.preventDefault();
    } else if (ev.key === "Escape") { $("search-results").hidden = true; }
  });
  $("search").addEventListener("blur", function () { $("search-results").hidden = true; });
  $("search").addEventListener("focus", function () { if (results.length) $("search-results").hidden = false; });

  // ------------------------------------------------------------------ details panel

  function entityLink(id) {
    if (id === null || id === undefined || !entity(id)) return el("span", "muted", "?");
    var b = el("button", "link", label(id));
    b.type = "button";
    b.addEventListener("click", function () { focusEntity(id); });
    return b;
  }

  function flagBadges(ev, into) {
    if (ev.cls) into.appendChild(el("span", "badge cls", ev.cls));
    if (ev.negated) into.appendChild(el("span", "badge neg", "negated"));
    if (ev.modality) into.appendChild(el("span", "badge modal", "hedged: " + ev.modality));
    if (ev.disputed) into.appendChild(el("span", "badge disputed", "disputed"));
    if (ev.relation) into.appendChild(el("span", "badge", "relation"));
  }

  /* A sentence with marks [start, end, class] over it, [start, end) in characters; marks may
   * overlap or nest: each piece of text carries the classes of every mark over it. */
  function sentenceWithMarks(text, marks) {
    var q = el("blockquote");
    var ms = (marks || []).filter(function (m) { return m[0] >= 0 && m[1] <= text.length && m[0] < m[1]; });
    var cuts = new Set([0, text.length]);
    ms.forEach(function (m) { cuts.add(m[0]); cuts.add(m[1]); });
    var points = Array.from(cuts).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < points.length; i++) {
      var a = points[i], b = points[i + 1];
      var cls = ms.filter(function (m) { return m[0] <= a && b <= m[1]; }).map(function (m) { return m[2]; });
      var piece = text.slice(a, b);
      if (cls.length) append(q, el("mark", Array.from(new Set(cls)).join(" "), piece));
      else append(q, piece);
    }
    return q;
  }

  /* The marks of one piece of evidence: subject, predicate and object, and the mentions of the
   * entity whose panel is open (mention spans [start, end, entity] when the build has them). */
  function evidenceMarks(x, who) {
    var marks = x.marks.slice();
    x.mentions.forEach(function (m) { if (m[2] === who) marks.push([m[0], m[1], "mention"]); });
    return marks;
  }

  function eventItem(i, who) {
    var ev = EVENTS[i];
    var box = el("div", "event" + (ev.negated ? " negated" : "") + (ev.modality ? " modal" : "") + (ev.disputed ? " disputed" : ""));
    box.setAttribute("data-event", String(i));
    var when = ev.time ? ev.time + (ev.timeText ? " (“" + ev.timeText + "”)" : "")
      : ev.reported ? "reported " + ev.reported : "undated";
    append(box, el("div", "when", when));
    var what = el("div", "what");
    var pred = (ev.negated ? "not " : "") + (ev.modality ? ev.modality + " " : "") + ev.predicate;
    append(what, entityLink(ev.subject), " ", el("span", "pred", pred), " ");
    if (ev.object !== null) append(what, entityLink(ev.object));
    ev.args.forEach(function (a) { append(what, " " + a[0] + " ", entityLink(a[1])); });
    box.appendChild(what);
    var badges = el("div", "badges");
    flagBadges(ev, badges);
    if (ev.place !== null) badges.appendChild(el("span", "badge", "in " + label(ev.place)));
    if (ev.attributedTo.length) badges.appendChild(el("span", "badge", "according to " + ev.attributedTo.map(label).join(", ")));
    if (badges.firstChild) box.appendChild(badges);
    var list = el("ul", "evidence");
    ev.evidence.forEach(function (x) {
      var li = el("li");
      li.appendChild(sentenceWithMarks(x.sentence, evidenceMarks(x, who)));
      var a = article(x.doc);
      var cite = el("div", "cite");
      append(cite, el("b", null, a.title), [a.source, a.author, a.date].filter(Boolean).map(function (s) { return " · " + s; }).join(""));
      if (x.by) append(cite, " · according to " + x.by);
      li.appendChild(cite);
      list.appendChild(li);
    });
    box.appendChild(list);
    var st = ev.story === null ? null : STORIES[ev.story];
    if (st) {
      var line = el("div", "story");
      var b = el("button", "link", st.label);
      b.type = "button";
      b.title = "Draw only this story's facts: " + storyText(st);
      b.setAttribute("data-story", String(st.id));
      b.addEventListener("click", function () { chooseStory(st.id); });
      append(line, "Story: ", b);
      box.appendChild(line);
    }
    return box;
  }

  /* The events, in time order, MAX_EVENTS at a time; returns a function that shows one of them. */
  function eventList(ids, into, who) {
    var sorted = ids.slice().sort(compareEvents);
    var shownUpTo = 0;
    var moreButton = null;
    function more(upto) {
      if (moreButton) { into.removeChild(moreButton); moreButton = null; }
      var end = Math.min(sorted.length, Math.max(upto, shownUpTo + MAX_EVENTS));
      for (var j = shownUpTo; j < end; j++) into.appendChild(eventItem(sorted[j], who));
      shownUpTo = end;
      if (end < sorted.length) {
        moreButton = el("button", "more", "Show " + Math.min(MAX_EVENTS, sorted.length - end) + " more of " + (sorted.length - end));
        moreButton.type = "button";
        moreButton.addEventListener("click", function () { more(0); });
        into.appendChild(moreButton);
      }
    }
    if (!sorted.length) into.appendChild(el("p", "empty", "No event recorded."));
    else more(0);
    return function reveal(i) {
      var at = sorted.indexOf(i);
      if (at < 0) return null;
      if (at >= shownUpTo) more(at + 1);
      return into.querySelector('[data-event="' + i + '"]');
    };
  }

  /* A strip of dated events, one dot per event at its date; a dot opens its evidence below. */
  function timeline(ids, reveal) {
    var dated = ids.filter(function (i) { return EVENTS[i].from; }).sort(compareEvents);
    var box = el("div", "timeline");
    if (!dated.length) return null;
    var day = function (s) { return Date.parse(s + "T00:00:00Z") / 86400000; };
    var mid = function (ev) { return (day(ev.from) + day(ev.to)) / 2; };
    var t0 = Math.min.apply(null, dated.map(function (i) { return day(EVENTS[i].from); }));
    var t1 = Math.max.apply(null, dated.map(function (i) { return day(EVENTS[i].to); }));
    if (t1 - t0 < 2) { t0 -= 1; t1 += 1; }
    var W = 360, X0 = 8, X1 = W - 8;
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " 64", role: "img", "aria-label": "Timeline of " + plural(dated.length, "dated event") });
    svg.appendChild(svgEl("line", { "class": "axis", x1: X0, y1: 44, x2: X1, y2: 44 }));
    var x = function (t) { return X0 + (X1 - X0) * (t - t0) / (t1 - t0); };
    var y0 = new Date(t0 * 86400000).getUTCFullYear(), y1 = new Date(t1 * 86400000).getUTCFullYear();
    var step = Math.max(1, Math.ceil((y1 - y0 + 1) / 6));
    for (var yr = y0; yr <= y1; yr += step) {
      var tx = x(Date.UTC(yr, 0, 1) / 86400000);
      if (tx < X0 - 1 || tx > X1 + 1) { if (y1 !== y0) continue; tx = X0; }
      svg.appendChild(svgEl("line", { "class": "axis", x1: tx, y1: 41, x2: tx, y2: 47 }));
      var lab = svgEl("text", { "class": "tick", x: tx, y: 60, "text-anchor": "middle" });
      lab.textContent = y1 === y0 ? dated.length ? EVENTS[dated[0]].from.slice(0, 7) : String(yr) : String(yr);
      svg.appendChild(lab);
    }
    var stack = new Map();
    dated.forEach(function (i) {
      var ev = EVENTS[i];
      var cx = Math.round(x(mid(ev)));
      var level = stack.get(cx) || 0;
      stack.set(cx, level + 1);
      var color = ev.disputed ? D.edgeColors.disputed : ev.negated ? D.edgeColors.negated : "#2563eb";
      var dot = svgEl("circle", { "class": "dot", cx: cx, cy: 36 - Math.min(level, 6) * 5, r: 4, fill: color });
      dot.setAttribute("data-event", String(i));
      var title = svgEl("title");
      title.textContent = (eventDate(ev) || "") + " · " + label(ev.subject) + " " + (ev.negated ? "not " : "") + ev.predicate + (ev.object !== null ? " " + label(ev.object) : "");
      dot.appendChild(title);
      dot.addEventListener("click", function () {
        svg.querySelectorAll(".dot.picked").forEach(function (d) { d.classList.remove("picked"); });
        dot.classList.add("picked");
        var item = reveal(i);
        if (!item) return;
        document.querySelectorAll("#panel .event.picked").forEach(function (d) { d.classList.remove("picked"); });
        item.classList.add("picked");
        item.scrollIntoView({ block: "start" });
      });
      svg.appendChild(dot);
    });
    box.appendChild(svg);
    var undated = ids.length - dated.length;
    append(box, el("div", "caption", plural(dated.length, "dated event") + ", " + EVENTS[dated[0]].from + " – " +
      EVENTS[dated[dated.length - 1]].to + (undated ? "; " + fmt(undated) + " undated" : "") + ". Click a dot for its evidence."));
    return box;
  }

  function openPanel() {
    $("panel").hidden = false;
    $("panel").scrollTop = 0;
  }
  function closePanel() { $("panel").hidden = true; select(null); }
  $("panel-close").addEventListener("click", closePanel);

  function showEntityPanel(id) {
    var e = entity(id);
    if (!e) return;
    var body = clear($("panel-body"));
    body.setAttribute("data-kind", "entity");
    append(body, el("h2", null, e.label));
    var badges = el("div", "badges");
    var tb = el("span", "badge type", e.type === "Thing" ? "Concept" : e.type);
    tb.style.background = colorOf(e.type);
    badges.appendChild(tb);
    e.roles.forEach(function (r) { badges.appendChild(el("span", "badge", r)); });
    body.appendChild(badges);
    var facts = el("dl", "facts");
    function fact(k, v) { append(facts, el("dt", null, k), append(el("dd"), v)); }
    fact("Also known as", e.aliases.length ? e.aliases.join(", ") : el("span", "muted", "no other name"));
    fact("Connections", fmt(e.degree));
    if (e.mentions || e.articles) fact("Mentions", fmt(e.mentions) + " in " + plural(e.articles, "article"));
    body.appendChild(facts);
    var hidden = new Set();
    e.pairs.forEach(function (pid) {
      var p = PAIRS[pid], other = p.a === id ? p.b : p.a;
      if (!visibleNodes.has(other)) hidden.add(other);
    });
    if (hidden.size) {
      var kinds = {};
      hidden.forEach(function (k) { var t = ENT[k].type === "Thing" ? "concept" : ENT[k].type.toLowerCase(); kinds[t] = (kinds[t] || 0) + 1; });
      var what = Object.keys(kinds).map(function (t) { return plural(kinds[t], t, t === "country" ? "countries" : t === "person" ? "people" : t + "s"); }).join(", ");
      var b = el("button", "more", "Draw the " + plural(hidden.size, "neighbour") + " not drawn (" + what + ")");
      b.type = "button";
      b.addEventListener("click", function () {
        hidden.forEach(function (k) { pinned.add(k); });
        applyFilters();
        select(id);
        b.remove();
      });
      body.appendChild(b);
    }
    if (!e.carried) {
      var note = el("p", "note", "This entity's events are not on this page, which carries the " + fmt(META.pool) +
        " most connected entities of the build in full. For a page around it, run:");
      append(body, note, el("code", "command", "kgbuild viz --focus " + JSON.stringify(e.label) + " --hops 1"));
      openPanel();
      return;
    }
    append(body, el("h3", null, "Timeline"));
    var list = el("div");
    var reveal = eventList(e.events, list, id);
    var strip = timeline(e.events, reveal);
    body.appendChild(strip || el("p", "empty", "No dated event."));
    append(body, el("h3", null, "Events in time order (" + fmt(e.events.length) + ")"));
    body.appendChild(list);
    openPanel();
  }

  function showPairPanel(pid) {
    var p = PAIRS[pid];
    var evs = pairEvents(p);
    selectedPair = pid;
    var body = clear($("panel-body"));
    body.setAttribute("data-kind", "edge");
    var h = el("h2");
    append(h, entityLink(p.a), el("span", "muted", " and "), entityLink(p.b));
    body.appendChild(h);
    var list = el("ul", "fact-list");
    var summed = false;
    p.facts.forEach(function (i) {
      var f = FACTS[i];
      var li = el("li");
      append(li, label(f.s) + " ", el("span", "pred", factWords(f)), " " + label(f.o));
      if (f.sum) { summed = true; append(li, el("span", "muted", " (" + plural(f.sum.n, "event") + ")")); }
      list.appendChild(li);
    });
    body.appendChild(list);
    if (summed) {
      append(body, el("p", "note", "The events of these facts are not on this page. For a page around them, run:"),
        el("code", "command", "kgbuild viz --focus " + JSON.stringify(label(p.a)) + " --hops 1"));
    }
    var badges = el("div", "badges");
    badges.appendChild(el("span", "badge", plural(sourcesOf(evs).size, "source")));
    body.appendChild(badges);
    append(body, el("h3", null, "Events in time order (" + fmt(evs.length) + ")"));
    var events = el("div");
    eventList(evs, events, null);
    body.appendChild(events);
    openPanel();
  }

  renderer.on("clickNode", function (p) { hideTip(); select(Number(p.node)); showEntityPanel(Number(p.node)); });
  renderer.on("clickEdge", function (p) { hideTip(); select(null); showPairPanel(Number(p.edge)); });
  renderer.on("clickStage", function () { hideTip(); closePanel(); });

  // ------------------------------------------------------------------ wiring

  $("fit").addEventListener("click", function () { fitVisible(true); });
  $("toggle-side").addEventListener("click", function () {
    $("side").classList.toggle("closed");
    renderer.resize();
    renderer.refresh();
  });
  $("reset").addEventListener("click", resetFilters);
  $("restore").addEventListener("click", restoreView);

  fillTitleBar();
  buildFilters();
  buildLegend();
  if (D.focus !== null && drawable(D.focus)) pinned.add(D.focus);
  applyFilters();
  fitVisible(false);

  window.kgbuild = {
    renderer: renderer,
    get graph() { return graph; },
    data: D,
    entities: ENT,
    events: EVENTS,
    facts: FACTS,
    pairs: PAIRS,
    articles: ART,
    stories: STORIES,
    state: state,
    search: searchEntities,
    focus: focusEntity,
    showPair: showPairPanel,
    applyFilters: applyFilters,
    visible: function () { return Array.from(visibleNodes).sort(function (a, b) { return a - b; }); },
    drawnFacts: function () { return visibleFacts; },
    labelBoxes: function () { return labelBoxes.map(function (b) { return { node: Number(b.node), box: b.box.slice() }; }); },
    idOf: function (key) { var e = ENT.find(function (x) { return x.key === key; }); return e ? e.id : null; },
    startedAt: state.startedAt
  };
})();
