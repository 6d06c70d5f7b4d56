/* kgbuild graph page.
 *
 * Every piece of text from the articles reaches the screen through textContent (or as the text of
 * a canvas label): nothing here parses text as HTML. The page data is one JSON document in the
 * element #kg-data (type application/json): {data, nodes, edges, options}. Entities, articles and
 * sentences are numbered; a node's id is its entity's number, an edge's id its place in
 * data.edgeEvents.
 */
(function () {
  "use strict";

  var RAW = JSON.parse(document.getElementById("kg-data").textContent);
  var D = RAW.data;
  var META = D.meta;
  var SVG = "http://www.w3.org/2000/svg";
  var MAX_RESULTS = 12;
  var MAX_EVENTS = 60;

  // ------------------------------------------------------------------ data, unpacked

  var TYPES = D.types.map(function (t) { return t.name; });
  var typeStyle = new Map();
  D.types.forEach(function (t) { typeStyle.set(t.name, t); });
  var ENT = D.entities.map(function (r, i) {
    return {
      id: i, key: r[0], label: r[1], type: TYPES[r[2]] || "Thing", aliases: r[3], roles: r[4],
      mentions: r[5], articles: r[6], degree: r[7], drawable: r[8] === 1, events: []
    };
  });
  var ART = D.articles.map(function (r) {
    return { id: r[0], title: r[1], date: r[2], source: r[3], author: r[4] };
  });
  var EVENTS = D.events.map(function (e, i) {
    var ev = {
      predicate: e.p, cls: D.classes[e.c] || "", subject: e.s, object: e.o === undefined ? null : e.o,
      args: e.a || [], negated: e.n === 1, modality: e.m || "", disputed: e.d === 1, relation: e.r === 1,
      time: e.t || null, timeText: e.tt || "", reported: e.rp || null, from: e.f || null, to: e.u || null,
      place: e.pl === undefined ? null : e.pl, attributedTo: e.at || [], sources: e.src,
      evidence: e.ev.map(function (x) {
        var s = D.sentences[x[0]];
        return { doc: s[0], sentence: s[1], marks: x[1], by: x[2] || "" };
      })
    };
    var who = new Set([ev.subject]);
    if (ev.object !== null) who.add(ev.object);
    ev.args.forEach(function (a) { who.add(a[1]); });
    ev.attributedTo.forEach(function (k) { who.add(k); });
    if (ev.place !== null) who.add(ev.place);
    who.forEach(function (k) { if (ENT[k]) ENT[k].events.push(i); });
    return ev;
  });

  var state = { ready: false, settled: false, loadMs: null, settleMs: null };
  var poolNodes = new Map();
  var poolEdges = new Map();
  var edgesOf = new Map();
  RAW.nodes.forEach(function (n) { poolNodes.set(n.id, n); edgesOf.set(n.id, []); });
  RAW.edges.forEach(function (e) {
    poolEdges.set(e.id, e);
    edgesOf.get(e.from).push(e.id);
    edgesOf.get(e.to).push(e.id);
  });

  // ------------------------------------------------------------------ DOM helpers (text only)

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
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

  function shapeIcon(shape, color, size) {
    size = size || 14;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", size);
    svg.setAttribute("height", size);
    svg.setAttribute("viewBox", "0 0 14 14");
    var s;
    if (shape === "dot") {
      s = document.createElementNS(SVG, "circle");
      s.setAttribute("cx", "7"); s.setAttribute("cy", "7"); s.setAttribute("r", "5.5");
    } else if (shape === "square") {
      s = document.createElementNS(SVG, "rect");
      s.setAttribute("x", "2"); s.setAttribute("y", "2"); s.setAttribute("width", "10"); s.setAttribute("height", "10");
    } else {
      s = document.createElementNS(SVG, "polygon");
      var pts = {
        diamond: "7,0.8 13.2,7 7,13.2 0.8,7",
        triangle: "7,1 13,12.5 1,12.5",
        triangleDown: "1,1.5 13,1.5 7,13",
        hexagon: "3.6,1.2 10.4,1.2 13.4,7 10.4,12.8 3.6,12.8 0.6,7",
        star: "7,0.8 8.8,5 13.3,5.3 9.8,8.2 11,12.8 7,10.3 3,12.8 4.2,8.2 0.7,5.3 5.2,5"
      }[shape] || "7,0.8 13.2,7 7,13.2 0.8,7";
      s.setAttribute("points", pts);
    }
    s.setAttribute("fill", color);
    s.setAttribute("stroke", "rgba(0,0,0,.35)");
    s.setAttribute("stroke-width", "1");
    svg.appendChild(s);
    return svg;
  }

  function edgeIcon(color, dashed, width) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "44");
    svg.setAttribute("height", "12");
    var l = document.createElementNS(SVG, "line");
    l.setAttribute("x1", "2"); l.setAttribute("y1", "6"); l.setAttribute("x2", "34"); l.setAttribute("y2", "6");
    l.setAttribute("stroke", color);
    l.setAttribute("stroke-width", String(width || 2));
    if (dashed) l.setAttribute("stroke-dasharray", "5 3");
    var a = document.createElementNS(SVG, "polygon");
    a.setAttribute("points", "33,2 42,6 33,10");
    a.setAttribute("fill", color);
    svg.appendChild(l);
    svg.appendChild(a);
    return svg;
  }

  // ------------------------------------------------------------------ data helpers

  function entity(id) { return ENT[id] || null; }
  function label(id) { var e = entity(id); return e ? e.label : "?"; }
  function typeOf(id) { var e = entity(id); return e ? e.type : "Thing"; }
  function colorOf(type) { var t = typeStyle.get(type); return t ? t.color : "#a0aab4"; }
  function article(id) { return ART[id] || { id: "?", title: "?", date: null, source: null, author: null }; }
  function plural(n, word) { return fmt(n) + " " + word + (n === 1 ? "" : "s"); }
  function fmt(n) { return Number(n).toLocaleString("en"); }
  function edgeEvents(id) { return D.edgeEvents[id] || []; }

  function eventDate(ev) { return ev.time || ev.reported || null; }
  function compareEvents(a, b) {
    var da = eventDate(EVENTS[a]) || "9999", db = eventDate(EVENTS[b]) || "9999";
    if (da !== db) return da < db ? -1 : 1;
    return a - b;
  }

  // ------------------------------------------------------------------ title bar

  function fillTitleBar() {
    var bar = clear($("built"));
    if (D.focus !== null) {
      append(bar, el("span", "headline", "Around " + label(D.focus) + " (" + plural(META.hops, "hop") + ")"));
    }
    function item(value, word, opt) {
      var s = el("span", "item" + (opt ? " opt" : ""));
      append(s, el("b", null, value), " " + word);
      bar.appendChild(s);
    }
    item(fmt(META.articles), META.articles === 1 ? "article" : "articles");
    if (META.sources.length) {
      var src = el("span", "item opt", "from " + META.sources.slice(0, 4).join(", ") +
        (META.sources.length > 4 ? " and " + (META.sources.length - 4) + " more" : ""));
      src.title = META.sources.join(", ");
      bar.appendChild(src);
    }
    if (META.firstDate) {
      var range = META.firstDate === META.lastDate ? META.firstDate : META.firstDate + " – " + META.lastDate;
      var d = el("span", "item");
      append(d, "dates ", el("b", null, range));
      bar.appendChild(d);
    }
    item(fmt(META.entities), "entities");
    item(fmt(META.events), "events");
    item(fmt(META.edges), "facts drawn", true);
  }

  // ------------------------------------------------------------------ network

  var shown = new Set(D.view);
  var pinned = new Set();
  var nodes = new vis.DataSet(RAW.nodes.filter(function (n) { return shown.has(n.id); }));
  var edges = new vis.DataSet(RAW.edges.filter(function (e) { return shown.has(e.from) && shown.has(e.to); }));
  var container = $("network");
  var t0 = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, RAW.options);
  var labelled = D.labelled.slice();
  var physicsDone = !(META.physics && nodes.length > 1);

  /* Settled: drawn at least once and, where physics runs, physics done and stopped. */
  function maybeSettle() {
    if (state.settled || !state.ready || !physicsDone) return;
    state.settled = true;
    state.settleMs = performance.now();
    $("loading").classList.add("done");
    document.documentElement.setAttribute("data-state", "settled");
    keepLabelsReadable();
    if (D.focus !== null) focusEntity(D.focus);
  }

  if (!physicsDone) {
    network.on("stabilizationProgress", function (p) {
      $("progress-bar").style.width = Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      physicsDone = true;
      maybeSettle();
    });
  } else {
    $("loading").classList.add("done");
  }
  network.once("afterDrawing", function () {
    state.ready = true;
    state.loadMs = performance.now();
    document.documentElement.setAttribute("data-state", "ready");
    maybeSettle();
  });

  /* The most connected nodes keep a label of at least 13 screen pixels at every zoom. */
  function keepLabelsReadable() {
    var scale = network.getScale() || 1;
    var size = Math.max(14, Math.min(13 / scale, 400));
    var upd = labelled.filter(function (k) { return shown.has(k); }).map(function (k) {
      return { id: k, font: { size: size, color: "#0f172a", strokeWidth: size / 3.5 } };
    });
    if (upd.length) nodes.update(upd);
  }
  network.on("zoom", keepLabelsReadable);
  network.on("animationFinished", keepLabelsReadable);

  // ------------------------------------------------------------------ tooltips

  var tip = $("tip");
  function showTip(content, pointer) {
    clear(tip).appendChild(content);
    tip.hidden = false;
    var stage = $("stage").getBoundingClientRect();
    var x = pointer.x + 14, y = pointer.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > stage.width - 8) x = Math.max(8, pointer.x - w - 14);
    if (y + h > stage.height - 8) y = Math.max(8, pointer.y - h - 14);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }

  function sourcesOf(evs) {
    var srcs = new Set();
    evs.forEach(function (i) { EVENTS[i].sources.forEach(function (s) { srcs.add(s); }); });
    return srcs;
  }

  function nodeTip(id) {
    var e = entity(id);
    var box = el("div");
    append(box, el("div", "t-title", e.label));
    append(box, el("div", "t-sub", e.type + " · " + plural(e.degree, "connection") + " · " + plural(e.events.length, "event")));
    if (e.aliases.length) append(box, el("div", "t-sub", "also: " + e.aliases.slice(0, 6).join(", ")));
    return box;
  }
  function edgeTip(id) {
    var e = poolEdges.get(id), evs = edgeEvents(id);
    var first = EVENTS[evs[0]];
    var box = el("div");
    append(box, el("div", "t-title", label(e.from) + " → " + e.label + " → " + label(e.to)));
    var flags = [];
    if (first.negated) flags.push("negated");
    if (first.modality) flags.push("hedged: " + first.modality);
    if (evs.some(function (i) { return EVENTS[i].disputed; })) flags.push("disputed");
    append(box, el("div", "t-sub", plural(sourcesOf(evs).size, "source") + (flags.length ? " · " + flags.join(" · ") : "")));
    if (first.evidence.length) {
      var ev = first.evidence[0];
      append(box, el("div", "t-quote", "“" + ev.sentence + "”"));
      var a = article(ev.doc);
      append(box, el("div", "t-cite", "— " + [a.title, a.source, a.date].filter(Boolean).join(", ")));
    }
    return box;
  }
  network.on("hoverNode", function (p) { showTip(nodeTip(p.node), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("hoverEdge", function (p) { showTip(edgeTip(p.edge), p.pointer.DOM); });
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ------------------------------------------------------------------ adding nodes to the view

  function neighboursOf(id) {
    return (edgesOf.get(id) || []).map(function (eid) {
      var e = poolEdges.get(eid);
      return e.from === id ? e.to : e.from;
    });
  }

  function placeNear(id) {
    var pos = network.getPositions(Array.from(shown));
    var anchors = neighboursOf(id).filter(function (k) { return pos[k]; });
    var angle = shown.size * 2.399963;
    if (anchors.length) {
      var a = pos[anchors[0]];
      return { x: a.x + 130 * Math.cos(angle), y: a.y + 130 * Math.sin(angle) };
    }
    var c = network.getViewPosition();
    return { x: c.x + 60 * Math.cos(angle), y: c.y + 60 * Math.sin(angle) };
  }

  function addToView(ids) {
    var newNodes = [];
    ids.forEach(function (k) {
      if (shown.has(k) || !poolNodes.has(k)) return;
      newNodes.push(Object.assign({}, poolNodes.get(k), placeNear(k)));
      shown.add(k);
    });
    if (!newNodes.length) return;
    nodes.add(newNodes);
    var newEdges = new Map();
    newNodes.forEach(function (n) {
      edgesOf.get(n.id).forEach(function (eid) {
        var e = poolEdges.get(eid);
        if (shown.has(e.from) && shown.has(e.to) && !edges.get(eid)) newEdges.set(eid, e);
      });
    });
    edges.add(Array.from(newEdges.values()));
    applyFilters();
  }

  function focusEntity(id) {
    if (!poolNodes.has(id)) { showEntityPanel(id); return; }
    var box = document.querySelector('#f-types input[data-type="' + CSS.escape(typeOf(id)) + '"]');
    if (box && !box.checked) box.checked = true;
    pinned.add(id);
    addToView([id]);
    applyFilters();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 500, easingFunction: "easeInOutQuad" } });
    showEntityPanel(id);
  }

  // ------------------------------------------------------------------ filters

  function checked(selector, attr) {
    return new Set(Array.from(document.querySelectorAll(selector + " input:checked")).map(function (i) {
      return i.getAttribute(attr);
    }));
  }

  function eventFilter() {
    var classes = checked("#f-classes", "data-value");
    var allClasses = classes.size === D.classes.length;
    var art = $("f-article").value === "" ? null : Number($("f-article").value);
    var from = $("f-from").value, to = $("f-to").value;
    var undated = $("f-undated").checked;
    var active = !allClasses || art !== null || !!from || !!to || !undated;
    function pass(i) {
      var ev = EVENTS[i];
      if (!allClasses && !classes.has(ev.cls)) return false;
      if (art !== null && ev.sources.indexOf(art) < 0) return false;
      if (!ev.from) return undated;
      if (from && ev.to < from) return false;
      if (to && ev.from > to) return false;
      return true;
    }
    return { active: active, pass: pass };
  }

  function applyFilters() {
    var types = checked("#f-types", "data-type");
    var f = eventFilter();
    var hasEdge = new Set();
    var edgeUpd = [];
    var visEdges = 0;
    edges.forEach(function (e) {
      var ok = types.has(typeOf(e.from)) && types.has(typeOf(e.to)) && (!f.active || edgeEvents(e.id).some(f.pass));
      if (ok) { hasEdge.add(e.from); hasEdge.add(e.to); visEdges++; }
      if (!!e.hidden === ok) edgeUpd.push({ id: e.id, hidden: !ok });
    });
    var nodeUpd = [];
    var visible = 0;
    nodes.forEach(function (n) {
      var ok = types.has(typeOf(n.id)) && (!f.active || hasEdge.has(n.id) || pinned.has(n.id));
      if (ok) visible++;
      if (!!n.hidden === ok) nodeUpd.push({ id: n.id, hidden: !ok });
    });
    if (nodeUpd.length) nodes.update(nodeUpd);
    if (edgeUpd.length) edges.update(edgeUpd);
    $("status").textContent = "Showing " + fmt(visible) + " of " + fmt(META.pool) + " entities · " +
      plural(visEdges, "fact") + (META.listed ? " · " + fmt(META.listed) + " more entities found by search" : "") +
      " · click for details, scroll to zoom";
  }

  function buildFilters() {
    var counts = {};
    RAW.nodes.forEach(function (n) { var t = typeOf(n.id); counts[t] = (counts[t] || 0) + 1; });
    var types = clear($("f-types"));
    D.types.forEach(function (t) {
      var row = el("label", "check" + (counts[t.name] ? "" : " empty-type"));
      var box = el("input");
      box.type = "checkbox"; box.checked = true; box.setAttribute("data-type", t.name);
      box.addEventListener("change", applyFilters);
      append(row, box, shapeIcon(t.shape, t.color), el("span", null, t.name), el("span", "count", fmt(counts[t.name] || 0)));
      types.appendChild(row);
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
  }

  function resetFilters() {
    document.querySelectorAll("#f-types input, #f-classes input").forEach(function (i) { i.checked = true; });
    $("f-article").value = "";
    $("f-from").value = "";
    $("f-to").value = "";
    $("f-undated").checked = true;
    pinned.clear();
    applyFilters();
  }

  function restoreView() {
    var keep = new Set(D.view);
    nodes.remove(nodes.getIds({ filter: function (n) { return !keep.has(n.id); } }));
    edges.remove(edges.getIds({ filter: function (e) { return !(keep.has(e.from) && keep.has(e.to)); } }));
    shown = keep;
    resetFilters();
    closePanel();
    network.fit({ animation: { duration: 400 } });
  }

  function buildLegend() {
    var lg = clear($("legend"));
    var C = D.edgeColors;
    function row(icon, text) { append(lg, icon, el("span", null, text)); }
    row(edgeIcon(C.fact, false, 2), "fact: actor → target, labelled with what happened");
    row(edgeIcon(C.fact, false, 6), "thicker: reported by more articles");
    row(edgeIcon(C.fact, true, 2), "dashed: negated (“did not …”)");
    row(edgeIcon(C.modal, false, 2), "muted: hedged (may, plans to, ready to …)");
    row(edgeIcon(C.disputed, false, 2), "red: disputed between sources");
    append(lg, el("div", "sub", "Nodes: colour and shape give the entity type (see above); size grows with the number of connections. The most connected keep their label at every zoom."));
  }

  // ------------------------------------------------------------------ search

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
    searchIndex.forEach(function (it) {
      var best = null;
      for (var i = 0; i < it.folded.length; i++) {
        var n = it.folded[i], score;
        if (n === want) score = 0;
        else if (n.indexOf(want) === 0 || n.indexOf(" " + want) >= 0) score = 1;
        else if (n.indexOf(want) >= 0) score = 2;
        else continue;
        if (best === null || score < best.score) best = { score: score, via: i === 0 ? null : it.names[i] };
      }
      if (best) hits.push({ id: it.id, key: ENT[it.id].key, score: best.score, via: best.via });
    });
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
      var t = typeStyle.get(typeOf(h.id)) || { shape: "dot", color: "#a0aab4" };
      append(li, shapeIcon(t.shape, t.color, 12), el("span", "name", label(h.id)),
        el("span", "why", h.via ? "alias: " + h.via : typeOf(h.id)));
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
    if (id === null || id === undefined) return el("span", "muted", "—");
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

  function sentenceWithMarks(text, marks) {
    var q = el("blockquote");
    var ms = (marks || []).slice().sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    ms.forEach(function (m) {
      if (m[0] < at || m[1] > text.length) return;
      append(q, text.slice(at, m[0]), el("mark", m[2], text.slice(m[0], m[1])));
      at = m[1];
    });
    append(q, text.slice(at));
    return q;
  }

  function eventItem(i) {
    var ev = EVENTS[i];
    var box = el("div", "event" + (ev.negated ? " negated" : "") + (ev.modality ? " modal" : "") + (ev.disputed ? " disputed" : ""));
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
      li.appendChild(sentenceWithMarks(x.sentence, x.marks));
      var a = article(x.doc);
      var cite = el("div", "cite");
      append(cite, el("b", null, a.title), [a.source, a.author, a.date].filter(Boolean).map(function (s) { return " · " + s; }).join(""));
      if (x.by) append(cite, " · according to " + x.by);
      li.appendChild(cite);
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function eventList(ids, into) {
    var sorted = ids.slice().sort(compareEvents);
    function more(from) {
      var end = Math.min(sorted.length, from + MAX_EVENTS);
      for (var j = from; j < end; j++) into.appendChild(eventItem(sorted[j]));
      if (end < sorted.length) {
        var b = el("button", "more", "Show " + Math.min(MAX_EVENTS, sorted.length - end) + " more of " + (sorted.length - end));
        b.type = "button";
        b.addEventListener("click", function () { into.removeChild(b); more(end); });
        into.appendChild(b);
      }
    }
    if (!sorted.length) into.appendChild(el("p", "empty", "No event recorded."));
    else more(0);
  }

  function openPanel() {
    $("panel").hidden = false;
    $("panel").scrollTop = 0;
  }
  function closePanel() { $("panel").hidden = true; network.unselectAll(); }
  $("panel-close").addEventListener("click", closePanel);

  function showEntityPanel(id) {
    var e = entity(id);
    if (!e) return;
    var body = clear($("panel-body"));
    body.setAttribute("data-kind", "entity");
    append(body, el("h2", null, e.label));
    var badges = el("div", "badges");
    var tb = el("span", "badge type", e.type);
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
    if (!e.drawable) {
      var note = el("p", "note", "This entity is not on this page, which carries the " + fmt(META.pool) +
        " most connected entities of the build in full. For a page around it, run:");
      append(body, note, el("code", "command", "kgbuild viz --focus " + JSON.stringify(e.label) + " --hops 1"));
      openPanel();
      return;
    }
    var hidden = Array.from(new Set(neighboursOf(id).filter(function (k) { return !shown.has(k); })));
    if (hidden.length) {
      var b = el("button", "more", "Show " + plural(hidden.length, "more neighbour"));
      b.type = "button";
      b.addEventListener("click", function () { addToView(hidden); b.remove(); });
      body.appendChild(b);
    }
    append(body, el("h3", null, "Events in time order (" + fmt(e.events.length) + ")"));
    var list = el("div");
    eventList(e.events, list);
    body.appendChild(list);
    openPanel();
  }

  function showEdgePanel(id) {
    var e = poolEdges.get(id);
    var evs = edgeEvents(id);
    var body = clear($("panel-body"));
    body.setAttribute("data-kind", "edge");
    var h = el("h2");
    append(h, entityLink(e.from), el("span", "muted", " → " + e.label + " → "), entityLink(e.to));
    body.appendChild(h);
    var badges = el("div", "badges");
    flagBadges(EVENTS[evs[0]], badges);
    badges.appendChild(el("span", "badge", plural(sourcesOf(evs).size, "source")));
    body.appendChild(badges);
    append(body, el("h3", null, "Events in time order (" + fmt(evs.length) + ")"));
    var list = el("div");
    eventList(evs, list);
    body.appendChild(list);
    openPanel();
  }

  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) showEntityPanel(p.nodes[0]);
    else if (p.edges.length) showEdgePanel(p.edges[0]);
    else $("panel").hidden = true;
  });

  // ------------------------------------------------------------------ wiring

  $("fit").addEventListener("click", function () { network.fit({ animation: { duration: 400 } }); });
  $("toggle-side").addEventListener("click", function () { $("side").classList.toggle("closed"); });
  $("reset").addEventListener("click", resetFilters);
  $("restore").addEventListener("click", restoreView);

  fillTitleBar();
  buildFilters();
  buildLegend();
  applyFilters();

  window.kgbuild = {
    network: network,
    nodes: nodes,
    edges: edges,
    data: D,
    entities: ENT,
    events: EVENTS,
    articles: ART,
    state: state,
    search: searchEntities,
    focus: focusEntity,
    showEdge: showEdgePanel,
    idOf: function (key) { var e = ENT.find(function (x) { return x.key === key; }); return e ? e.id : null; },
    startedAt: t0
  };
})();
