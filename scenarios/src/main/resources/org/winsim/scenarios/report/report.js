// winsim's HTML timeline report: draws the run's lanes, spans, marks and arrows on a canvas.
// Plain JavaScript, no library: the page must open with no network access.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var S = D.strings;
  var LABEL_W = 240, LANE_H = 18, GROUP_H = 20, CALL_H = 4;
  var COLORS = {
    running: "#2f9e55", ready: "#f2b630", waiting: "#cdd8ea", call: "#6a4fc2", "failed call": "#d64545",
    LISTEN: "#6b8fd6", SYN_SENT: "#f5d76e", SYN_RCVD: "#f5d76e", ESTABLISHED: "#48b3a8",
    FIN_WAIT_1: "#f0a060", FIN_WAIT_2: "#f0a060", CLOSE_WAIT: "#e98c5a", CLOSING: "#e98c5a", LAST_ACK: "#e07a4f",
    TIME_WAIT: "#b8bec9", signaled: "#b07a3c", nonsignaled: "#e4e7ec", queued: "#d96bb0", empty: "#eceef3", open: "#d9cdee"
  };
  var ARROW_COLORS = { segment: "#1f6feb", wake: "#1f8f3a", link: "#a33ec4" };

  // ---- rows: a header row per group, then its lanes ----
  var rows = [], lastGroup = null, y = 0;
  D.lanes.forEach(function (l, i) {
    if (l.group !== lastGroup) {
      rows.push({ group: l.group, y: y, h: GROUP_H });
      y += GROUP_H;
      lastGroup = l.group;
    }
    l.y = y;
    rows.push({ lane: i, y: y, h: LANE_H });
    y += LANE_H;
  });
  var totalH = y;

  var axis = document.getElementById("axis"), canvas = document.getElementById("lanes");
  var scroller = document.getElementById("scroller"), spacer = document.getElementById("spacer");
  var tip = document.getElementById("tip");
  var ctx = canvas.getContext("2d"), actx = axis.getContext("2d");
  var end = Math.max(D.end, 1);
  var view = { t0: 0, t1: end };
  var W = 0, H = 0, dpr = window.devicePixelRatio || 1;
  var drawnSpans = 0, drawnArrows = 0;

  function stateColor(name) {
    if (COLORS[name]) return COLORS[name];
    var h = 0;
    for (var i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
    return "hsl(" + (h % 360) + ",45%,68%)";
  }
  function us(ns, digits) { return (ns / 1000).toFixed(digits === undefined ? 3 : digits); }
  function x(t) { return LABEL_W + (t - view.t0) * (W - LABEL_W) / (view.t1 - view.t0); }
  function tAt(px) { return view.t0 + (px - LABEL_W) * (view.t1 - view.t0) / (W - LABEL_W); }
  function laneY(i) { return D.lanes[i].y + LANE_H / 2; }
  function kindOf(rec) { var f = D.records[rec].trim().split(/\s+/); return f[3]; }

  // ---- header: figures, summary, note, legend ----
  function header() {
    var threads = 0, objects = 0, counts = { segment: 0, wake: 0, link: 0 };
    D.lanes.forEach(function (l) { if (l.kind === "thread") threads++; else if (l.kind === "object") objects++; });
    D.arrows.forEach(function (a) { counts[a[4]] = (counts[a[4]] || 0) + 1; });
    var fmt = function (n) { return Number(n).toLocaleString("en-US"); };
    var figs = [["virtual time", us(D.end) + " us"], ["records", fmt(D.recordCount)], ["thread lanes", fmt(threads)],
      ["object lanes", fmt(objects)], ["segment arrows", fmt(counts.segment)], ["wake arrows", fmt(counts.wake)],
      ["link arrows", fmt(counts.link)]];
    document.getElementById("figures").innerHTML = figs.map(function (f) {
      return "<span class='fig'>" + f[0] + ": <b>" + f[1] + "</b></span>";
    }).join("");
    document.getElementById("summary").textContent = D.summary.join("\n");
    if (D.aggregated) {
      document.getElementById("note").textContent = "This run has " + Number(D.recordCount).toLocaleString("en-US")
        + " trace records, more than the " + Number(D.detailLimit).toLocaleString("en-US") + " shown one by one: lanes busier than "
        + D.buckets + " changes are aggregated into " + D.buckets + " time slices of " + us(end / D.buckets) + " us each "
        + "(each slice drawn in the state the lane spent most of it in), and calls, marks, arrows and hover records are the first "
        + Number(D.detailLimit).toLocaleString("en-US") + " records only (up to t=" + us(lastDetailTime()) + " us).";
    }
    // the thread states always, other states only when some lane has them; [colour, label, states it stands for]
    var legend = [["running", "running"], ["ready", "ready (no processor)"], ["waiting", "waiting"], ["call", "in an API call"],
      ["failed call", "failed call"], ["ESTABLISHED", "ESTABLISHED", ["ESTABLISHED"]], ["SYN_SENT", "SYN", ["SYN_SENT", "SYN_RCVD"]],
      ["FIN_WAIT_1", "closing", ["FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK"]], ["TIME_WAIT", "TIME_WAIT", ["TIME_WAIT"]],
      ["signaled", "event signaled", ["signaled"]], ["queued", "packets / messages queued", ["queued"]],
      ["open", "window open", ["open"]]];
    var used = {};
    D.lanes.forEach(function (l) { if (l.kind === "object") for (var i = 2; i < l.states.length; i += 5) used[S[l.states[i]]] = true; });
    var html = legend.filter(function (e) { return !e[2] || e[2].some(function (s) { return used[s]; }); }).map(function (e) {
      return "<span><i style='background:" + stateColor(e[0]) + "'></i>" + e[1] + "</span>";
    });
    var drawn = {};
    D.arrows.forEach(function (a) { drawn[a[4]] = true; });
    Object.keys(ARROW_COLORS).filter(function (k) { return drawn[k]; }).forEach(function (k) {
      html.push("<span><i style='height:2px;vertical-align:3px;background:" + ARROW_COLORS[k] + "'></i>" +
        { segment: "segment sent → arrives", wake: "thread → thread it woke",
          link: "queued → taken (completion packet, message, APC)" }[k] + "</span>");
    });
    html.push("<span>▾ another record (hover: its trace line)</span>");
    document.getElementById("legend").innerHTML = html.join("");
  }
  function lastDetailTime() {
    var last = D.records[D.records.length - 1];
    return last ? parseFloat(last) * 1000 : 0;
  }

  // ---- drawing ----
  function resize() {
    var headH = document.getElementById("head").offsetHeight;
    W = document.documentElement.clientWidth;
    H = Math.max(100, window.innerHeight - headH - 26);
    scroller.style.height = H + "px";
    spacer.style.height = totalH + "px";
    [[canvas, W, H], [axis, W, 24]].forEach(function (c) {
      c[0].width = Math.round(c[1] * dpr); c[0].height = Math.round(c[2] * dpr);
      c[0].style.width = c[1] + "px"; c[0].style.height = c[2] + "px";
    });
    draw();
  }

  function niceStep(span, px) {
    var raw = span / Math.max(1, px / 110), p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }

  function drawAxis() {
    actx.setTransform(dpr, 0, 0, dpr, 0, 0);
    actx.clearRect(0, 0, W, 24);
    actx.fillStyle = "#f6f8fb"; actx.fillRect(0, 0, W, 24);
    actx.fillStyle = "#44506a"; actx.font = "11px system-ui, sans-serif"; actx.textBaseline = "middle";
    actx.fillText("time (us) — wheel here to zoom", 6, 12);
    var step = Math.max(1, niceStep(view.t1 - view.t0, W - LABEL_W));
    var digits = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
    actx.strokeStyle = "#b8c0cf";
    for (var t = Math.ceil(view.t0 / step) * step; t <= view.t1; t += step) {
      var px = x(t);
      actx.beginPath(); actx.moveTo(px + .5, 14); actx.lineTo(px + .5, 24); actx.stroke();
      actx.fillText(us(t, digits), px + 3, 8);
    }
    document.getElementById("range").textContent = "showing " + us(view.t0) + " – " + us(view.t1) + " us ("
      + us(view.t1 - view.t0) + " us)";
  }

  // first span whose end is after t (spans are sorted and do not overlap within a lane's layer)
  function firstAfter(arr, t) {
    var lo = 0, hi = arr.length / 5;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (arr[mid * 5 + 1] <= t) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function drawSpans(arr, top, h, withText) {
    var n = arr.length / 5, lastX = -1, lastColor = null;
    for (var k = firstAfter(arr, view.t0); k < n; k++) {
      var s = arr[k * 5], e = arr[k * 5 + 1];
      if (s > view.t1) break;
      var x0 = Math.max(LABEL_W, x(s)), x1 = Math.min(W, x(e));
      var color = stateColor(S[arr[k * 5 + 2]]);
      if (x1 - x0 < 1) { // sub-pixel: one pixel per column at most
        if (Math.floor(x0) === lastX && color === lastColor) continue;
        x1 = x0 + 1;
      }
      ctx.fillStyle = color;
      ctx.fillRect(x0, top, x1 - x0, h);
      drawnSpans++;
      lastX = Math.floor(x0); lastColor = color;
      if (withText && x1 - x0 > 60 && arr[k * 5 + 3] >= 0) {
        ctx.save(); ctx.beginPath(); ctx.rect(x0 + 2, top, x1 - x0 - 4, h); ctx.clip();
        ctx.fillStyle = "#1d2330"; ctx.fillText(S[arr[k * 5 + 3]], x0 + 3, top + h / 2 + .5);
        ctx.restore();
      }
    }
  }

  function draw() {
    drawnSpans = 0; drawnArrows = 0;
    var top = scroller.scrollTop;
    canvas.style.top = top + "px";
    ctx.setTransform(dpr, 0, 0, dpr, 0, -top * dpr);
    ctx.clearRect(0, top, W, H);
    ctx.font = "11px system-ui, sans-serif"; ctx.textBaseline = "middle";
    var visible = [];
    rows.forEach(function (r) {
      if (r.y + r.h < top || r.y > top + H) return;
      if (r.group !== undefined) {
        ctx.fillStyle = "#e9edf4"; ctx.fillRect(0, r.y, W, r.h);
        ctx.fillStyle = "#1d2330"; ctx.font = "600 12px system-ui, sans-serif";
        ctx.fillText(r.group, 6, r.y + r.h / 2 + .5);
        ctx.font = "11px system-ui, sans-serif";
        return;
      }
      var l = D.lanes[r.lane];
      visible.push(r.lane);
      if (r.lane % 2) { ctx.fillStyle = "#fafbfd"; ctx.fillRect(LABEL_W, r.y, W - LABEL_W, r.h); }
      drawSpans(l.states, r.y + 2, LANE_H - 4, true);
      drawSpans(l.calls, r.y + LANE_H - CALL_H - 1, CALL_H, false);
      ctx.fillStyle = "#fff"; ctx.fillRect(0, r.y, LABEL_W, r.h);
      ctx.fillStyle = l.kind === "thread" ? "#1d2330" : "#44506a";
      var name = l.kind === "thread" && l.name.indexOf(":") > 0 ? l.name.substring(l.name.indexOf(":") + 1) : l.name;
      ctx.save(); ctx.beginPath(); ctx.rect(0, r.y, LABEL_W - 6, r.h); ctx.clip();
      ctx.fillText((l.kind === "thread" ? "  " : "  ◦ ") + name, 8, r.y + r.h / 2 + .5);
      ctx.restore();
      ctx.strokeStyle = "#eef0f4"; ctx.beginPath(); ctx.moveTo(0, r.y + r.h - .5); ctx.lineTo(W, r.y + r.h - .5); ctx.stroke();
    });
    ctx.strokeStyle = "#d5dae3"; ctx.beginPath(); ctx.moveTo(LABEL_W - .5, top); ctx.lineTo(LABEL_W - .5, top + H); ctx.stroke();
    drawMarks(top);
    drawArrows(top);
    drawAxis();
    report(visible.length);
  }

  function drawMarks(top) {
    var lastKey = null;
    D.marks.forEach(function (m) {
      var ly = D.lanes[m[0]].y;
      if (ly + LANE_H < top || ly > top + H || m[1] < view.t0 || m[1] > view.t1) return;
      var px = Math.round(x(m[1])), key = m[0] + ":" + px;
      if (key === lastKey) return;
      lastKey = key;
      var finding = kindOf(m[2]) === "FINDING";
      ctx.fillStyle = finding ? "#d62828" : "#394150";
      ctx.beginPath(); ctx.moveTo(px - 3, ly + 1); ctx.lineTo(px + 3, ly + 1); ctx.lineTo(px, ly + 7); ctx.closePath(); ctx.fill();
    });
  }

  function drawArrows(top) {
    ctx.save();
    ctx.beginPath(); ctx.rect(LABEL_W, top, W - LABEL_W, H); ctx.clip();
    D.arrows.forEach(function (a) {
      if (Math.max(a[1], a[3]) < view.t0 || Math.min(a[1], a[3]) > view.t1) return;
      var y0 = laneY(a[0]), y1 = laneY(a[2]);
      if (Math.max(y0, y1) < top || Math.min(y0, y1) > top + H) return;
      var x0 = x(a[1]), x1 = x(a[3]);
      ctx.strokeStyle = ctx.fillStyle = ARROW_COLORS[a[4]] || "#555";
      ctx.lineWidth = 1.2;
      ctx.setLineDash(a[4] === "wake" ? [3, 2] : []);
      ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.stroke();
      var ang = Math.atan2(y1 - y0, x1 - x0);
      ctx.setLineDash([]);
      ctx.beginPath(); ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - 6 * Math.cos(ang - .45), y1 - 6 * Math.sin(ang - .45));
      ctx.lineTo(x1 - 6 * Math.cos(ang + .45), y1 - 6 * Math.sin(ang + .45));
      ctx.closePath(); ctx.fill();
      drawnArrows++;
    });
    ctx.restore();
  }

  // what the test reads with --dump-dom once the page has drawn
  function report(visibleLanes) {
    var c = document.getElementById("counts"), kinds = { thread: 0, object: 0, kernel: 0 }, arrows = { segment: 0, wake: 0, link: 0 };
    D.lanes.forEach(function (l) { kinds[l.kind]++; });
    D.arrows.forEach(function (a) { arrows[a[4]]++; });
    c.setAttribute("data-lanes", D.lanes.length);
    c.setAttribute("data-thread-lanes", kinds.thread);
    c.setAttribute("data-object-lanes", kinds.object);
    c.setAttribute("data-arrows", D.arrows.length);
    c.setAttribute("data-segment-arrows", arrows.segment);
    c.setAttribute("data-wake-arrows", arrows.wake);
    c.setAttribute("data-link-arrows", arrows.link);
    c.setAttribute("data-marks", D.marks.length);
    c.setAttribute("data-visible-lanes", visibleLanes);
    c.setAttribute("data-drawn-spans", drawnSpans);
    c.setAttribute("data-drawn-arrows", drawnArrows);
    c.setAttribute("data-rendered", "yes");
  }

  // ---- zoom, pan, hover ----
  function setView(t0, t1) {
    var span = Math.max(10, Math.min(end * 1.05, t1 - t0));
    t0 = Math.max(-end * 0.025, Math.min(t0, end * 1.025 - span));
    view.t0 = t0; view.t1 = t0 + span;
    draw();
  }
  function zoom(factor, atPx) {
    var t = tAt(atPx === undefined ? (LABEL_W + W) / 2 : Math.max(LABEL_W, atPx));
    setView(t - (t - view.t0) * factor, t + (view.t1 - t) * factor);
  }
  function pan(fraction) { var d = (view.t1 - view.t0) * fraction; setView(view.t0 + d, view.t1 + d); }

  canvas.addEventListener("wheel", function (e) {
    if (e.ctrlKey || e.metaKey) { e.preventDefault(); zoom(e.deltaY > 0 ? 1.25 : 0.8, e.offsetX); }
    else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) { e.preventDefault(); pan((e.deltaX || e.deltaY) / 1000); }
  }, { passive: false });
  axis.addEventListener("wheel", function (e) { e.preventDefault(); zoom(e.deltaY > 0 ? 1.25 : 0.8, e.offsetX); }, { passive: false });
  scroller.addEventListener("scroll", draw);
  var drag = null;
  canvas.addEventListener("mousedown", function (e) {
    drag = { x: e.clientX, y: e.clientY, t0: view.t0, t1: view.t1, top: scroller.scrollTop };
    canvas.classList.add("dragging");
  });
  window.addEventListener("mouseup", function () { drag = null; canvas.classList.remove("dragging"); });
  window.addEventListener("mousemove", function (e) {
    if (!drag) return;
    var dt = (e.clientX - drag.x) * (drag.t1 - drag.t0) / (W - LABEL_W);
    scroller.scrollTop = drag.top - (e.clientY - drag.y);
    setView(drag.t0 - dt, drag.t1 - dt);
  });
  canvas.addEventListener("dblclick", function () { setView(0, end); });
  document.getElementById("zoom-in").onclick = function () { zoom(0.5); };
  document.getElementById("zoom-out").onclick = function () { zoom(2); };
  document.getElementById("fit").onclick = function () { setView(0, end); };
  window.addEventListener("keydown", function (e) {
    var k = e.key.toLowerCase();
    if (k === "w" || k === "+" || k === "=") zoom(0.7);
    else if (k === "s" || k === "-") zoom(1 / 0.7);
    else if (k === "a" || k === "arrowleft") pan(-0.2);
    else if (k === "d" || k === "arrowright") pan(0.2);
    else if (k === "0") setView(0, end);
  });

  function spanAt(arr, t) {
    var k = firstAfter(arr, t);
    return k < arr.length / 5 && arr[k * 5] <= t ? k : -1;
  }
  function distToSegment(px, py, x0, y0, x1, y1) {
    var dx = x1 - x0, dy = y1 - y0, len = dx * dx + dy * dy;
    var u = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len));
    return Math.hypot(px - (x0 + u * dx), py - (y0 + u * dy));
  }
  canvas.addEventListener("mousemove", function (e) {
    if (drag) { tip.hidden = true; return; }
    var px = e.offsetX, py = e.offsetY + scroller.scrollTop, text = null;
    if (px > LABEL_W) {
      var t = tAt(px), best = 5;
      D.arrows.forEach(function (a) {
        var d = distToSegment(px, py, x(a[1]), laneY(a[0]), x(a[3]), laneY(a[2]));
        if (d < best) {
          best = d;
          text = a[4] + " arrow: " + us(a[1]) + " → " + us(a[3]) + " us\n" + (a[5] >= 0 ? D.records[a[5]] : "");
        }
      });
      var row = rows.find(function (r) { return py >= r.y && py < r.y + r.h; });
      if (!text && row && row.lane !== undefined) {
        var l = D.lanes[row.lane], tol = 4 * (view.t1 - view.t0) / (W - LABEL_W);
        var mark = D.marks.find(function (m) { return m[0] === row.lane && Math.abs(m[1] - t) <= tol; });
        if (mark) text = D.records[mark[2]];
        if (!text && py >= row.y + LANE_H - CALL_H - 2) {
          var c = spanAt(l.calls, t);
          if (c >= 0) text = spanText(l, l.calls, c);
        }
        if (!text) {
          var s = spanAt(l.states, t);
          if (s >= 0) text = spanText(l, l.states, s);
        }
        if (!text) text = l.name;
      }
    }
    if (!text) { tip.hidden = true; return; }
    tip.textContent = text;
    tip.hidden = false;
    var tx = Math.min(e.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    var ty = e.clientY + 16 + tip.offsetHeight > window.innerHeight ? e.clientY - tip.offsetHeight - 8 : e.clientY + 16;
    tip.style.left = Math.max(4, tx) + "px"; tip.style.top = ty + "px";
  });
  canvas.addEventListener("mouseleave", function () { tip.hidden = true; });

  function spanText(l, arr, k) {
    var s = arr[k * 5], e = arr[k * 5 + 1], label = arr[k * 5 + 3], rec = arr[k * 5 + 4];
    var head = l.name + ": " + S[arr[k * 5 + 2]] + (label >= 0 && S[label] !== S[arr[k * 5 + 2]] ? " — " + S[label] : "")
      + "\n" + us(s) + " → " + us(e) + " us (" + us(e - s) + " us)";
    if (label < 0) head += "\n(aggregated: the state this lane spent most of this time slice in)";
    return rec >= 0 ? head + "\n" + D.records[rec] : head;
  }

  // a link to a time range: report.html#500-800 opens showing 500 us to 800 us
  function fromHash() {
    var m = /^#([0-9.]+)-([0-9.]+)$/.exec(location.hash);
    if (m && parseFloat(m[2]) > parseFloat(m[1])) setView(parseFloat(m[1]) * 1000, parseFloat(m[2]) * 1000);
  }

  header();
  window.addEventListener("resize", resize);
  window.addEventListener("hashchange", fromHash);
  resize();
  fromHash();
})();
